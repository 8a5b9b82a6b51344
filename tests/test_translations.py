"""Every user-visible string exists in every language, and the catalogues are not stale."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages():
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalogue(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


@pytest.fixture(scope="module")
def in_source():
    return source_messages()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_string_in_the_code_is_translated(in_source, lang):
    translated = {}
    for message in catalogue(lang):
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            translated[key] = all(strings) and "fuzzy" not in message.flags
    missing = sorted(in_source - translated.keys())
    untranslated = sorted(key for key, done in translated.items() if key in in_source and not done)
    assert not missing, f"not in translations/{lang} (run `make messages`): {missing}"
    assert not untranslated, f"untranslated or fuzzy in translations/{lang}: {untranslated}"


def test_arabic_has_its_six_plural_forms():
    arabic = catalogue("ar")
    assert arabic.num_plurals == 6
    for message in arabic:
        if message.id and not isinstance(message.id, str):
            assert len(message.string) == 6 and all(message.string), message.id
