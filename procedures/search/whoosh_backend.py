"""The Whoosh backend: the only module that imports Whoosh.

Text arrives analysed (``analysis``), as space-separated terms, so the index stores
only Whoosh's own tokenizer in its schema: changing our analyser never makes an
index unreadable (its ``VERSION`` is in the index's metadata instead, and a change
triggers a rebuild).

Ranking is BM25F over three fields weighted title > summary > documents. Facet
counts come from the matching documents' column values, counted without scoring;
only the page shown is scored and ranked.
"""
import os
import threading
from collections import Counter

from whoosh import fields, index, query
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.index import LockError

from .backend import Backend, Found, Hit
from .store import IndexBusy

FIELD_WEIGHTS = {"title": 4.0, "summary": 1.5, "documents": 0.5}
ONLINE_LEVELS = ("3", "4")
MAX_TERM_SETS = 20_000
BUILD_PROCESSES = max(1, min(4, os.cpu_count() or 1))


def schema():
    terms = SpaceSeparatedTokenizer()
    return fields.Schema(
        pid=fields.ID(unique=True, stored=True),
        stamp=fields.ID(stored=True),
        slug=fields.STORED(),
        texts=fields.STORED(),
        title=fields.TEXT(analyzer=terms, phrase=False),
        summary=fields.TEXT(analyzer=terms, phrase=False),
        documents=fields.TEXT(analyzer=terms, phrase=False),
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
        "title": " ".join(entry.title_terms),
        "summary": " ".join(entry.summary_terms),
        "documents": " ".join(entry.document_terms),
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
        self._searcher = self._index.searcher()
        self._columns = None
        self._sets, self._sets_for = {}, None

    # Reading
    def _current(self):
        """The searcher, refreshed if another process committed since."""
        with self._lock:
            if not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
                self._columns = None
            if self._columns is None:
                reader = self._searcher.reader()
                self._columns = {name: list(reader.column_reader(name))
                                 for name in ("theme", "administration", "audiences", "maturity", "free")}
            return self._searcher, self._columns

    def _postings(self, searcher, term):
        """Documents holding ``term`` in any field: a set, remembered until the index changes."""
        with self._lock:
            if self._sets_for is not searcher:
                self._sets, self._sets_for = {}, searcher
            found = self._sets.get(term)
        if found is None:
            found = set()
            for name in FIELD_WEIGHTS:
                found.update(searcher.docs_for_query(query.Term(name, term)))
            with self._lock:
                if len(self._sets) > MAX_TERM_SETS:
                    self._sets.clear()
                self._sets[term] = found
        return found

    def _matching(self, searcher, plan, require_all):
        """The documents matching ``plan``, counted with set operations rather than by
        walking Whoosh's matcher trees (much faster in Python)."""
        clauses = []
        for clause in plan.clauses:
            union = set()
            for alternative in clause.alternatives:
                sets = sorted((self._postings(searcher, term) for term in alternative.terms), key=len)
                union |= sets[0].intersection(*sets[1:])
            clauses.append(union)
        if require_all:
            clauses.sort(key=len)
            return clauses[0].intersection(*clauses[1:])
        return set().union(*clauses)

    def generation(self):
        return (str(self.folder), self._index.latest_generation())

    def search(self, plan, filters, offset, limit, require_all=True):
        searcher, columns = self._current()
        clauses = [_clause(clause) for clause in plan.clauses]
        if not clauses:
            return Found(0, [], {})
        whole = query.And(clauses) if require_all else _or(clauses)
        matched = sorted(self._matching(searcher, plan, require_all))
        allowed = [docnum for docnum in matched if _passes(docnum, filters, columns)]
        facets = _count(allowed, columns)
        if not allowed:
            return Found(0, [], facets)
        restriction = set(allowed) if len(allowed) < len(matched) else None
        results = searcher.search(whole, limit=offset + limit, filter=restriction)
        hits = []
        for hit in results[offset:offset + limit]:
            stored = hit.fields()
            hits.append(Hit(int(stored["pid"]), stored["slug"], stored["texts"]["title"],
                            stored["texts"]["summary"], round(hit.score, 4)))
        return Found(len(allowed), hits, facets)

    def vocabulary(self):
        searcher, _columns = self._current()
        return [(term.decode("utf-8") if isinstance(term, bytes) else term, info.doc_frequency())
                for term, info in searcher.reader().iter_field("spell")]

    def titles(self):
        searcher, _columns = self._current()
        return [(stored["slug"], stored["texts"]["title"]) for stored in searcher.reader().all_stored_fields()]

    def stamps(self):
        searcher, _columns = self._current()
        return {int(stored["pid"]): stored["stamp"] for stored in searcher.reader().all_stored_fields()}

    def __len__(self):
        return self._current()[0].doc_count()

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
        writer = self._index.writer(procs=BUILD_PROCESSES, limitmb=128, multisegment=True)
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
        self._searcher.close()
        self._index.close()


def _or(subqueries):
    """Whoosh's Or, always with its binary tree of unions: below 5,000 documents it would
    pick an array matcher that allocates 2,048 slots per node, slower for our queries."""
    union = query.Or(subqueries)
    union.matcher_type = query.Or.DEFAULT_MATCHER
    return union


def _field_terms(term, weight):
    return [query.Term(name, term, boost=weight * field_weight) for name, field_weight in FIELD_WEIGHTS.items()]


def _alternative(alternative):
    parts = [_or(_field_terms(term, alternative.weight)) for term in alternative.terms]
    return parts[0] if len(parts) == 1 else query.And(parts)


def _clause(clause):
    alternatives = [_alternative(alternative) for alternative in clause.alternatives]
    # Or rather than DisjunctionMax: Whoosh skips blocks that cannot reach the top results only for Or.
    return alternatives[0] if len(alternatives) == 1 else _or(alternatives)


def _passes(docnum, filters, columns):
    for name, value in filters.items():
        if name == "audience":
            if value not in columns["audiences"][docnum].split():
                return False
        elif name == "online":
            if (columns["maturity"][docnum] in ONLINE_LEVELS) != value:
                return False
        elif name == "free":
            if (columns["free"][docnum] == "yes") != value:
                return False
        elif name == "maturity":
            if columns["maturity"][docnum] != str(value):
                return False
        elif columns[name][docnum] != value:
            return False
    return True


def _count(docnums, columns):
    theme, administration, audiences = Counter(), Counter(), Counter()
    maturity, free = Counter(), Counter()
    for docnum in docnums:
        theme[columns["theme"][docnum]] += 1
        administration[columns["administration"][docnum]] += 1
        audiences.update(columns["audiences"][docnum].split())
        maturity[columns["maturity"][docnum]] += 1
        free[columns["free"][docnum]] += 1
    online = sum(count for level, count in maturity.items() if level in ONLINE_LEVELS)
    return {
        "theme": dict(theme), "administration": dict(administration), "audience": dict(audiences),
        "maturity": {int(level): count for level, count in maturity.items()},
        "online": {True: online, False: len(docnums) - online},
        "free": {True: free["yes"], False: free["no"]},
    }
