"""The domain: Law 55-19's procedures, by area, over a pure core.

Layers (checked by import-linter, ``.importlinter``; run by ``make test``):

    portal.create_app  →  procedures.init_app  →  the areas  →  the pure core
                                                   statistics
                                                   reports | feedback
                                                   requests | publication
                                                   offices | notices
                                                   search
                                                   catalogue
                                                   documents
                                                                 law
                                                                 deadlines
                                                                 calendar | text
                                                                 clock

An area may import the areas below it and the core, never one above it; the core
(``law``, ``deadlines``, ``calendar``, ``text``, ``clock``) imports neither Flask nor the
database. Areas may use the shell's services (``portal.extensions``, ``portal.i18n``,
``portal.audit``, ``portal.auth``); the shell reaches the domain only through
``init_app`` below and the hooks of ``portal.hooks``.
"""

AREAS = ("catalogue", "offices", "search", "publication", "notices", "requests", "reports", "feedback", "statistics")


def init_app(app):
    """Each area registers its blueprints, commands, guards, readiness checks and API paths."""
    from importlib import import_module

    for name in AREAS:
        import_module(f"{__name__}.{name}").init_app(app)
    # The demo's activity crosses the areas (requests, reports, feedback, a draft), so it sits above them.
    from . import demo
    from .requests.cli import requests_cli
    requests_cli.add_command(demo.demo_command)
