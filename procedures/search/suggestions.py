"""Suggestions as you type: procedures whose words complete the last word's prefix.

Where the completing word is found, best first: a title, a synonym of a title's words
(typing "pas" finds the passport through "passport"), a listed document ("lotis" finds
the procedures asking for a plan de lotissement). Among words found in the same place,
the words people search most come first (``usage``), then those most procedures use;
then the shorter title. The word being typed is taken as typed, even a stop word or a
single letter ("pas" while typing "passeport", "ce", "a"); the words before it must
all be among the procedure's words.

A sorted list of keys (folded, article removed) and, per key, its procedures already in
order: a lookup is a binary search and a short walk. The prefixes of one and two
letters, whose walks would be the longest, are answered from a table built with the
rest.
"""
import heapq
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from . import analysis

LIMIT = 8
WORDS = 5  # completions offered as words
TABLE_PREFIX = 2  # prefixes up to this length are answered from the table
MAX_KEYS = 400  # keys walked for a longer prefix
MAX_SCANNED = 300  # candidates whose titles are looked at when earlier words narrow the choice
TITLE, SYNONYM, DOCUMENT = 0, 1, 2


@dataclass(frozen=True)
class Title:
    slug: str
    titles: dict  # {"ar": …, "fr": …}
    keys: frozenset  # its title's words
    length: int


