"""Public pages rendered once, kept in a cache the workers of a node share, revalidated for nothing.

A public page is named by what it shows: ``public(state, render)`` asks the view for ``state()``, the plain
values the page is made of (the ids of the versions it shows, counts, a day, a query), and turns them, with
the language, the endpoint and the code's own fingerprint, into a strong ``ETag``. That tag is the page's key:

- a browser or a proxy that sends it back in ``If-None-Match`` gets ``304 Not Modified`` at once;
- otherwise the body is read from the cache, or rendered once and kept there under the tag.

Since the key is what the page shows, a change reaches exactly the pages that show it, and nothing else is
thrown away. Where ``state()`` itself costs queries (counts, listings), ``remembered`` keeps it under the
day and the *generations* of what it reads (``portal/generations.py``): counters in the database that
triggers bump whenever the catalogue, its taxonomy or the search synonyms change, in the transaction of the
change, whoever makes it. Every request on every worker of every node reads them afresh, so a publication
is seen everywhere at once; at midnight (Morocco's time) the day changes the key, so a version taking
effect shows without anyone writing anything.

A page answered from the cache is remembered by its worker's front door (``portal/frontdoor.py``), which
answers the next request for it before Flask, for as long as the day and its generations hold.

The cache is Flask-Caching's: Redis (``CACHE_REDIS_URL``) in production, shared by the workers of a node;
files under ``instance/page-cache`` otherwise (development, tests), which needs nothing extra.

Only readers without a session cookie are served from the cache, and their answers carry
``Cache-Control: public`` without ``Set-Cookie`` or ``Vary: Cookie``, so that a shared cache may keep them;
a signed-in agent (or a citizen whose browser holds receipts) gets the page rendered for them, never stored.
"""
import collections
import hashlib
from pathlib import Path

from flask import current_app, g, make_response, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_caching import Cache
from werkzeug.utils import get_content_type

from procedures import clock  # the one clock

from . import frontdoor
from .extensions import db
from .generations import Reader, current
from .i18n import current_language

ROOT = Path(__file__).resolve().parent.parent
cache = Cache()
# Public endpoints that get validators from their body (``ETag`` and ``304``) and ``Cache-Control: public``,
# without being kept whole: their blueprints' names.
VALIDATED_BLUEPRINTS = ("api", "search_api", "statistics", "statistics_api")


def generations(*names):
    """The current values of the named counters (0 for one never bumped), read once per request."""
    return current(current_app.extensions["masatir.generations"], *names)


def at_door(on_hit):
    """Ask the front door to call ``on_hit()`` on each answer it gives for this page without Flask: it
    returns False (having done nothing) when the request must go to Flask after all."""
    request.environ[frontdoor.ON_HIT] = on_hit


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
    found = kept().get(key)  # never stale: a change makes a new key
    if found is None:
        found = compute()
        kept().put(key, found)
    return found


class Kept:
    """This worker's copy of the entries it read last (bounded): an address's or a tag's entry never changes
    (a change makes a new address or tag), so a copy is never stale, and a hit costs no round trip."""

    def __init__(self, size):
        self.size, self.entries = size, collections.OrderedDict()

    def get(self, key, shared=True):
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        elif shared:
            found = cache.get(key)
            if found is not None:
                self.put(key, found, shared=False)
        return found

    def put(self, key, value, shared=True):
        if shared:
            cache.set(key, value)
        self.entries[key] = value
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


def kept():
    return current_app.extensions["masatir.kept"]


def public(state, render, depends_on=("catalogue", "taxonomy"), salt=None):
    """The page ``render()`` makes, named by ``state()`` (None: render it as it is, e.g. a 404).

    Two levels: this address, for today and the ``depends_on`` generations, gives this worker the tag and the
    body at once (no query); otherwise (a generation moved, or this worker never named the page) ``state()``
    names the page and the body shared under that name is used if there is one, so that only pages whose
    content changed are rendered again, once for all the workers."""
    if not cacheable():
        return render()
    config = current_app.config
    # The query's arguments too: links on the page keep them (the language switch, the pages of a listing).
    address = "a:" + digest(config["CODE_FINGERPRINT"], request.endpoint, request.view_args, current_language(),
                            sorted(request.args.items(multi=True)), clock.today(), generations(*depends_on), salt)
    entry = kept().get(address, shared=False)
    if entry is None:
        shows = state()
        if shows is None:
            return render()
        etag = digest(config["CODE_FINGERPRINT"], request.endpoint, request.view_args, current_language(), shows,
                      sorted(request.args.items(multi=True)))
        entry = kept().get("p:" + etag)
        if entry is None:
            response = make_response(render())
            if response.status_code != 200 or session.modified:  # an error, or something for this browser
                return response
            entry = (etag, response.get_data(), response.mimetype)
            kept().put("p:" + etag, entry)
        kept().put(address, entry, shared=False)  # a worker names a page once: one shared write per render
    etag, body, mimetype = entry
    request.environ[frontdoor.MARK] = (clock.today(), depends_on, generations(*depends_on), etag, body,
                                       get_content_type(mimetype, "utf-8"))
    if request.if_none_match.contains_weak(etag):
        return not_modified(etag)
    return mark_public(current_app.response_class(body, mimetype=mimetype), etag)


def not_modified(etag):
    return mark_public(current_app.response_class(status=304), etag)


def mark_public(response, etag):
    """Shared caches may keep it: the request had no session cookie, so the page read an empty session (no
    account, no flashed message) and is the same for everyone; Flask must not answer ``Vary: Cookie``."""
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


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, without ``Vary: Cookie`` on a public page: Flask adds it as soon as anything
    looked at the (empty) session, which on a public page changes nothing."""

    def save_session(self, app, session, response):
        super().save_session(app, session, response)
        if g.get("public_page") and "Set-Cookie" not in response.headers:
            response.vary.discard("Cookie")
            if not response.vary:
                del response.headers["Vary"]


def clear():
    cache.clear()
    kept().entries.clear()
    current_app.extensions["masatir.door"].clear()


def init_app(app):
    config = app.config
    config.setdefault("PAGE_CACHE", True)
    config.setdefault("PUBLIC_MAX_AGE", 30)
    config.setdefault("PUBLIC_STALE_SECONDS", 30)
    config.setdefault("PAGE_CACHE_IN_WORKER", 400)
    config.setdefault("CODE_FINGERPRINT", code_fingerprint())
    settings = {"CACHE_DEFAULT_TIMEOUT": config.get("PAGE_CACHE_SECONDS", 2 * 24 * 3600), "CACHE_KEY_PREFIX": "mp:"}
    if config.get("CACHE_REDIS_URL"):
        settings.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=config["CACHE_REDIS_URL"])
    else:
        settings.update(CACHE_TYPE="FileSystemCache", CACHE_THRESHOLD=20000,
                        CACHE_DIR=config.get("PAGE_CACHE_DIR") or str(Path(app.instance_path) / "page-cache"))
    cache.init_app(app, config=settings)
    app.extensions["masatir.kept"] = Kept(config["PAGE_CACHE_IN_WORKER"])
    with app.app_context():
        reader = app.extensions["masatir.generations"] = Reader(db.engine)
    app.session_interface = SessionInterface()
    app.after_request(validate)
    door = app.extensions["masatir.door"] = frontdoor.FrontDoor(app, app.wsgi_app, reader)
    app.wsgi_app = door

    @app.cli.group("pagecache")
    def pagecache_cli():
        """The public pages' cache."""

    @pagecache_cli.command("clear")
    def clear_command():
        """Forget every kept page (after restoring a backup: ids may be used again)."""
        clear()
        print("page cache cleared")
