"""The Whoosh backend: with ``whoosh_postings``, the only module that imports Whoosh.

Text arrives analysed (``analysis``), as space-separated terms, so the index stores
only Whoosh's own tokenizer in its schema: changing our analyser never makes an
index unreadable (its ``VERSION`` is in the index's metadata instead, and a change
triggers a rebuild).

Whoosh stores the index, shares it between processes and updates it; matching,
counting and ranking are ours (``ranking``): BM25F over three fields weighted
title > summary > documents, from postings read once per index generation.
"""
import operator
import os
import threading
from collections import OrderedDict, defaultdict
from functools import reduce

from whoosh import fields, index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec import default_codec
from whoosh.index import LockError

from . import arabizi, ranking, whoosh_postings
from .backend import Backend, Found, Hit
from .store import IndexBusy

WORD_FIELDS = {"title": 4.0, "summary": 1.5, "documents": 0.5}
SKELETON_FIELDS = {"title_skeleton": 4.0, "text_skeleton": 1.0}  # Arabic words as skeletons (``arabizi``)
FIELD_WEIGHTS = {**WORD_FIELDS, **SKELETON_FIELDS}
ONLINE_LEVELS = ("3", "4")
# Postings and scores kept in memory per process (about 100 bytes each): at 30,000 procedures, the
# few dozen commonest words and thousands of rarer ones.
MAX_CACHED_POSTINGS = 1_000_000
BUILD_PROCESSES = max(1, min(4, os.cpu_count() or 1))
# Postings a rebuild's indexing process keeps in memory before spilling a sorted run to
# disk (Whoosh's estimate, in MB). Spilled runs are pickled, read back and merged a
# posting at a time: at 30,000 procedures with 128 MB that was half the rebuild. 512 MB
# per process keeps 30,000 procedures in memory on two cores (measured: about 2 GB for
# the benchmark and its two indexing processes together).
BUILD_MEMORY_MB = 512


def schema():
    terms = SpaceSeparatedTokenizer()
    return fields.Schema(
        pid=fields.ID(unique=True, stored=True),
        stamp=fields.ID(stored=True),
        slug=fields.STORED(),
        texts=fields.STORED(),
        words=fields.STORED(),
        title=fields.TEXT(analyzer=terms, phrase=False),
        summary=fields.TEXT(analyzer=terms, phrase=False),
        documents=fields.TEXT(analyzer=terms, phrase=False),
        title_skeleton=fields.TEXT(analyzer=terms, phrase=False),
        text_skeleton=fields.TEXT(analyzer=terms, phrase=False),
        spell=fields.KEYWORD(lowercase=False, scorable=False),
        theme=fields.ID(sortable=True),
        administration=fields.ID(sortable=True),
        audiences=fields.ID(sortable=True),
        maturity=fields.ID(sortable=True),
        free=fields.ID(sortable=True),
    )


def document(entry):
    return {
        "pid": str(entry.procedure_id),
        "stamp": entry.stamp,
        "slug": entry.slug,
        "texts": {"title": entry.titles, "summary": entry.summaries},
        "words": entry.words,
        "title": " ".join(entry.title_terms),
        "summary": " ".join(entry.summary_terms),
        "documents": " ".join(entry.document_terms),
        "title_skeleton": " ".join(entry.title_skeletons),
        "text_skeleton": " ".join(entry.text_skeletons),
        "spell": " ".join(entry.words),
        "theme": entry.theme,
        "administration": entry.administration,
        "audiences": " ".join(entry.audiences),
        "maturity": str(entry.maturity),
        "free": "yes" if entry.free else "no",
    }


def create(folder):
    index.create_in(str(folder), schema())
    return WhooshBackend(folder)


