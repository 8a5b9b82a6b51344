"""From what a citizen typed to a query plan any backend can run.

A plan is a list of clauses that must all match (or, on a second try, any of them).
A clause is a list of alternatives; an alternative is a tuple of terms that must all
be found, with a weight. Three things add alternatives to a word:

- a typo: a word of five letters or more that the catalogue never uses is also looked
  for as the catalogue's words one edit away (a letter left out, added, changed, or
  two letters swapped). The word as typed keeps the higher weight when its stem is
  known (it is then probably an inflection), the lower one otherwise (a typo);
- a synonym group: where the words of one expression of a group follow each other
  in the query, the other expressions of the group are alternatives for them;
- nothing else: the analyser (``analysis``) already unifies spellings.
"""
from dataclasses import dataclass, field

from . import analysis

MAX_WORDS = 12
MIN_TYPO_LETTERS = 5
CORRECTIONS_PER_WORD = 3
TYPO_WEIGHT = 0.6
SYNONYM_WEIGHT = 0.9


@dataclass(frozen=True)
class Alternative:
    terms: tuple
    weight: float = 1.0


@dataclass
class Clause:
    alternatives: list


@dataclass
class Plan:
    clauses: list
    words: list
    corrections: dict = field(default_factory=dict)  # word index -> display form

    @property
    def terms(self):
        """Every term the plan looks for (what the highlighter marks)."""
        return {term for clause in self.clauses for alt in clause.alternatives for term in alt.terms}

    def corrected_text(self, text):
        """``text`` with its corrected words replaced ("did you mean"), or None."""
        if not self.corrections:
            return None
        pieces, last = [], 0
        for index, word in enumerate(self.words):
            if index in self.corrections:
                pieces += [text[last:word.start], self.corrections[index]]
                last = word.end
        return "".join(pieces) + text[last:]


def build(text, lexicon, synonym_groups=()):
    """The plan for ``text``; ``lexicon`` knows the catalogue's words (see ``Lexicon``)."""
    words = analysis.words(text)[:MAX_WORDS]
    clauses, corrections = [], {}
    for index, word in enumerate(words):
        alternatives = [Alternative((word.term,))]
        if word.letters >= MIN_TYPO_LETTERS and not lexicon.knows(word.key):
            near = lexicon.near(word.key, CORRECTIONS_PER_WORD)
            if near:
                corrections[index] = near[0][0]
            others = [term for _display, term in near if term != word.term]
            if others:
                inflection = lexicon.has_term(word.term)
                alternatives = [Alternative((word.term,), 1.0 if inflection else TYPO_WEIGHT)]
                alternatives += [Alternative((term,), TYPO_WEIGHT if inflection else 1.0) for term in others]
        clauses.append(Clause(alternatives))
    clauses = _with_synonyms(words, clauses, synonym_groups)
    return Plan(clauses, words, corrections)


def _with_synonyms(words, clauses, synonym_groups):
    """Replace each run of words that spells an expression of a group by one clause
    offering every expression of that group."""
    terms = tuple(word.term for word in words)
    replaced = [None] * len(words)  # start index -> (end, alternatives)
    taken = [False] * len(words)
    for group in synonym_groups:
        for expression in sorted(group, key=len, reverse=True):
            size = len(expression)
            for start in range(len(terms) - size + 1):
                end = start + size
                if terms[start:end] != expression or any(taken[start:end]):
                    continue
                others = [Alternative(other, SYNONYM_WEIGHT) for other in group if other != expression]
                replaced[start] = (end, [Alternative(expression)] + others)
                taken[start:end] = [True] * size
    result, index = [], 0
    while index < len(words):
        if replaced[index]:
            end, alternatives = replaced[index]
            if end - index == 1:
                alternatives = clauses[index].alternatives + alternatives[1:]
            result.append(Clause(alternatives))
            index = end
        else:
            result.append(clauses[index])
            index += 1
    return result
