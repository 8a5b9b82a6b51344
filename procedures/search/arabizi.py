"""Arabic typed in Latin letters ("Arabizi": ``chahadat sokna``, ``3a9d lizdiyad``).

Letter-by-letter transliteration (what ``darija-tools`` and ``arabizi`` do) is not
enough: vowels are written or not, long or short ("chahadat" is not شاهادات), ق is
typed 9, q or k, the article is glued or apart. So both sides are reduced to a
**consonant skeleton** and compared there:

- Arabic: the key (article already removed) with its vowel letters and weak
  consonants (ا و ي ى), ع and hamza dropped, and letters people do not tell apart in
  Latin script merged (س ص → s, ت ط ث → t, د ض ذ ظ → d, ق ك → k, ح ه → h). A final
  ه (ta marbuta folded) is read three ways: silent, ``t`` (the construct state,
  "chahada*t* sokna") or ``h``.
- Latin: digraphs first (kh, ch/sh, gh, th, dh, dj), then the digits that stand for
  letters (3 ع and 2 ء dropped like vowels, 7 and 8 → h, 9 → k, 5 → kh, 6 → t), vowels
  and y/w dropped, p → b, v → f, q/c → k.

Both sides then collapse doubled consonants. A skeleton of one consonant says little
("7aya" for الحياة): it is used only for words of four letters or more on both sides
(and in Latin, with two vowels at least: "zzzz" is no word).
Skeleton terms carry the ``~`` mark so that they never meet a word's own term; the
index holds them in fields of their own.
"""
import re
from functools import lru_cache

MARK = "~"
MIN_CONSONANTS = 2
MIN_LETTERS_FOR_ONE = 4  # a word this long may have a one-consonant skeleton…
MIN_VOWELS_FOR_ONE = 2  # …if it is a word at all ("7aya", not "zzzz")

ARABIC = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "j", "ح": "h", "ه": "h", "خ": "x",
    "د": "d", "ض": "d", "ذ": "d", "ظ": "d", "ر": "r", "ز": "z", "س": "s", "ص": "s", "ش": "c",
    "غ": "g", "گ": "g", "ڭ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n",
}
LATIN_DIGRAPHS = (("tch", "c"), ("kh", "x"), ("ch", "c"), ("sh", "c"), ("gh", "g"), ("th", "t"), ("dh", "d"),
                  ("dj", "j"))
LATIN = {
    "b": "b", "p": "b", "t": "t", "d": "d", "j": "j", "g": "g", "h": "h", "x": "x", "r": "r", "z": "z",
    "s": "s", "f": "f", "v": "f", "q": "k", "k": "k", "c": "k", "l": "l", "m": "m", "n": "n",
    "7": "h", "8": "h", "9": "k", "5": "x", "6": "t",
}
# The article, alone or after a glued particle (ب، ف، ل، و), longest first.
ARTICLES = ("bil", "bel", "fil", "fel", "lil", "wal", "wel", "al", "el", "l")
LATIN_WORD = re.compile(r"^[a-z0-9]+$")
DOUBLES = re.compile(r"(.)\1+")


def _skeleton(letters):
    return DOUBLES.sub(r"\1", "".join(letters))


@lru_cache(maxsize=100_000)
def of_arabic(key):
    """The skeletons of an Arabic key (folded, article removed): one, or three when it
    ends in ه."""
    if key.endswith("ه") and len(key) > 2:
        core = _skeleton(ARABIC.get(letter, "") for letter in key[:-1])
        found = {core, _skeleton(core + "t"), _skeleton(core + "h")}
    else:
        found = {_skeleton(ARABIC.get(letter, "") for letter in key)}
    return _kept(found, len(key))


def _kept(found, letters, vowels=MIN_VOWELS_FOR_ONE):
    shortest = 1 if letters >= MIN_LETTERS_FOR_ONE and vowels >= MIN_VOWELS_FOR_ONE else MIN_CONSONANTS
    return tuple(sorted(MARK + value for value in found if len(value) >= shortest))


@lru_cache(maxsize=100_000)
def of_latin(key):
    """The skeletons a Latin word (folded) may stand for: as typed, and without a glued
    article (``lbini``, ``lizdiyad``, ``elbini``). Empty for words that are not
    letters and digits."""
    if not LATIN_WORD.match(key) or key.isdigit():
        return ()
    found = _kept({_latin(key)}, len(key), _vowels(key))
    for article in ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 3:
            # Without the article first: "l7aya" is rather الحياة than لائحة.
            rest = key[len(article):]
            found = _kept({_latin(rest)}, len(rest), _vowels(rest)) + found
            break
    return tuple(dict.fromkeys(found))


def _vowels(word):
    return sum(letter in "aeiouyw" for letter in word)


def _latin(word):
    for digraph, letter in LATIN_DIGRAPHS:
        word = word.replace(digraph, letter.upper())
    return _skeleton(LATIN.get(letter, "") if letter.islower() or letter.isdigit() else letter.lower()
                     for letter in word)


def is_skeleton(term):
    return term.startswith(MARK)
