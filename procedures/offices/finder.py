"""Finding a commune (or an arrondissement) from what someone types, in Arabic or French.

Pure: built from ``territory.units()`` once per process, no database, no Flask. Names are folded
the way the catalogue's search folds words (``procedures.text.fold`` and the Arabic article
rule of ``search.analysis``), and Latin spellings are also compared by a consonant skeleton, so
that "Meknes", "Miknas", "Ouarzazate" and "Warzazat", "Kenitra" and "Qnitra" meet.

A match is ranked: the whole name (0), the start of the name (1), the start of a later word (2),
the skeleton (3); then the larger population first.
"""
import bisect
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
class _Index:
    places: tuple  # Place, by position
    by_code: dict
    # Sorted (form, position) pairs, so that a prefix is found by bisection, not by a scan.
    names: tuple  # each name, folded
    tails: tuple  # each name from its second word on
    skeletons: tuple  # Latin names' consonant skeletons, from each word on


def _sorted_pairs(pairs):
    return tuple(sorted(pairs))


@cache
def _index():
    by_code = {unit["code"]: unit for unit in units()}
    places, names, tails, skeletons = [], [], [], []
    for unit in units():
        if unit["level"] not in ("commune", "arrondissement"):
            continue
        parent = by_code[unit["parent_code"]]
        position = len(places)
        places.append(Place(unit["code"], unit["level"], unit["name"], parent["name"], unit["population"] or 0))
        for name in unit["name"].values():
            folded = words(name)
            names.append((" ".join(folded), position))
            tails += [(" ".join(folded[i:]), position) for i in range(1, len(folded))]
            if not is_arabic(name):
                skeletons += [(bone, position) for i in range(len(folded)) if (bone := skeleton(folded[i:]))]
    return _Index(tuple(places), {place.code: place for place in places}, _sorted_pairs(names),
                  _sorted_pairs(tails), _sorted_pairs(skeletons))


def _starting_with(pairs, prefix):
    """The (form, position) pairs whose form starts with ``prefix``."""
    start = bisect.bisect_left(pairs, (prefix,))
    for form, position in pairs[start:]:
        if not form.startswith(prefix):
            break
        yield form, position


def find(text, limit=MAX_CHOICES):
    """The places matching ``text``, best first, as (rank, place)."""
    folded = words(text)
    key, bones = " ".join(folded), skeleton(folded)
    if not key:
        return []
    index, best = _index(), {}

    def keep(position, rank):
        if rank < best.get(position, 9):
            best[position] = rank
    for form, position in _starting_with(index.names, key):
        keep(position, 0 if form == key else 1)
    for _form, position in _starting_with(index.tails, key):
        keep(position, 2)
    if len(bones) >= 2:
        for _form, position in _starting_with(index.skeletons, bones):
            keep(position, 3)
    ranked = sorted((rank, -index.places[p].population, index.places[p].code, p) for p, rank in best.items())
    return [(rank, index.places[p]) for rank, _population, _code, p in ranked[:limit]]


def by_code(code):
    return _index().by_code.get(code)


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
