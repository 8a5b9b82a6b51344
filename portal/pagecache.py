"""Public pages rendered once, kept in a cache the workers of a node share, revalidated for nothing.

A public page is named by what it shows: ``public(state, render)`` asks the view for ``state()``, the plain
values the page is made of (the ids of the versions it shows, counts, a day, a query), and turns them, with
the language, the endpoint and the code's own fingerprint, into a strong ``ETag``. That tag is the page's key:

- a browser or a proxy that sends it back in ``If-None-Match`` gets ``304 Not Modified`` at once;
- otherwise the body is read from the cache, or rendered once and kept there under the tag.

Since the key is what the page shows, a change reaches exactly the pages that show it, and nothing else is
thrown away. Where ``state()`` itself costs queries (counts, listings), ``remembered`` keeps it under the
day and the *generations* of what it reads: counters in the database (table ``cache_generation``) that
triggers bump whenever the catalogue, its taxonomy or the search synonyms change (migration 0014), in the
transaction of the change, whoever makes it (the commission, an import, a command). Every worker of every
node reads them, so a publication is seen everywhere at once; at midnight (Morocco's time) the day changes
the key, so a version taking effect shows without anyone writing anything.

The cache is Flask-Caching's: Redis (``CACHE_REDIS_URL``) in production, shared by the workers of a node;
files under ``instance/page-cache`` otherwise (development, tests), which needs nothing extra.

Only readers without a session cookie are served from the cache, and their answers carry
``Cache-Control: public`` without ``Set-Cookie`` or ``Vary: Cookie``, so that a shared cache may keep them;
a signed-in agent (or a citizen whose browser holds receipts) gets the page rendered for them, never stored.
"""
import collections
import hashlib
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, g, has_app_context, has_request_context, make_response, request, session
from flask.sessions import SecureCookieSessionInterface
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
    """A counter bumped by the database's triggers whenever what it names changes (migration 0014)."""
    __tablename__ = "cache_generation"

    name: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


def generations(*names):
    """The current values of the named counters (0 for one never bumped), once per request: from the shared
    cache, where a copy lives ``GENERATIONS_SECONDS`` at most and is dropped after every commit (``forget``),
    else from the database."""
    memo = request.environ if has_request_context() else {}
    found = memo.get("masatir.generations")
    if found is None:
        found = cache.get("g") if has_request_context() else None
        if found is None:
            found = dict(tuple(row) for row in db.session.execute(sa.select(Generation.name, Generation.value)))
            if has_request_context():
                cache.set("g", found, timeout=current_app.config["GENERATIONS_SECONDS"])
        memo["masatir.generations"] = found
    return tuple(found.get(name, 0) for name in names)


def forget(_session=None):
    """After a commit: the copy of the generations in the shared cache may be old now (a trigger may have
    bumped one), so it goes; the next request reads the database's."""
    if has_app_context() and current_app.extensions.get("cache", {}).get(cache) is not None:
        try:
            cache.delete("g")
        except Exception:  # noqa: BLE001  (the cache away: its copy expires by itself)
            current_app.logger.warning("page cache: could not drop the generations' copy", exc_info=True)


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

    def get(self, key):
        found = self.entries.get(key)
        if found is None:
            found = cache.get(key)
            if found is not None:
                self.put(key, found, shared=False)
        else:
            self.entries.move_to_end(key)
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

    Two levels: this address, for today and the ``depends_on`` generations, gives the tag and the body at
    once (no query); when a generation moved, ``state()`` names the page again and the body kept under that
    name is used if there is one, so that only pages whose content changed are rendered again."""
    if not cacheable():
        return render()
    config = current_app.config
    # The query's arguments too: links on the page keep them (the language switch, the pages of a listing).
    address = "a:" + digest(config["CODE_FINGERPRINT"], request.endpoint, request.view_args, current_language(),
                            sorted(request.args.items(multi=True)), clock.today(), generations(*depends_on), salt)
    entry = kept().get(address)
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
        kept().put(address, entry)
    etag, body, mimetype = entry
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


def init_app(app):
    config = app.config
    config.setdefault("PAGE_CACHE", True)
    config.setdefault("PUBLIC_MAX_AGE", 30)
    config.setdefault("PUBLIC_STALE_SECONDS", 30)
    config.setdefault("GENERATIONS_SECONDS", 5)
    config.setdefault("CODE_FINGERPRINT", code_fingerprint())
    settings = {"CACHE_DEFAULT_TIMEOUT": config.get("PAGE_CACHE_SECONDS", 2 * 24 * 3600), "CACHE_KEY_PREFIX": "mp:"}
    if config.get("CACHE_REDIS_URL"):
        settings.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=config["CACHE_REDIS_URL"])
    else:
        settings.update(CACHE_TYPE="FileSystemCache", CACHE_THRESHOLD=20000,
                        CACHE_DIR=config.get("PAGE_CACHE_DIR") or str(Path(app.instance_path) / "page-cache"))
    cache.init_app(app, config=settings)
    app.extensions["masatir.kept"] = Kept(config.get("PAGE_CACHE_IN_WORKER", 400))
    app.session_interface = SessionInterface()
    if not sa.event.contains(sa.orm.Session, "after_commit", forget):
        sa.event.listen(sa.orm.Session, "after_commit", forget)
    app.after_request(validate)

    @app.cli.group("pagecache")
    def pagecache_cli():
        """The public pages' cache."""

    @pagecache_cli.command("clear")
    def clear_command():
        """Forget every kept page (after restoring a backup: ids may be used again)."""
        clear()
        print("page cache cleared")
