"""Searching, as the page and the API ask for it."""
from dataclasses import dataclass

from . import analysis, engine, indexing, plan, synonyms, usage
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
    known_words: tuple = ()  # the query's words the catalogue or a synonym knows (folded)

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
    """Procedures in force matching ``text`` (any language) and ``filters`` (facet name → a value or a
    list of values: any of a facet's values, and every facet)."""
    text = normalise(text)
    filters = chosen(filters)
    key = ("search", text.casefold(), tuple(sorted(filters.items())), page, size)
    return remembered(key, lambda: _search(engine.current(), text, filters, page, size, synonyms.groups()))


def chosen(filters):
    """``{facet: sorted tuple of distinct values}``, facets without a value left out."""
    found = {}
    for name, values in (filters or {}).items():
        values = values if isinstance(values, list | tuple | set | frozenset) else (values,)
        values = tuple(sorted({value for value in values if value is not None}, key=repr))
        if values:
            found[name] = values
    return found


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
    known = tuple(word.key for word in query_plan.words
                  if current.lexicon().knows(word.key) or word.term in synonyms.known_terms())
    return Outcome(found, frozenset(query_plan.terms), query_plan.corrected_text(text), query_plan.respelt_text(),
                   page, size, known)


def suggest(text, limit=8):
    """Titles that complete ``text`` as it is being typed."""
    return complete(text, limit)[0]


def complete(text, limit=8):
    """``(titles, words)`` completing ``text`` as it is being typed."""
    text = normalise(text)
    indexing.ensure_fresh()
    return engine.current().suggester().complete(text, limit)


CLOSEST = 5
CLOSEST_PREFIX = 3


def closest(text, limit=CLOSEST):
    """For a search that found nothing: the procedures whose words begin as the query's
    words do (their first three letters, then their first letter), one word after the
    other, so that each word has its say."""
    words = [token for token in analysis.WORD.findall(normalise(text)) if token.strip("_")]
    found = {}
    for size in (CLOSEST_PREFIX, 1):
        lists = [complete(word[:size], limit)[0] for word in words]
        for rank in range(limit):
            for titles in lists:
                if rank < len(titles) and len(found) < limit:
                    found.setdefault(titles[rank].slug, titles[rank])
        if found:
            break
    return list(found.values())


def count_use(outcome):
    """Count a search that found something in the words people search (``usage``):
    only the words the catalogue or a synonym group knows. The caller commits."""
    if outcome.found.total:
        usage.record(outcome.known_words)