class WhooshBackend(Backend):
    """An open index; one per process and folder, shared by its threads."""

    def __init__(self, folder):
        self.folder = folder
        self._index = index.open_dir(str(folder))
        self._lock = threading.Lock()
        self._view = _View(self._index.searcher())

    # Reading
    def _current(self):
        """What ranking knows of the index, refreshed if another process committed since."""
        with self._lock:
            if not self._view.searcher.up_to_date():
                self._view = _View(self._view.searcher.refresh())
            return self._view

    def generation(self):
        return (str(self.folder), self._index.latest_generation())

    def search(self, plan, filters, offset, limit, require_all=True):
        if not plan.clauses:
            return Found(0, [], {})
        view = self._current()
        clauses = [[(view.postings(alternative.terms), alternative.weight) for alternative in clause.alternatives]
                   for clause in plan.clauses]
        matching = [reduce(operator.or_, (postings.bits for postings, _weight in clause)) for clause in clauses]
        matched = reduce(operator.and_ if require_all else operator.or_, matching)
        bits = matched & view.allowed(filters)
        total = bits.bit_count()
        facets = view.count(matched, filters)
        if offset >= total:
            return Found(total, [], facets)
        weighted = [(postings, weight) for clause in clauses for postings, weight in clause if postings.bits]
        ranked = ranking.top(bits, weighted, offset + limit)[offset:]
        hits = []
        for docnum, score in ranked:
            stored = view.stored(docnum)
            hits.append(Hit(int(stored["pid"]), stored["slug"], stored["texts"]["title"],
                            stored["texts"]["summary"], round(score, 4)))
        return Found(total, hits, facets)

    def vocabulary(self):
        reader = self._current().searcher.reader()
        return [(term.decode("utf-8") if isinstance(term, bytes) else term, info.doc_frequency())
                for term, info in reader.iter_field("spell")]

    def suggestible(self):
        reader = self._current().searcher.reader()
        return [(stored["slug"], stored["texts"]["title"], stored.get("words", ()))
                for stored in reader.all_stored_fields()]

    def stamps(self):
        reader = self._current().searcher.reader()
        return {int(stored["pid"]): stored["stamp"] for stored in reader.all_stored_fields()}

    def __len__(self):
        return self._current().searcher.doc_count()

    # Writing
    def write(self, entries=(), removed=(), timeout=None, progress=None):
        try:
            writer = self._index.writer(timeout=timeout or 0.0, limitmb=256)
        except LockError:
            raise IndexBusy("the search index is being written by another process") from None
        try:
            for procedure_id in removed:
                writer.delete_by_term("pid", str(procedure_id))
            for entry in entries:
                writer.update_document(**document(entry))
                if progress:
                    progress(1)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def fill(self, entries, progress=None):
        """Index ``entries`` into this new, empty index, with every core (a full rebuild)."""
        writer = self._index.writer(procs=BUILD_PROCESSES, limitmb=BUILD_MEMORY_MB, multisegment=True,
                                    codec=_build_codec())
        try:
            for entry in entries:
                writer.add_document(**document(entry))
                if progress:
                    progress(1)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def close(self):
        self._view.searcher.close()
        self._index.close()


def _build_codec():
    """Whoosh's codec, without the per-block minimum and maximum field lengths: they serve
    only Whoosh's own scoring shortcuts, and gathering them costs a column look-up (and,
    for unscored fields, a ``stat``) per posting — a third of a rebuild. The lengths
    themselves, which ranking reads, are still written."""
    codec = default_codec()
    codec.length_stats = False
    return codec


