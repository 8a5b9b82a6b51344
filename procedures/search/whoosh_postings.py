"""Bulk reads of a Whoosh index: a term's postings and every document's field lengths.

Whoosh's public matcher API costs several Python calls per posting, and its per-document
length look-ups one file read each; ranking ourselves (``ranking``) needs whole
posting lists and whole length columns, which the codec stores as blocks and byte
arrays. Reading those directly, in C loops where it can, is several times faster. Whoosh is pinned
(``whoosh==2.7.4`` in ``setup.cfg``), and anything shaped otherwise falls back to the
public API, so a surprise costs speed, never results.
"""
from itertools import accumulate

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

LENGTHS = [byte_to_length(byte) for byte in range(256)]


def postings(reader, field, term):
    """``(docnums, frequencies)`` of ``term`` in ``field``, in docnum order, deleted
    documents included (the caller drops them)."""
    docnums, frequencies = [], []
    for leaf, base in reader.leaf_readers():
        if (field, term) not in leaf:
            continue
        matcher = leaf.postings(field, term)
        if isinstance(matcher, FilterMatcher):  # the segment has deletions: read everything
            matcher = matcher.child
            matcher.reset()
        ids, weights = _read(matcher)
        docnums.extend(ids if not base else [base + docnum for docnum in ids])
        frequencies.extend(weights)
    return docnums, frequencies


def _read(matcher):
    ids, weights = [], []
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        while matcher.is_active():  # a block at a time, decoded as Whoosh does but in C loops
            if matcher._data is None:
                matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            ids.extend(accumulate(block_ids))  # delta-encoded
            if block_weights is None or isinstance(block_weights, float):
                weights.extend([1.0 if block_weights is None else block_weights] * matcher._blocklength)
            else:
                weights.extend(block_weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():  # postings inlined in the term's entry, or another codec
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def field_lengths(reader, field):
    """The length (in terms, as Whoosh's scoring sees it) of ``field`` in every document."""
    lengths = []
    for leaf, _base in reader.leaf_readers():
        count = leaf.doc_count_all()
        column = getattr(getattr(leaf, "_perdoc", None), "_cached_reader", lambda *_: None)(
            _lenfield(field), LENGTHS_COLUMN)
        if column is not None and hasattr(column, "_dbfile") and hasattr(column, "_count"):
            stored = min(column._count, count)
            raw = column._dbfile.get(column._basepos, stored) if stored else b""
            lengths.extend(LENGTHS[byte] for byte in raw)
            lengths.extend([0] * (count - stored))
        else:
            lengths.extend(leaf.doc_field_length(docnum, field) for docnum in range(count))
    return lengths
