"""Word families: a verb and its noun are the same search (``ouvrir`` / ``ouverture``,
``construire`` / ``construction``, سجل / تسجيل, بنى / بناء).

Snowball already joins many (déclarer / déclaration, délivrer / délivrance); the rest
follow shapes that are data (``families.json``): French endings, Arabic patterns (the
verb and its masdar, present and past). ``related(key)`` gives every word the shapes
allow; the lexicon keeps those the catalogue actually uses, so the families come
from the catalogue's own vocabulary and a shape that makes no real word costs nothing.
"""
import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "families.json"
ARABIC = re.compile("[\u0621-\u064a]")


def _compile(shape):
    """A regular expression for ``shape`` and a template to fill: ``*`` is the rest
    of a word (two letters at least), each ``C`` one letter."""
    pattern, template, group = "", "", 0
    for letter in shape:
        if letter in "*C":
            group += 1
            pattern += r"(\w{2,})" if letter == "*" else r"(\w)"
            template += f"\\{group}"
        else:
            pattern += re.escape(letter)
            template += letter
    return re.compile(f"^{pattern}$"), template


@lru_cache(maxsize=1)
def rules():
    """``(pattern, template)`` for each shape pair, both ways."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    found = []
    for one, other in (pair for language in ("fr", "ar") for pair in data[language]):
        (pattern_one, template_one), (pattern_other, template_other) = _compile(one), _compile(other)
        found += [(pattern_one, template_other), (pattern_other, template_one)]
    return tuple(found)


# Arabic takes two steps (يبني → بني → بنا: a present tense, its past, its masdar);
# French one: two would make typos into families (naissence → naisser → naissance).
STEPS = {"ar": 2, "fr": 1}


@lru_cache(maxsize=50_000)
def related(key):
    """Every word the shapes make of ``key`` (a folded word) in up to ``STEPS`` steps,
    itself left out."""
    steps = STEPS["ar" if ARABIC.search(key) else "fr"]
    forms = {key}
    if key.endswith("s") and not key.endswith("ss") and len(key) > 4:
        forms.add(key[:-1])  # a French plural
    found = set(forms)
    for _step in range(steps):
        forms = {match.expand(template) for form in forms for pattern, template in rules()
                 if (match := pattern.match(form))} - found
        found |= forms
    return tuple(sorted(found - {key}))
