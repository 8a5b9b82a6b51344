"""The catalogue's words, for typo tolerance and "did you mean".

Built once per index generation from the words the index holds (``spell`` field) with
how many procedures use each. Lookups one edit away generate the candidates (Norvig's
method, restricted to the word's own alphabet) and keep those the catalogue uses:
about a thousand set lookups for a ten-letter word, well under a millisecond, with no
large structure in memory. Swapping two neighbouring letters counts as one edit.
"""
from collections import defaultdict

from . import analysis


class Lexicon:
    def __init__(self, vocabulary):
        """``vocabulary``: ``(display form, number of procedures)`` pairs."""
        best = {}
        terms = set()
        for display, frequency in vocabulary:
            word = analysis.analyse_word(display)
            if word is None:
                continue
            terms.add(word.term)
            if word.key not in best or best[word.key][1] < frequency:
                best[word.key] = (display, frequency, word.term)
        self._keys = best
        self._terms = terms
        alphabets = defaultdict(set)
        for key in best:
            alphabets[analysis.is_arabic(key)].update(key)
        self._alphabets = {arabic: "".join(sorted(letters)) for arabic, letters in alphabets.items()}

    def __len__(self):
        return len(self._keys)

    def knows(self, key):
        return key in self._keys

    def has_term(self, term):
        return term in self._terms

    def near(self, key, limit):
        """Up to ``limit`` ``(display, term)`` of the catalogue one edit from ``key``,
        the most used first."""
        alphabet = self._alphabets.get(analysis.is_arabic(key), "")
        found = {candidate: self._keys[candidate] for candidate in edits(key, alphabet)
                 if candidate in self._keys and candidate != key}
        ranked = sorted(found.values(), key=lambda entry: (-entry[1], entry[0]))
        return [(display, term) for display, _frequency, term in ranked[:limit]]


def edits(word, alphabet):
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            for letter in alphabet:
                yield left + letter + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in alphabet:
            yield left + letter + right
