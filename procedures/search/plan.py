"""From what a citizen typed to a query plan any backend can run.

A plan is a list of clauses that must all match (or, on a second try, any of them).
A clause is a list of alternatives; an alternative is a tuple of terms that must all
be found, with a weight. Five things add alternatives to a word:

- a typo: a word of five letters or more that the catalogue never uses is also looked
  for as the catalogue's words one edit away (a letter left out, added, changed, or
  two letters swapped), two edits for a word of seven letters or more when one finds
  nothing. The word as typed keeps the higher weight when its stem is known (it is
  then probably an inflection), the lower one otherwise (a typo);
- its family: the catalogue's words of the same family (``families``: ouvrir →
  ouverture, سجل → تسجيل), at a lower weight; a word with a family is no typo;
- Latin-script Arabic: a Latin word the catalogue never uses is also looked for as
  the consonant skeleton of Arabic words (``arabizi``: "sokna" → السكنى), at a lower
  weight; the Arabic word met is kept to say what was tried;
- a synonym group: where the words of one expression of a group follow each other
  in the query (or their skeletons, for an Arabic expression typed in Latin letters),
  the other expressions of the group are alternatives for them;
- nothing else: the analyser (``analysis``) already unifies spellings.
"""
from dataclasses import dataclass, field

from . import analysis, arabizi

MAX_WORDS = 12
MIN_TYPO_LETTERS = 5
MIN_TWO_EDIT_LETTERS = 7
CORRECTIONS_PER_WORD = 3
TYPO_WEIGHT = 0.6
SYNONYM_WEIGHT = 0.9
FAMILY_WEIGHT = 0.8
SKELETON_WEIGHT = 0.7


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
    respellings: dict = field(default_factory=dict)  # word index -> the Arabic word its skeleton met

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

    def respelt_text(self):
        """The query as read in Arabic letters, where Latin words were ("chahadat sokna" →
        "شهادة السكنى"), or None."""
        if not self.respellings:
            return None
        spelt = (self.respellings.get(index, word.text) for index, word in enumerate(self.words))
        return " ".join(part for part in spelt if part)


def build(text, lexicon, synonym_groups=()):
    """The plan for ``text``; ``lexicon`` knows the catalogue's words (see ``Lexicon``)."""
    words = analysis.words(text)[:MAX_WORDS]
    clauses, corrections, respellings, skeletons = [], {}, {}, []
    for index, word in enumerate(words):
        alternatives = [Alternative((word.term,))]
        known = lexicon.knows(word.key)
        word_skeletons = () if word.arabic or known else arabizi.of_latin(word.key)
        skeletons.append(frozenset(word_skeletons))
        related = [term for _display, term in lexicon.family(word.key) if term != word.term]
        alternatives += [Alternative((term,), FAMILY_WEIGHT) for term in dict.fromkeys(related)]
        if word.letters >= MIN_TYPO_LETTERS and not known and not related:
            near = lexicon.near(word.key, CORRECTIONS_PER_WORD)
            if not near and word.letters >= MIN_TWO_EDIT_LETTERS:
                near = lexicon.near_two(word.key, CORRECTIONS_PER_WORD)
            inflection = lexicon.has_term(word.term)
            if near:
                corrections[index] = near[0][0]
                # The corrected word's family too ("تسحيل" → تسجيل → يسجل).
                near += [pair for key in dict.fromkeys(analysis.fold(display) for display, _term in near[:1])
                         for pair in lexicon.family(analysis.arabic_key(key) if word.arabic else key)]
            others = list(dict.fromkeys(term for _display, term in near if term != word.term))
            if others:
                alternatives = [Alternative((word.term,), 1.0 if inflection else TYPO_WEIGHT)]
                alternatives += [Alternative((term,), TYPO_WEIGHT if inflection else 1.0) for term in others]
        for skeleton in word_skeletons:
            alternatives.append(Alternative((skeleton,), SKELETON_WEIGHT))
            arabic = lexicon.arabic_word(skeleton)
            if arabic and index not in respellings:
                respellings[index] = arabic[0]
                # The Arabic word's family too ("tasjil" → تسجيل → يسجل).
                alternatives += [Alternative((term,), SKELETON_WEIGHT * FAMILY_WEIGHT)
                                 for term in dict.fromkeys(term for _display, term in lexicon.family(arabic[1]))]
        clauses.append(Clause(alternatives))
    clauses = _with_synonyms(words, skeletons, clauses, synonym_groups, respellings)
    if not all(index in respellings or word.arabic for index, word in enumerate(words)):
        respellings = {}  # only a query typed wholly in Latin-script Arabic is re-spelt
    return Plan(clauses, words, corrections, respellings)


def _with_synonyms(words, skeletons, clauses, synonym_groups, respellings):
    """Replace each run of words that spells an expression of a group (or its skeleton)
    by one clause offering every expression of that group. A run typed in Latin letters
    is re-spelt as the Arabic expression it met (in ``respellings``)."""
    terms = tuple(word.term for word in words)
    # What each word may stand for: its term, its corrections and its family.
    spellings = [frozenset(term for alternative in clause.alternatives for term in alternative.terms)
                 for clause in clauses]
    replaced = [None] * len(words)  # start index -> (end, alternatives)
    taken = [False] * len(words)
    for group in synonym_groups:
        spelt = [(expression, expression) for expression in group.expressions]
        spelt += [(text, skeleton) for text, skeleton in group.skeletons]
        for expression, pattern in sorted(spelt, key=lambda pair: len(pair[1]), reverse=True):
            size = len(pattern)
            for start in range(len(terms) - size + 1):
                end = start + size
                if any(taken[start:end]) or not _spells(pattern, spellings[start:end], skeletons[start:end]):
                    continue
                others = [Alternative(other, SYNONYM_WEIGHT) for other in group.expressions if other != expression]
                if isinstance(expression, str):  # an Arabic expression, met by its skeleton
                    respellings.update({index: "" for index in range(start + 1, end)})
                    respellings[start] = expression
                    expression = None
                replaced[start] = (end, ([Alternative(expression)] if expression else []) + others)
                taken[start:end] = [True] * size
    result, index = [], 0
    while index < len(words):
        if replaced[index]:
            end, alternatives = replaced[index]
            if end - index == 1:
                alternatives = clauses[index].alternatives + [
                    alternative for alternative in alternatives if alternative.terms != (terms[index],)]
            result.append(Clause(alternatives))
            index = end
        else:
            result.append(clauses[index])
            index += 1
    return result


def _spells(pattern, spellings, skeletons):
    """Whether the words (what each may stand for, and their ``skeletons``) spell
    ``pattern``: terms, or for an Arabic expression typed in Latin letters, one set of
    skeletons per word."""
    if all(isinstance(part, str) for part in pattern):
        return all(part in found for part, found in zip(pattern, spellings, strict=True))
    return all(not part.isdisjoint(found) for part, found in zip(pattern, skeletons, strict=True))
