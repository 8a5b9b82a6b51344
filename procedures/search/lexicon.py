"""The catalogue's words, for typo tolerance, word families, Latin-script Arabic and
"did you mean".

Built once per index generation from the words the index holds (``spell`` field) with
how many procedures use each. Lookups one edit away generate the candidates (Norvig's
method, restricted to the word's own alphabet) and keep those the catalogue uses:
about a thousand set lookups for a ten-letter word, well under a millisecond, with no
large structure in memory. Swapping two neighbouring letters counts as one edit.

Two edits (``pasport`` → passeport) would be a million candidates that way; for long
words the lexicon instead keeps, built on first need, every key of five letters or more
under each form it takes with one or two letters deleted (SymSpell's method): the typed
word's own deletions then meet them, and the few words met are measured exactly.
"""
from collections import defaultdict
from itertools import combinations

from . import analysis, arabizi, families

MIN_TWO_EDIT_TARGET = 5


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
        self._deletions = None
        self._arabic = None

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


    def near_two(self, key, limit):
        """Like ``near``, two edits away (each a deletion, insertion, substitution or swap)."""
        if self._deletions is None:
            deletions = defaultdict(set)
            for known in self._keys:
                if len(known) >= MIN_TWO_EDIT_TARGET:
                    for form in _deleted(known, 2):
                        deletions[form].add(known)
            self._deletions = deletions
        found = {known for form in _deleted(key, 2) for known in self._deletions.get(form, ())}
        found = [self._keys[known] for known in found if known != key and distance(key, known) <= 2]
        ranked = sorted(found, key=lambda entry: (-entry[1], entry[0]))
        return [(display, term) for display, _frequency, term in ranked[:limit]]

    def family(self, key):
        """``(display, term)`` of the catalogue's words of ``key``'s family (``families``)."""
        found = [self._keys[other] for other in families.related(key) if other in self._keys]
        return [(display, term) for display, _frequency, term in found]

    def arabic_word(self, skeleton):
        """``(display, key, term)`` of the catalogue's commonest Arabic word with this
        skeleton (``arabizi``), or None."""
        if self._arabic is None:
            best = {}
            for key, (display, frequency, term) in self._keys.items():
                if analysis.is_arabic(key):
                    for value in arabizi.of_arabic(key):
                        if value not in best or best[value][0] < frequency:
                            best[value] = (frequency, (display, key, term))
            self._arabic = {value: word for value, (_frequency, word) in best.items()}
        return self._arabic.get(skeleton)


def _deleted(word, most):
    """``word`` and every form of it with up to ``most`` letters deleted."""
    forms = {word}
    for count in range(1, min(most, len(word) - 1) + 1):
        forms.update("".join(letter for index, letter in enumerate(word) if index not in gone)
                     for gone in combinations(range(len(word)), count))
    return forms


def distance(one, other):
    """Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours is one edit."""
    previous2, previous = None, list(range(len(other) + 1))
    for i, letter in enumerate(one, 1):
        current = [i] + [0] * len(other)
        for j, other_letter in enumerate(other, 1):
            cost = letter != other_letter
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == other[j - 2] and one[i - 2] == other_letter:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


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
