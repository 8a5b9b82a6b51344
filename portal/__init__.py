"""The Flask application: a shell that knows how to serve, translate and store.

What it serves comes from the ``procedures`` package: ``procedures.init_app`` below is the one
place the shell reaches the domain; the domain gives back what the shell asks for through
``portal.hooks`` (readiness checks, API paths, the administrations accounts belong to).
"""
import os
from pathlib import Path

from flask import Flask, redirect, url_for

from . import auth, bounded_json, config, errors, i18n, office, pagecache, production, security, transaction
from .audit import views as audit_views
from .extensions import db, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides=None):
    app = Flask(
        __name__,
        instance_path=os.environ.get("INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.json = bounded_json.BoundedJSONProvider(app)  # request bodies nested too deep are malformed
    # 1. Settings: the environment, then what the caller (a test) overrides.
    app.config.from_mapping(config.from_environment(app.instance_path))
    app.config.from_mapping(overrides or {})
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    # 2. Extensions, and one commit per request with its side effects after it (transaction.py).
    db.init_app(app)
    transaction.install()
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    i18n.init_app(app)
    auth.init_app(app)
    production.init_app(app)
    security.init_app(app)
    pagecache.init_app(app)  # after security: its validators are set before the security headers are
    app.register_blueprint(office.blueprint)
    app.register_blueprint(audit_views.blueprint)

    # 3. The domain: each area registers its pages, API, commands, guards and checks.
    import procedures

    procedures.init_app(app)

    # 4. Errors, and the bare root, which goes to the default language.
    errors.init_app(app)

    @app.get("/")
    def root():
        return redirect(url_for("catalogue.home", lang_code=i18n.default_language()))

    @app.get("/favicon.ico")
    def favicon():
        """Browsers and bookmarks that ask for the icon at the root, before reading the page's link."""
        return redirect(url_for("static", filename="favicon.svg"), 301)

    @app.get("/sw.js")
    def service_worker():
        """Served from the root so that it may keep pages of the whole site."""
        response = app.send_static_file("sw.js")
        response.headers["Cache-Control"] = "no-cache"
        return response

    production.behind_proxies(app)  # outermost, around the page cache's front door
    return app