class Suggester:
    def __init__(self, entries, groups=()):
        """``entries``: ``(slug, {"ar": title, "fr": title}, document words)``;
        ``groups``: synonym groups, each a list of expressions as written. Ranked by the
        number of procedures using each word until ``ranked`` gives the searches."""
        self._titles = []
        found = {}  # key -> {number: place}
        displays, shown = {}, {}  # key -> how the word is shown in a title, in a document
        for slug, titles, words in entries:
            number = len(self._titles)
            title_keys = set()
            for text in titles.values():
                for word in analysis.words(text):
                    title_keys.add(word.key)
                    displays.setdefault(word.key, analysis.display_form(word.text))
                    found.setdefault(word.key, {})[number] = TITLE
            for display in words:
                key = _key(display)
                if key is not None and key not in title_keys:
                    shown.setdefault(key, display)
                    found.setdefault(key, {}).setdefault(number, DOCUMENT)
            self._titles.append(Title(slug, titles, frozenset(title_keys),
                                      min((len(t) for t in titles.values() if t), default=0)))
        displays = {**shown, **displays}
        self._add_synonyms(groups, found, displays)
        self._keys = sorted(found)
        self._displays = displays
        self._position = {key: position for position, key in enumerate(self._keys)}
        # Per key, ``(place, title length, procedure)``: by place, then shorter title.
        lengths = [title.length for title in self._titles]
        self._postings = [sorted((place, lengths[number], number) for number, place in found[key].items())
                          for key in self._keys]
        self.ranked({})

    def ranked(self, uses):
        """Rank the words by ``uses`` (``{key: searches}``), then by how many procedures use
        them: cheap beside building, so the counts can be read again often. Returns self."""
        self._rank = {key: (-uses.get(key, 0), -len(postings), key)
                      for key, postings in zip(self._keys, self._postings, strict=True)}
        self._table = {}
        prefixes = {key[:size] for key in self._keys for size in range(1, TABLE_PREFIX + 1) if len(key) >= size}
        self._table = {prefix: self._walk(prefix) for prefix in prefixes}
        return self

    def _add_synonyms(self, groups, found, displays):
        """Each word of an expression finds, as a synonym, the procedures whose title
        holds every word of another expression of its group."""
        for expressions in groups:
            spelt = [(text, [word.key for word in analysis.words(text)]) for text in expressions]
            spelt = [(text, keys) for text, keys in spelt if keys]
            titled = []
            for _text, keys in spelt:
                sets = [{n for n, place in found.get(key, {}).items() if place == TITLE} for key in keys]
                titled.append(set.intersection(*sets) if sets else set())
            for index, (text, keys) in enumerate(spelt):
                others = set().union(*(numbers for other, numbers in enumerate(titled) if other != index))
                for key in keys if others else ():
                    displays.setdefault(key, analysis.display_form(text))
                    places = found.setdefault(key, {})
                    for number in others:
                        if places.get(number, DOCUMENT) > SYNONYM:
                            places[number] = SYNONYM

    def _ordered_keys(self, prefix):
        """The keys starting with ``prefix``: the prefix itself first, then by rank."""
        start, end = bisect_left(self._keys, prefix), bisect_left(self._keys, prefix + "\uffff")
        if end - start > MAX_KEYS and len(prefix) > TABLE_PREFIX:
            end = start + MAX_KEYS
        return sorted(range(start, end), key=lambda position: (self._keys[position] != prefix,
                                                                self._rank[self._keys[position]]))

    def _walk(self, prefix, candidates=None):
        """Best procedures (among ``candidates`` if given) and completing words for
        ``prefix``: place by place, words in rank order, each word's procedures in order
        (so the first ``LIMIT`` met are the best), stopping there."""
        positions = self._ordered_keys(prefix)
        chosen, seen = [], set()
        for place in (TITLE, SYNONYM, DOCUMENT):
            for position in positions:
                for found_in, _length, number in self._postings[position]:
                    if found_in > place:
                        break  # each word's procedures come by place
                    if found_in == place and number not in seen and (candidates is None or number in candidates):
                        seen.add(number)
                        chosen.append(number)
                        if len(chosen) >= LIMIT:
                            return tuple(chosen), self._words(positions)
        return tuple(chosen), self._words(positions)

    def _words(self, positions):
        return tuple(self._displays[self._keys[position]] for position in positions[:WORDS])

    def suggest(self, text, limit=LIMIT):
        """Titles for ``text``: the last word as a prefix, the others as whole words."""
        return self.complete(text, limit)[0]

    def complete(self, text, limit=LIMIT):
        """``(titles, words)``: procedures for ``text`` and the words that complete its last one."""
        tokens = analysis.WORD.findall(text or "")
        if not tokens:
            return [], []
        prefix = prefix_key(tokens[-1].split("_")[-1])
        if not prefix:
            return [], []
        before = text[:text.rfind(tokens[-1])]
        required = {word.key for word in analysis.words(before)}
        if not required:
            numbers, words = self._table.get(prefix, ((), ())) if len(prefix) <= TABLE_PREFIX else self._walk(prefix)
            return [self._titles[number] for number in numbers[:limit]], list(words)
        return [self._titles[number] for number in self._narrowed(prefix, required)[:limit]], []

    def _narrowed(self, prefix, required):
        """Procedures holding every ``required`` word (in their title if any do) and a word
        starting with ``prefix``. Few candidates: their title words are looked at; many:
        the prefix's words are walked, and candidates are met early."""
        positions = [self._position.get(key) for key in required]
        if None in positions:
            return []
        # Those with the earlier words in their title, or else anywhere.
        candidates = set.intersection(*sorted(({number for place, _length, number in self._postings[position]
                                                if place == TITLE} for position in positions), key=len))
        if not candidates:
            candidates = set.intersection(*sorted(({number for _place, _length, number in self._postings[position]}
                                                   for position in positions), key=len))
        if len(candidates) > MAX_SCANNED:
            return list(self._walk(prefix, candidates)[0])
        scored = {}
        for number in candidates:
            title = self._titles[number]
            ranks = [(key != prefix, self._rank.get(key, ())) for key in title.keys if key.startswith(prefix)]
            if ranks:
                scored[number] = (min(ranks), title.length)
        return heapq.nsmallest(LIMIT, scored, key=scored.__getitem__)


@lru_cache(maxsize=200_000)
def _key(display):
    """The key of a word as the index shows it, or None for a stop word."""
    analysed = analysis.analyse_word(display)
    return analysed.key if analysed else None


def prefix_key(token):
    """The key of a word being typed, kept even when it is a stop word or one letter:
    folded, hamza dropped, and for Arabic the article removed even when little is left
    ("الت" → "ت")."""
    folded = analysis.fold(token)
    if analysis.is_arabic(folded):
        for article in analysis.ARTICLES:
            if folded.startswith(article):
                folded = folded[len(article):]
                break
        return folded.replace(analysis.HAMZA, "")
    return folded
