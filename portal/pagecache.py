"""Public pages rendered once, kept in a cache the workers of a node share, revalidated for nothing.

A public page is named by what it shows: ``public(state, render)`` asks the view for ``state()``, the plain
values the page is made of (the ids of the versions it shows, counts, a day, a query), and turns them, with
the language, the endpoint and the code's own fingerprint, into a strong ``ETag``. That tag is the page's key:

- a browser or a proxy that sends it back in ``If-None-Match`` gets ``304 Not Modified`` at once;
- otherwise the body is read from the cache, or rendered once and kept there under the tag.

Since the key is what the page shows, a change reaches exactly the pages that show it, and nothing else is
thrown away. Where ``state()`` itself costs queries (counts, listings), ``remembered`` keeps it under the
day and the *generations* of what it reads: counters in the database (table ``cache_generation``) that
triggers bump whenever the catalogue, its taxonomy or the search synonyms change (migration 0013), in the
transaction of the change, whoever makes it (the commission, an import, a command). Every worker of every
node reads them, so a publication is seen everywhere at once; at midnight (Morocco's time) the day changes
the key, so a version taking effect shows without anyone writing anything.

The cache is Flask-Caching's: Redis (``CACHE_REDIS_URL``) in production, shared by the workers of a node;
files under ``instance/page-cache`` otherwise (development, tests), which needs nothing extra.

Only readers without a session cookie are served from the cache, and their answers carry
``Cache-Control: public`` without ``Set-Cookie`` or ``Vary: Cookie``, so that a shared cache may keep them;
a signed-in agent (or a citizen whose browser holds receipts) gets the page rendered for them, never stored.
"""
import hashlib
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, g, has_request_context, make_response, request, session
from flask_caching import Cache
from sqlalchemy.orm import Mapped, mapped_column

from procedures import clock  # the one clock

from .extensions import db
from .i18n import current_language

ROOT = Path(__file__).resolve().parent.parent
cache = Cache()
# Public endpoints that get validators from their body (``ETag`` and ``304``) and ``Cache-Control: public``,
# without being kept whole: their blueprints' names.
VALIDATED_BLUEPRINTS = ("api", "search_api", "statistics", "statistics_api")


class Generation(db.Model):
    """A counter bumped by the database's triggers whenever what it names changes (migration 0013)."""
    __tablename__ = "cache_generation"

    name: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


def generations(*names):
    """The current values of the named counters (0 for one never bumped), read once per request."""
    memo = request.environ if has_request_context() else {}
    found = memo.get("masatir.generations")
    if found is None:
        rows = [tuple(row) for row in db.session.execute(sa.select(Generation.name, Generation.value))]
        found = memo["masatir.generations"] = dict(rows)
    return tuple(found.get(name, 0) for name in names)


def code_fingerprint():
    """Changes with the templates, the translations and the code: a deployment never serves an old rendering."""
    digest = hashlib.blake2b(digest_size=8)
    for folder, pattern in (("templates", "*.html"), ("translations", "*.mo"), ("portal", "*.py"),
                            ("procedures", "*.py")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts):
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def cacheable():
    """Whether this request may be answered from, and for, a shared cache: a plain GET without a session."""
    return (request.method in ("GET", "HEAD") and current_app.config["PAGE_CACHE"]
            and current_app.config["SESSION_COOKIE_NAME"] not in request.cookies)


def remembered(name, depends_on, compute):
    """``compute()``, kept for today and the current ``depends_on`` generations (a tuple of their names)."""
    key = ("state", current_app.config["CODE_FINGERPRINT"], name, clock.today(), generations(*depends_on))
    key = "s:" + digest(*key)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found)
    return found


def public(state, render):
    """The page ``render()`` makes, named by ``state()`` (None: render it as it is, e.g. a 404)."""
    if not cacheable():
        return render()
    shows = state()
    if shows is None:
        return render()
    # The query's arguments too: links on the page keep them (the language switch, the pages of a listing).
    etag = digest(current_app.config["CODE_FINGERPRINT"], request.endpoint, current_language(), shows,
                  sorted(request.args.items(multi=True)))
    if request.if_none_match.contains_weak(etag):
        return not_modified(etag)
    kept = cache.get("p:" + etag)
    if kept is None:
        response = make_response(render())
        if response.status_code != 200 or session.modified:  # an error, or something for this browser
            return response
        kept = (response.get_data(), response.mimetype)
        cache.set("p:" + etag, kept)
    response = current_app.response_class(kept[0], mimetype=kept[1])
    return mark_public(response, etag)


def not_modified(etag):
    return mark_public(current_app.response_class(status=304), etag)


def mark_public(response, etag):
    g.public_page = True
    response.set_etag(etag)
    config = current_app.config
    response.headers["Cache-Control"] = (f"public, max-age={config['PUBLIC_MAX_AGE']}, "
                                         f"stale-while-revalidate={config['PUBLIC_STALE_SECONDS']}")
    return response


def validate(response):
    """After the request: a public page not kept whole still gets a validator from its body, and revalidates."""
    if (g.get("public_page") or response.status_code != 200 or response.direct_passthrough
            or request.blueprint not in VALIDATED_BLUEPRINTS or not cacheable() or session.modified
            or "Cache-Control" in response.headers):
        return response
    etag = hashlib.blake2b(response.get_data(), digest_size=12).hexdigest()
    mark_public(response, etag)
    return response.make_conditional(request)


def clear():
    cache.clear()


def init_app(app):
    config = app.config
    config.setdefault("PAGE_CACHE", True)
    config.setdefault("PUBLIC_MAX_AGE", 30)
    config.setdefault("PUBLIC_STALE_SECONDS", 30)
    config.setdefault("CODE_FINGERPRINT", code_fingerprint())
    settings = {"CACHE_DEFAULT_TIMEOUT": config.get("PAGE_CACHE_SECONDS", 2 * 24 * 3600), "CACHE_KEY_PREFIX": "mp:"}
    if config.get("CACHE_REDIS_URL"):
        settings.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=config["CACHE_REDIS_URL"])
    else:
        settings.update(CACHE_TYPE="FileSystemCache", CACHE_THRESHOLD=20000,
                        CACHE_DIR=config.get("PAGE_CACHE_DIR") or str(Path(app.instance_path) / "page-cache"))
    cache.init_app(app, config=settings)
    app.after_request(validate)
