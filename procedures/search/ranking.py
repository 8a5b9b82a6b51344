"""Matching, counting and ranking over cached postings, in plain Python.

Whoosh scores a query by walking a tree of matchers, several Python calls per
posting and field; at 30,000 procedures a common word took a tenth of a second.
Here each term read once per index generation becomes

- a **bitset** (a Python int, bit *n* for document *n*) of the documents holding it in
  any field: the plan's AND and OR, the filters, the total and every facet count are
  then a few big-integer operations and ``bit_count()``, exact and independent of how
  many documents match;
- a **score table** ``{docnum: score}``: BM25F as Whoosh computes it (per field
  BM25, K1 1.2, B 0.75, the same IDF and quantised field lengths, boosted by the
  field's weight), summed over the fields.

Only the matching documents are scored, with a dictionary look-up or two each, and only
the page asked for is sorted (``heapq.nlargest``; ties by document number, as Whoosh).
"""
import heapq
from dataclasses import dataclass
from math import log

K1 = 1.2
B = 0.75

# Bit positions set in each byte value, to list a bitset's members a byte at a time.
_BYTE_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]


@dataclass(frozen=True)
class Postings:
    """The documents holding a term (or all the terms of an expression) and their scores."""
    bits: int
    scores: dict

    @property
    def size(self):
        return len(self.scores)


EMPTY = Postings(0, {})


def bitset(docnums):
    """The set ``docnums`` as an int (bit n ⇔ document n)."""
    docnums = list(docnums)
    if not docnums:
        return 0
    raw = bytearray(max(docnums) // 8 + 1)
    for docnum in docnums:
        raw[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(raw, "little")


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


def add_field(scores, docnums, frequencies, norms, factor):
    """Add one field's BM25 for a term to ``scores``; ``factor`` is IDF × (K1 + 1) × the field's weight."""
    if not scores:
        scores.update(zip(docnums, [factor * frequency / (frequency + norms[docnum])
                                    for docnum, frequency in zip(docnums, frequencies, strict=True)], strict=True))
        return
    get = scores.get
    for docnum, frequency in zip(docnums, frequencies, strict=True):
        scores[docnum] = get(docnum, 0.0) + factor * frequency / (frequency + norms[docnum])


def intersection(parts):
    """The documents holding every one of ``parts``, scored as the sum of theirs."""
    bits = parts[0].bits
    for part in parts[1:]:
        bits &= part.bits
    tables = [part.scores for part in parts]
    return Postings(bits, {docnum: sum(table[docnum] for table in tables) for docnum in members(bits)})


def top(candidates, weighted, count):
    """The ``count`` best of ``candidates`` (docnums, increasing), with their scores.
    ``weighted``: ``(score table, weight)`` pairs whose weighted scores add up."""
    if len(weighted) == 1:
        table, weight = weighted[0]
        best = heapq.nlargest(count, candidates, key=table.__getitem__)
        return [(docnum, table[docnum] * weight) for docnum in best]
    totals = [0.0] * len(candidates)
    for table, weight in weighted:  # a table at a time: list comprehensions, not a call per document
        get = table.get
        totals = [total + weight * get(docnum, 0.0) for total, docnum in zip(totals, candidates, strict=True)]
    best = heapq.nlargest(count, range(len(candidates)), key=totals.__getitem__)  # stable: ties by docnum
    return [(candidates[position], totals[position]) for position in best]
