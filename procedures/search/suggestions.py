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
from bisect import bisect_left
from dataclasses import dataclass

from . import analysis

LIMIT = 8
WORDS = 5  # completions offered as words
TABLE_PREFIX = 2  # prefixes up to this length are answered from the table
MAX_KEYS = 400  # keys walked for a longer prefix
MAX_SCANNED = 3000  # procedures scanned when earlier words narrow the choice
TITLE, SYNONYM, DOCUMENT = 0, 1, 2


@dataclass(frozen=True)
class Title:
    slug: str
    titles: dict  # {"ar": …, "fr": …}
    length: int


class Suggester:
    def __init__(self, entries, groups=(), uses=None):
        """``entries``: ``(slug, {"ar": title, "fr": title}, document words)``;
        ``groups``: synonym groups, each a list of expressions as written; ``uses``:
        ``{key: number of searches}``."""
        uses = uses or {}
        self._titles = []
        found = {}  # key -> {number: place}
        displays = {}  # key -> how the word is shown
        for slug, titles, words in entries:
            number = len(self._titles)
            title_keys = set()
            for text in titles.values():
                for word in analysis.words(text):
                    title_keys.add(word.key)
                    displays.setdefault(word.key, analysis.display_form(word.text))
                    found.setdefault(word.key, {})[number] = TITLE
            document_keys = set()
            for display in words:
                word = analysis.analyse_word(display)
                if word is not None and word.key not in title_keys:
                    document_keys.add(word.key)
                    displays.setdefault(word.key, display)
                    found.setdefault(word.key, {}).setdefault(number, DOCUMENT)
            self._titles.append(Title(slug, titles, min((len(t) for t in titles.values() if t), default=0)))
        self._add_synonyms(groups, found, displays)
        self._keys = sorted(found)
        self._rank = {key: (-uses.get(key, 0), -len(found[key]), key) for key in self._keys}
        self._displays = displays
        # Per key, its procedures by place, then shorter title.
        self._postings = [sorted(found[key].items(), key=lambda item: (item[1], self._titles[item[0]].length))
                          for key in self._keys]
        self._position = {key: position for position, key in enumerate(self._keys)}
        self._places = [{} for _title in self._titles]  # per procedure: {key: place}
        for key, numbers in found.items():
            for number, place in numbers.items():
                self._places[number][key] = place
        self._table = self._short_prefixes()

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
                for key in keys:
                    if others:
                        displays.setdefault(key, analysis.display_form(text))
                    places = found.setdefault(key, {}) if others else None
                    for number in others:
                        if places.get(number, DOCUMENT) > SYNONYM:
                            places[number] = SYNONYM

    def _short_prefixes(self):
        """``{prefix: (procedures, words)}`` for every prefix of up to ``TABLE_PREFIX`` letters."""
        prefixes = {key[:size] for key in self._keys for size in range(1, TABLE_PREFIX + 1) if len(key) >= size}
        return {prefix: self._walk(prefix, None) for prefix in prefixes}

    def _range(self, prefix, limit):
        start = bisect_left(self._keys, prefix)
        end = start
        while end < len(self._keys) and self._keys[end].startswith(prefix) and end - start < limit:
            end += 1
        return start, end

    def _walk(self, prefix, limit=MAX_KEYS):
        """Best procedures and completing words for ``prefix`` alone."""
        start, end = self._range(prefix, limit or len(self._keys))
        keys = sorted(self._keys[start:end], key=lambda key: (key != prefix, self._rank[key]))
        chosen, seen = [], set()
        for place in (TITLE, SYNONYM, DOCUMENT):
            for key in keys:
                for number, found_in in self._postings[self._position[key]]:
                    if found_in == place and number not in seen:
                        seen.add(number)
                        chosen.append(number)
                        if len(chosen) >= LIMIT:
                            break
                if len(chosen) >= LIMIT:
                    break
        return tuple(chosen), tuple(self._displays[key] for key in keys[:WORDS])

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
        """Procedures holding every ``required`` key and a key starting with ``prefix``."""
        sets = []
        for key in required:
            position = self._position.get(key)
            if position is None:
                return []
            sets.append({number for number, _place in self._postings[position]})
        candidates = set.intersection(*sorted(sets, key=len))
        if len(candidates) > MAX_SCANNED:
            candidates = sorted(candidates)[:MAX_SCANNED]
        scored = {}
        for number in candidates:
            ranks = [(key != prefix, place, self._rank[key]) for key, place in self._places[number].items()
                     if key.startswith(prefix)]
            if ranks:
                scored[number] = (min(ranks), self._titles[number].length)
        return sorted(scored, key=scored.__getitem__)


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
