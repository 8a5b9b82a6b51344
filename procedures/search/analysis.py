"""From text to search terms, the same way for the catalogue and for what citizens type.

Pure Python (no search engine here), so the rules can be tested and reused by the
highlighter, the suggestions and the benchmark's baseline alike.

Every word gets three forms:

- ``key``: the word as a reader would recognise it, folded — case, accents, Arabic
  diacritics, tatweel, alef forms, ى/ي, ة/ه and hamza carriers unified, and for Arabic
  the article with its attached particles (ال، وال، بال، كال، فال، لل) removed. Typo
  tolerance and suggestions work on keys: a typo wrecks a stem, not a key.
- ``term``: the key reduced by Snowball (Arabic or French, chosen by the script). The
  Arabic stemmer is fed the definite form (ال + key): it conflates far more families so.
- ``alternates``: extra terms the word also stands for, indexed beside it: a word
  starting with the conjunction و or ف ("وثيقة" or "ونسخة") is also indexed without it.

Changing any rule here changes the terms in the index: bump ``VERSION`` and the
index is rebuilt by itself (it stores the version it was built with).
"""
import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from procedures.text import ARABIC_DIACRITICS, TATWEEL, fold

from . import arabizi

VERSION = 2

WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
HAMZA = "ء"
ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")  # longest first
CONJUNCTIONS = ("و", "ف")
MIN_STEM_INPUT = 2  # letters left after removing an article

ARABIC_STOP_WORDS = frozenset(fold(word).replace(HAMZA, "") for word in str.split("""
و في من على إلى الى عن أو او مع ثم قد لا ما هل هذا هذه ذلك تلك التي الذي الذين اللذين كل بعد قبل عند
لدى حول حسب أي اي إن ان أن كان كانت لم لن ب ل ك ف به بها له لها فيه فيها منه منها عليه عليها أجل اجل
كيف ماذا متى أين اين بين غير دون
"""))

FRENCH_STOP_WORDS = frozenset(fold(word) for word in str.split("""
a à au aux avec ce ces c cet cette d dans de des du elle en et eux il ils j je l la le les leur leurs lui
m ma mais me même mes moi mon n ne nos notre nous on ou où par pas pour qu que qui s sa se ses son sur t ta
te tes toi ton tu un une vos votre vous y été être est sont comment quel quelle quels quelles faut
al el dyal dial diyal ech ach ash esh men mn min fi ila
"""))  # the last line: Arabizi's article and particles ("rokhsat el bini", "dyal", "men")


@dataclass(frozen=True)
class Word:
    text: str  # as written
    start: int
    end: int
    key: str
    term: str
    alternates: tuple = ()
    arabic: bool = False

    @property
    def letters(self):
        return len(self.key)


@lru_cache(maxsize=1)
def _stemmers():
    return Stemmer.Stemmer("arabic"), Stemmer.Stemmer("french")


def is_arabic(text):
    return bool(ARABIC_LETTER.search(text))


def arabic_key(folded):
    """The word without its article and attached particles, hamza dropped."""
    for article in ARTICLES:
        if folded.startswith(article) and len(folded) - len(article) >= MIN_STEM_INPUT:
            folded = folded[len(article):]
            break
    return folded.replace(HAMZA, "")


@lru_cache(maxsize=200_000)
def arabic_term(key):
    """Snowball Arabic fed the definite form, with the final ة it expects (typed ه or ة)."""
    spelt = key[:-1] + "ة" if key.endswith("ه") else key
    stem = _stemmers()[0].stemWord("ال" + spelt)
    return fold(stem).replace(HAMZA, "") or key


@lru_cache(maxsize=200_000)
def french_term(key):
    return _stemmers()[1].stemWord(key)


def analyse_word(text, start=0):
    """A ``Word``, or None for a stop word."""
    analysed = _analyse(text)
    if analysed is None:
        return None
    return Word(text, start, start + len(text), *analysed)


@lru_cache(maxsize=200_000)
def _analyse(text):
    """``(key, term, alternates, arabic)`` of a word, or None for a stop word."""
    folded = fold(text)
    if not folded:
        return None
    if is_arabic(folded):
        if folded.replace(HAMZA, "") in ARABIC_STOP_WORDS:
            return None
        key = arabic_key(folded)
        alternates = ()
        if key == folded.replace(HAMZA, "") and key[:1] in CONJUNCTIONS and len(key) > 3:
            alternates = (arabic_term(arabic_key(key[1:])),)
        return key, arabic_term(key), alternates, True
    if folded in FRENCH_STOP_WORDS or (len(folded) == 1 and not folded.isdigit()):
        return None
    return folded, french_term(folded), (), False


def words(text):
    """The words of ``text`` that count for search, with their place in it."""
    found = []
    for match in WORD.finditer(text or ""):
        for offset, part in _parts(match.group()):
            word = analyse_word(part, match.start() + offset)
            if word is not None:
                found.append(word)
    return found


def _parts(token):
    """Underscores split words too (``\\w`` keeps them)."""
    offset = 0
    for part in token.split("_"):
        if part:
            yield offset, part
        offset += len(part) + 1


def index_terms(text):
    """The terms to index for ``text``: each word's term and its alternates."""
    return indexed(text)[0]


def indexed(text):
    """``(terms, display forms)`` of ``text``'s words, for the index: what ``words``
    gives, without the positions, and remembered per token — a full rebuild meets the
    same few thousand tokens millions of times."""
    terms, displays = [], []
    for token in WORD.findall(text or ""):
        token_terms, token_displays = token_analysis(token)
        terms.extend(token_terms)
        displays.extend(token_displays)
    return terms, displays


@lru_cache(maxsize=200_000)
def token_analysis(token):
    """``(terms, display forms)`` of one token of ``WORD`` (alternates among the terms)."""
    terms, displays = [], []
    for _offset, part in _parts(token):
        analysed = _analyse(part)
        if analysed is not None:
            _key, term, alternates, _arabic = analysed
            terms.append(term)
            terms.extend(alternates)
            displays.append(display_form(part))
    return tuple(terms), tuple(displays)


def skeletons(text):
    """The consonant skeletons of ``text``'s Arabic words (``arabizi``), for the index."""
    found = []
    for token in WORD.findall(text or ""):
        found.extend(token_skeletons(token))
    return found


@lru_cache(maxsize=200_000)
def token_skeletons(token):
    found = []
    for _offset, part in _parts(token):
        analysed = _analyse(part)
        if analysed is not None and analysed[3]:
            found.extend(arabizi.of_arabic(analysed[0]))
    return tuple(found)


@lru_cache(maxsize=200_000)
def token_spans(token):
    """``(start, end, terms)`` of each word of one token of ``WORD`` (stop words left
    out), ``terms`` with its alternates: what the highlighter compares with a query's."""
    spans = []
    for offset, part in _parts(token):
        analysed = _analyse(part)
        if analysed is not None:
            key, term, alternates, arabic = analysed
            skeletons = arabizi.of_arabic(key) if arabic else ()
            spans.append((offset, offset + len(part), frozenset((term, *alternates, *skeletons))))
    return tuple(spans)


@lru_cache(maxsize=200_000)
def token_terms(token):
    """Every term of one token of ``WORD``, alternates included."""
    return frozenset().union(*(terms for _start, _end, terms in token_spans(token)))


def display_form(word_text):
    """How a word is offered back ("did you mean"): lower case, no diacritics or tatweel."""
    return ARABIC_DIACRITICS.sub("", word_text.replace(TATWEEL, "")).lower()
