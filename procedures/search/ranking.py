"""Matching, counting and ranking over cached postings, in plain Python.

Whoosh scores a query by walking a tree of matchers, several Python calls per
posting and field; at 30,000 procedures a common word took a tenth of a second.
Here each term read once per index generation becomes

- a **bitset** (a Python int, bit *n* for document *n*) of the documents holding it in
  any field: the plan's AND and OR, the filters, the total and every facet count are
  then a few big-integer operations and ``bit_count()``, exact and independent of how
  many documents match;
- per field, its **frequencies** ``{docnum: tf}``, from which BM25F is computed as
  Whoosh does (per field BM25, K1 1.2, B 0.75, the same IDF and quantised field
  lengths, boosted by the field's weight, summed over the fields) — only for the
  documents that match the whole query: a few dozen for most multi-word queries, every
  holder of the term for a one-word query (that table is then kept with the term).

Only the page asked for is sorted (``heapq.nlargest``; ties by document number, as Whoosh).
"""
import heapq
from collections import deque
from itertools import repeat
from math import log

K1 = 1.2
B = 0.75

# Bit positions set in each byte value, to list a bitset's members a byte at a time.
_BYTE_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]
_ONE = ord("1")


def bitset(docnums):
    """The set ``docnums`` (any iterable of ints) as an int, bit n ⇔ document n. A
    string of binary digits written by C loops, then parsed: no Python loop."""
    docnums = list(docnums)
    if not docnums:
        return 0
    digits = bytearray(b"0") * (max(docnums) + 1)
    deque(map(digits.__setitem__, docnums, repeat(_ONE)), maxlen=0)
    digits.reverse()
    return int(digits, 2)


def members(bits):
    """The documents of a bitset, in increasing order."""
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    found = []
    for position, value in enumerate(raw):
        if value:
            base = position << 3
            found.extend(base + bit for bit in _BYTE_BITS[value])
    return found


def idf(documents, frequency):
    """Whoosh's IDF: ``documents`` counts deleted documents too, as its own does."""
    return log(documents / (frequency + 1)) + 1


def normalisers(lengths, total_length, documents):
    """Per document, BM25's length normalisation ``K1 · (1 − B + B · length / average)``."""
    average = (total_length / (documents or 1)) or 1
    return [K1 * (1 - B + B * length / average) for length in lengths]


class Term:
    """One term's postings. ``fields``: ``(frequencies, normalisers, factor)`` per field
    holding it, ``factor`` being IDF × (K1 + 1) × the field's weight."""

    __slots__ = ("bits", "size", "_fields", "_table")

    def __init__(self, fields):
        self._fields = fields
        self.bits = 0
        for frequencies, _norms, _factor in fields:
            self.bits |= bitset(frequencies)
        # What it may come to hold (its frequencies, and the table of scores a one-word
        # query builds), for the cache's budget.
        self.size = 2 * sum(len(frequencies) for frequencies, _norms, _factor in fields)
        self._table = None

    def table(self):
        """``{docnum: score}`` for every document holding the term (built once)."""
        if self._table is None:
            table = {}
            for frequencies, norms, factor in self._fields:
                get = table.get
                for docnum, frequency in frequencies.items():
                    table[docnum] = get(docnum, 0.0) + factor * frequency / (frequency + norms[docnum])
            self._table = table
        return self._table

    def scores(self, docnums):
        """The term's score in each of ``docnums`` (0 where it is absent)."""
        if self._table is not None:
            get = self._table.get
            return [get(docnum, 0.0) for docnum in docnums]
        scores = [0.0] * len(docnums)
        for frequencies, norms, factor in self._fields:
            get = frequencies.get
            scores = [score + factor * frequency / (frequency + norms[docnum]) if (frequency := get(docnum)) else score
                      for score, docnum in zip(scores, docnums, strict=True)]
        return scores


class Together:
    """Several terms that must all be found (an expression of a synonym group)."""

    __slots__ = ("bits", "size", "_parts")

    def __init__(self, parts):
        self._parts = parts
        self.bits = parts[0].bits
        for part in parts[1:]:
            self.bits &= part.bits
        self.size = len(parts)  # the parts are cached on their own

    def table(self):
        docnums = members(self.bits)
        return dict(zip(docnums, self.scores(docnums), strict=True))

    def scores(self, docnums):
        """Scores of ``docnums``, which must all hold every term."""
        totals = [0.0] * len(docnums)
        for part in self._parts:
            totals = [total + score for total, score in zip(totals, part.scores(docnums), strict=True)]
        return totals


def top(bits, weighted, count):
    """The ``count`` best documents of ``bits``, with their scores. ``weighted``:
    ``(postings, weight)`` pairs whose weighted scores add up where they match."""
    candidates = members(bits)
    if len(weighted) == 1:
        postings, weight = weighted[0]
        table = postings.table()
        best = heapq.nlargest(count, candidates, key=table.__getitem__)
        return [(docnum, table[docnum] * weight) for docnum in best]
    totals = [0.0] * len(candidates)
    positions = None
    for postings, weight in weighted:
        inside = bits & postings.bits
        if not inside:
            continue
        if inside == bits:
            totals = [total + weight * score
                      for total, score in zip(totals, postings.scores(candidates), strict=True)]
            continue
        if positions is None:
            positions = {docnum: position for position, docnum in enumerate(candidates)}
        docnums = members(inside)
        for docnum, score in zip(docnums, postings.scores(docnums), strict=True):
            totals[positions[docnum]] += weight * score
    best = heapq.nlargest(count, range(len(candidates)), key=totals.__getitem__)  # stable: ties by docnum
    return [(candidates[position], totals[position]) for position in best]
