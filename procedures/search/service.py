"""Searching, as the page and the API ask for it."""
from dataclasses import dataclass

from . import engine, indexing, plan, synonyms
from .backend import Found

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Outcome:
    found: Found
    terms: frozenset  # what to highlight
    suggestion: str | None  # "did you mean"
    respelling: str | None  # the query read in Arabic letters, where it was typed in Latin ones
    page: int
    size: int

    @property
    def pages(self):
        return max(1, -(-self.found.total // self.size))

    # What the pagination macro reads.
    @property
    def number(self):
        return self.page

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def normalise(text):
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search(text, filters=None, page=1, size=20):
    """Procedures in force matching ``text`` (any language) and ``filters``."""
    text = normalise(text)
    filters = {name: value for name, value in (filters or {}).items() if value is not None}
    key = ("search", text.casefold(), tuple(sorted(filters.items())), page, size)
    return remembered(key, lambda: _search(engine.current(), text, filters, page, size, synonyms.groups()))


def remembered(key, compute):
    """``compute()``, cached until the index or the synonyms change (the index is
    brought up to date first)."""
    indexing.ensure_fresh()
    return engine.current().cached((key, synonyms.groups()), compute)


def _search(current, text, filters, page, size, groups):
    query_plan = plan.build(text, current.lexicon(), groups)
    backend = current.backend()
    offset = (page - 1) * size
    if backend is None or not query_plan.clauses:
        return Outcome(Found(0, [], {}), frozenset(), None, None, page, size)
    found = backend.search(query_plan, filters, offset, size)
    if found.total == 0 and len(query_plan.clauses) > 1:
        found = backend.search(query_plan, filters, offset, size, require_all=False)
    return Outcome(found, frozenset(query_plan.terms), query_plan.corrected_text(text), query_plan.respelt_text(),
                   page, size)


def suggest(text, limit=8):
    """Titles that complete ``text`` as it is being typed."""
    text = normalise(text)
    indexing.ensure_fresh()
    return engine.current().suggester().suggest(text, limit)