class _View:
    """One generation of the index as ranking needs it: the searcher, each document's
    BM25 length normalisation per field, the facets' values as bitsets, and the postings
    of the terms searched so far (least recently used dropped beyond
    ``MAX_CACHED_POSTINGS``). Replaced, never updated, when the index changes."""

    def __init__(self, searcher):
        self.searcher = searcher
        reader = searcher.reader()
        self.documents = reader.doc_count_all()
        live = list(reader.all_doc_ids())
        self.live = ranking.bitset(live)
        self.deleted = sorted(set(range(self.documents)) - set(live)) if len(live) < self.documents else []
        self.norms = {name: ranking.normalisers(whoosh_postings.field_lengths(reader, name),
                                                reader.field_length(name), self.documents)
                      for name in FIELD_WEIGHTS}
        self.facets = _facet_bits(reader, self.live)
        self._terms = OrderedDict()
        self._cached = 0
        self._lock = threading.RLock()  # Whoosh's files seek: one reader at a time

    def postings(self, terms):
        """``ranking.Postings`` of the documents holding all ``terms``."""
        with self._lock:
            found = self._terms.get(terms)
            if found is None:
                found = self._read(terms[0]) if len(terms) == 1 else ranking.Together(
                    [self.postings((term,)) for term in terms])
                self._remember(terms, found)
            else:
                self._terms.move_to_end(terms)
            return found

    def _remember(self, terms, found):
        self._terms[terms] = found
        self._cached += found.size
        while self._cached > MAX_CACHED_POSTINGS and len(self._terms) > 1:
            _terms, dropped = self._terms.popitem(last=False)
            self._cached -= dropped.size

    def _read(self, term):
        reader = self.searcher.reader()
        fields = []
        # A skeleton term lives only in the skeleton fields, a word's term only in the others.
        for name, weight in (SKELETON_FIELDS if arabizi.is_skeleton(term) else WORD_FIELDS).items():
            docnums, frequencies = whoosh_postings.postings(reader, name, term)
            if docnums:
                found = dict(zip(docnums, frequencies, strict=True))
                for docnum in self.deleted:
                    found.pop(docnum, None)
                factor = ranking.idf(self.documents, reader.doc_frequency(name, term)) * (ranking.K1 + 1) * weight
                fields.append((found, self.norms[name], factor))
        return ranking.Term(fields)

    def stored(self, docnum):
        with self._lock:
            return self.searcher.stored_fields(docnum)

    def allowed(self, filters):
        """The live documents that pass ``filters`` (facet name → values), as a bitset: any of a facet's
        values (their union), and every facet (the intersection)."""
        bits = self.live
        for name, values in filters.items():
            members = self.facets[name]
            bits &= reduce(operator.or_, (members.get(int(value) if name == "maturity" else value, 0)
                                          for value in values), 0)
        return bits

    def count(self, matched, filters):
        """``{facet: {value: count}}``: how many of the documents of ``matched`` each value would give,
        with the other facets' filters applied and not its own facet's (so that a value one may add to a
        facet's choice shows what it adds); values without any left out."""
        counts = {}
        for facet, values in self.facets.items():
            bits = matched & self.allowed({name: chosen for name, chosen in filters.items() if name != facet})
            counts[facet] = {value: count for value, members in values.items()
                             if (count := (bits & members).bit_count())}
        return counts


def _facet_bits(reader, live):
    """``{facet: {value: bitset}}`` from the index's columns (deleted documents left out)."""
    docs = {name: defaultdict(list) for name in ("theme", "administration", "audience", "maturity", "free")}
    for name, facet in (("theme", "theme"), ("administration", "administration"), ("maturity", "maturity"),
                        ("free", "free"), ("audiences", "audience")) if live else ():
        found = docs[facet]
        for docnum, value in enumerate(reader.column_reader(name)):
            for part in value.split() if facet == "audience" else (value,):
                found[part].append(docnum)
    facets = {facet: {value: ranking.bitset(docnums) & live for value, docnums in values.items()}
              for facet, values in docs.items() if facet not in ("maturity", "free")}
    facets["maturity"] = {int(level): ranking.bitset(docnums) & live for level, docnums in docs["maturity"].items()}
    online = ranking.bitset(docnum for level in ONLINE_LEVELS for docnum in docs["maturity"].get(level, ())) & live
    facets["online"] = {True: online, False: live & ~online}
    facets["free"] = {True: ranking.bitset(docs["free"].get("yes", ())) & live,
                      False: ranking.bitset(docs["free"].get("no", ())) & live}
    return facets
