"""Suggestions as you type: procedure titles from the last word's prefix.

A sorted list of the title words' keys (folded, article removed) and, per key, the
titles using it. A lookup is one binary search and a short walk: its cost does not
grow with the catalogue, which the typed prefix expanding to hundreds of index terms
would (a search engine's prefix query after "الت" does exactly that).
"""
from bisect import bisect_left
from dataclasses import dataclass

from . import analysis

LIMIT = 8
MAX_CANDIDATES = 300


@dataclass(frozen=True)
class Title:
    slug: str
    titles: dict  # {"ar": …, "fr": …}
    keys: frozenset
    length: int


class Suggester:
    def __init__(self, entries):
        """``entries``: ``(slug, {"ar": title, "fr": title})`` pairs."""
        self._titles = []
        postings = {}
        for slug, titles in entries:
            keys = [word.key for text in titles.values() for word in analysis.words(text)]
            number = len(self._titles)
            self._titles.append(Title(slug, titles, frozenset(keys), min(len(t) for t in titles.values() if t)))
            for key in set(keys):
                postings.setdefault(key, []).append(number)
        self._keys = sorted(postings)
        self._postings = [postings[key] for key in self._keys]

    def suggest(self, text, limit=LIMIT):
        """Titles for ``text``: the last word as a prefix, the others as whole words."""
        words = analysis.words(text)
        if not words:
            return []
        *before, last = words
        prefix = prefix_key(last)
        if not prefix:
            return []
        required = {word.key for word in before}
        scored = {}
        start = bisect_left(self._keys, prefix)
        for position in range(start, len(self._keys)):
            key = self._keys[position]
            if not key.startswith(prefix) or len(scored) >= MAX_CANDIDATES:
                break
            for number in self._postings[position]:
                title = self._titles[number]
                if required <= title.keys:
                    rank = (key != prefix, title.length)
                    scored[number] = min(scored.get(number, rank), rank)
        best = sorted(scored, key=lambda number: scored[number])[:limit]
        return [self._titles[number] for number in best]


def prefix_key(word):
    """The key of a word being typed: the article goes even when little is left ("الت" → "ت")."""
    if word.arabic:
        folded = analysis.fold(word.text)
        for article in analysis.ARTICLES:
            if folded.startswith(article):
                return folded[len(article):].replace(analysis.HAMZA, "")
    return word.key
