"""What the rest of Masatir expects from a search engine (Whoosh today).

Nothing outside ``procedures/search`` imports the engine; inside, only
``whoosh_backend`` does. Another engine (PostgreSQL full text, Elasticsearch) would
implement ``Backend`` and keep the analysis, plans, synonyms and pages as they are.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

FACETS = ("theme", "administration", "audience", "maturity", "online", "free")


@dataclass(frozen=True)
class Entry:
    """One procedure as the index sees it: its version in force, analysed."""
    procedure_id: int
    slug: str
    stamp: str  # changes whenever what is indexed changes (version, theme, audiences…)
    titles: dict  # {"ar": …, "fr": …}
    summaries: dict
    title_terms: list
    summary_terms: list
    document_terms: list
    title_skeletons: list  # Arabic words as consonant skeletons, for Latin-script Arabic (``arabizi``)
    text_skeletons: list  # the same for the summary and the documents
    words: list  # display forms, for typo tolerance
    theme: str
    administration: str
    audiences: list
    maturity: int
    free: bool


@dataclass(frozen=True)
class Hit:
    procedure_id: int
    slug: str
    titles: dict
    summaries: dict
    score: float


@dataclass
class Found:
    total: int
    hits: list
    facets: dict = field(default_factory=dict)  # facet -> {value: count}


class Backend(ABC):
    """One index in one folder; several processes may open it at once."""

    @abstractmethod
    def generation(self):
        """A value that changes whenever what a search sees changes."""

    @abstractmethod
    def search(self, plan, filters, offset, limit, require_all=True):
        """``Found`` for ``plan``: every clause (or, with ``require_all`` false, any)
        must match; ``filters`` maps facet names to tuples of values (any value of a facet,
        every facet); each facet's counts apply the other facets' filters, not its own; only
        ``offset + limit`` results are ranked."""

    @abstractmethod
    def vocabulary(self):
        """``(display form, number of procedures)`` for every indexed word."""

    @abstractmethod
    def suggestible(self):
        """``(slug, {"ar": title, "fr": title}, words of its titles and documents)`` for
        every indexed procedure."""

    @abstractmethod
    def stamps(self):
        """``{procedure id: stamp}`` of what is indexed."""

    @abstractmethod
    def write(self, entries=(), removed=(), timeout=None):
        """Add or replace ``entries`` and remove the procedures ``removed``, in one commit."""

    @abstractmethod
    def fill(self, entries, progress=None):
        """Index ``entries`` into a new, empty index (a full rebuild), as fast as it can."""
