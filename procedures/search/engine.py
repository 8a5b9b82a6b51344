"""What each process keeps in memory about the index in use: the open backend, the
lexicon and suggestion structures built from it, and the cache of frequent queries.
All of them are rebuilt when the index's generation changes (a write or a swap by any
process), which is how the cache is dropped when the catalogue changes.
"""
import threading
import time
from collections import OrderedDict

from flask import current_app

from . import synonyms, usage, whoosh_backend
from .lexicon import Lexicon
from .store import Store
from .suggestions import Suggester

CACHE_SIZE = 1024
_engines = {}
_registry_lock = threading.Lock()


def create_backend(folder):
    return whoosh_backend.create(folder)


class Engine:
    def __init__(self, root):
        self.store = Store(root)
        self._backend = None
        self._lock = threading.Lock()
        self._generation = None
        self._derived = {}
        self._cache = OrderedDict()

    def backend(self):
        """The index in use (opened again after a swap), or None before the first build."""
        folder = self.store.current()
        if folder is None:
            return None
        with self._lock:
            if self._backend is None or self._backend.folder != folder:
                self._backend = whoosh_backend.WhooshBackend(folder)
            return self._backend

    def _fresh(self):
        """Forget the cached results of an older generation of the index."""
        backend = self.backend()
        generation = backend.generation() if backend else None
        if generation != self._generation:
            with self._lock:
                self._cache, self._generation = OrderedDict(), generation
        return backend

    def _derive(self, name, build, max_age=None):
        """A structure built from the whole index (lexicon, suggestions). Rebuilt after a
        swap, and after other writes at most every ``SEARCH_DERIVED_MAX_AGE`` seconds:
        at 30,000 procedures it takes seconds, and one publication changes a few words.
        With ``max_age``, also rebuilt when older than that (it reads more than the index)."""
        backend = self._fresh()
        folder = backend.folder if backend else None
        value, built_for, built_at = self._derived.get(name, (None, None, 0.0))
        age = time.monotonic() - built_at
        stale = built_for != (folder, self._generation) and (
            built_for is None or built_for[0] != folder or age > current_app.config["SEARCH_DERIVED_MAX_AGE"])
        stale = stale or (max_age is not None and age > max_age)
        if value is None or stale:
            value = build(backend)
            self._derived[name] = (value, (folder, self._generation), time.monotonic())
        return value

    def lexicon(self):
        return self._derive("lexicon", lambda backend: Lexicon(backend.vocabulary() if backend else []))

    def suggester(self):
        """Built from the index, the synonym groups and the words people searched (read
        again every ``SEARCH_USES_TTL`` seconds)."""
        built = self._derive("suggestions", lambda backend: Suggester(
            backend.suggestible() if backend else [], synonyms.expressions()))
        return self._derive("suggester", lambda _backend: built.ranked(usage.uses()),
                            max_age=current_app.config["SEARCH_USES_TTL"])

    def cached(self, key, compute):
        """``compute()``, remembered for ``key`` until the index changes."""
        self._fresh()
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        value = compute()
        self._cache[key] = value
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return value


def current():
    root = current_app.config["SEARCH_INDEX_DIR"]
    with _registry_lock:
        if root not in _engines:
            _engines[root] = Engine(root)
        return _engines[root]
