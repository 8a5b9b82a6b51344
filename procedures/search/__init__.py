"""Full-text search over the published catalogue, in Arabic and French.

For the publishing workflow: ``reindex_procedure(id)`` and ``remove_procedure(id)``
after the commit; for the synonyms' administration page: the functions of ``synonyms``.
``init_app`` registers the pages, the API and its description, ``flask search`` and the
readiness check of the index.
"""
import os
import tempfile
from pathlib import Path

from .indexing import reindex_procedure, remove_procedure

__all__ = ["init_app", "reindex_procedure", "remove_procedure"]


def defaults(app):
    """Settings, overridable by the caller or the environment (``SEARCH_INDEX_DIR``).

    A testing application without an index folder gets a throwaway one, so that no
    test ever writes under ``instance/``.
    """
    testing = app.config.get("TESTING", False)
    folder = os.environ.get("SEARCH_INDEX_DIR") or (
        tempfile.mkdtemp(prefix="masatir-search-") if testing else str(Path(app.instance_path) / "search-index"))
    app.config.setdefault("SEARCH_INDEX_DIR", folder)
    # How often a process compares the index with the database (seconds).
    app.config.setdefault("SEARCH_FRESHNESS_SECONDS", 0 if testing else 5)
    # How long a process keeps the synonym groups before reading them again.
    app.config.setdefault("SEARCH_SYNONYMS_TTL", 0 if testing else 30)
    # How often a worker writes the words searched since it last did (seconds).
    app.config.setdefault("SEARCH_USE_FLUSH_SECONDS", 0 if testing else 10)
    # How long a process keeps the names of themes, administrations and audiences (facets).
    app.config.setdefault("SEARCH_NAMES_TTL", 0 if testing else 30)
    # How old the lexicon and suggestions may get after a write before they are rebuilt.
    app.config.setdefault("SEARCH_DERIVED_MAX_AGE", 0 if testing else 300)
    # How often suggestions take in the words people searched since they were built.
    app.config.setdefault("SEARCH_USES_TTL", 0 if testing else 600)
    # How long a write waits for another one to finish, and a rebuild for another rebuild.
    app.config.setdefault("SEARCH_WRITE_TIMEOUT", 20)
    app.config.setdefault("SEARCH_BUILD_TIMEOUT", 300)


def init_app(app):
    from portal import hooks

    from . import admin_views, api, cli, openapi, readiness, views
    from . import models  # noqa: F401  (the table joins the metadata)

    defaults(app)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(admin_views.blueprint)
    app.register_blueprint(api.blueprint)
    app.cli.add_command(cli.search)
    hooks.register(app, "readiness", ("search_index", readiness.check_search_index))
    hooks.register(app, "api_paths", openapi.add_paths)
