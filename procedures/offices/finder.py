"""Finding a commune (or an arrondissement) from what someone types, in Arabic or French.

Pure: built from ``territory.units()`` once per process, no database, no Flask. Names are folded
the way the catalogue's search folds words (``procedures.text.fold`` and the Arabic article
rule of ``search.analysis``), and Latin spellings are also compared by a consonant skeleton, so
that "Meknes", "Miknas", "Ouarzazate" and "Warzazat", "Kenitra" and "Qnitra" meet.

A match is ranked: the whole name (0), the start of the name (1), the start of a later word (2),
the skeleton (3); then the larger population first.
"""
import re
from dataclasses import dataclass
from functools import cache

from procedures.search.analysis import arabic_key, is_arabic
from procedures.text import fold

from .territory import units

PUNCTUATION = re.compile(r"[^\w\s]|_")
LATIN_ARTICLES = frozenset({"el", "al", "ad", "ed", "es", "as", "er", "ar", "et", "at", "ech", "ach", "d", "l"})
SKELETON_RULES = (("ch", "x"), ("sh", "x"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ou", "w"),
                  ("q", "k"), ("y", "i"))
VOWELS = re.compile("[aeiouh]")
DOUBLES = re.compile(r"(.)\1+")
MAX_CHOICES = 12
MAX_QUERY = 80


def words(text):
    """Folded words, without articles (ال, el-, d'…)."""
    found = []
    for word in PUNCTUATION.sub(" ", fold(text[:MAX_QUERY])).split():
        if is_arabic(word):
            found.append(arabic_key(word))
        elif word not in LATIN_ARTICLES:
            found.append(word)
    return found


def skeleton(latin_words):
    text = "".join(word for word in latin_words if not is_arabic(word))
    for old, new in SKELETON_RULES:
        text = text.replace(old, new)
    return DOUBLES.sub(r"\1", VOWELS.sub("", text))


@dataclass(frozen=True)
class Place:
    code: str
    level: str  # commune or arrondissement
    name: dict
    within: dict  # the province (of a commune) or the commune (of an arrondissement)
    population: int


@dataclass(frozen=True)
class _Entry:
    place: Place
    names: tuple  # per language: the folded words joined by spaces
    tails: tuple  # each name from its second word on
    skeletons: tuple


@cache
def _index():
    by_code = {unit["code"]: unit for unit in units()}
    entries = []
    for unit in units():
        if unit["level"] not in ("commune", "arrondissement"):
            continue
        parent = by_code[unit["parent_code"]]
        place = Place(unit["code"], unit["level"], unit["name"], parent["name"], unit["population"] or 0)
        names, tails, skeletons = [], [], []
        for name in unit["name"].values():
            folded = words(name)
            names.append(" ".join(folded))
            tails += [" ".join(folded[i:]) for i in range(1, len(folded))]
            if not is_arabic(name):
                skeletons += [skeleton(folded[i:]) for i in range(len(folded))]
        entries.append(_Entry(place, tuple(names), tuple(tails), tuple(s for s in skeletons if s)))
    return tuple(entries)


def _rank(entry, key, bones):
    if key in entry.names:
        return 0
    if any(name.startswith(key) for name in entry.names):
        return 1
    if any(tail.startswith(key) for tail in entry.tails):
        return 2
    if len(bones) >= 2 and any(bone.startswith(bones) for bone in entry.skeletons):
        return 3
    return None


def find(text, limit=MAX_CHOICES):
    """The places matching ``text``, best first, as (rank, place)."""
    folded = words(text)
    key, bones = " ".join(folded), skeleton(folded)
    if not key:
        return []
    ranked = []
    for entry in _index():
        rank = _rank(entry, key, bones)
        if rank is not None:
            ranked.append((rank, -entry.place.population, entry.place.code, entry.place))
    ranked.sort()
    return [(rank, place) for rank, _population, _code, place in ranked[:limit]]


def by_code(code):
    return next((entry.place for entry in _index() if entry.place.code == code), None)


def resolve(text):
    """``(place, choices)``: one place when the text names exactly one (the only match, or the only
    one whose whole name it is); otherwise no place and the choices to offer (none if unknown)."""
    found = find(text)
    exact = [place for rank, place in found if rank == 0]
    if len(exact) == 1:
        return exact[0], []
    if len(found) == 1:
        return found[0][1], []
    return None, [place for _rank, place in found]
