"""Running in production: health and readiness checks, request ids, structured logs, proxies.

- ``GET /healthz``: the process answers (no I/O). ``GET /readyz``: the database answers
  ``SELECT 1`` and every check the domain registered answers (``portal.hooks``: the upload
  store takes a file, the search index can be read); 503 with JSON naming what failed, so that
  a load balancer stops sending traffic to this node.
- Every request gets an id (the caller's ``X-Request-ID`` when it is sane, else a new
  one), sent back in ``X-Request-ID`` and added to every log line written meanwhile.
- Logs go through the standard ``logging`` module, one JSON object per line when
  ``LOG_FORMAT=json`` (the default in production), readable text otherwise. With
  ``LOG_REQUESTS`` (on with JSON) each request ends with one line: method, path,
  status, duration, remote address — the access log. Lines leave together, at most
  ``LOG_FLUSH_SECONDS`` (1) after the first, a warning at once (``portal.batched_log``).
- ``PROXY_HOPS=n``: the portal sits behind n proxies (a load balancer) and trusts the
  last n ``X-Forwarded-For``/``-Proto`` values they add. ``X-Forwarded-Host`` is never
  trusted: the addresses the portal writes come from ``PUBLIC_BASE_URL`` (``portal.links``).
  Trusting X-Forwarded-For is only safe when nothing but the proxies can reach gunicorn
  (DEPLOY.md binds it to the proxies' network).
"""
import json
import logging
import os
import re
import sys
import time
import uuid
from json.encoder import encode_basestring

import sqlalchemy as sa
from flask import Blueprint, current_app, g, has_request_context, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import hooks
from .batched_log import BatchedStreamHandler
from .config import ConfigurationError
from .extensions import db

SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+=/-]{7,127}$")
ACCESS = logging.getLogger("masatir.access")
RECORD_FIELDS = ("method", "path", "status", "duration_ms", "remote_addr")

blueprint = Blueprint("production", __name__)


# Request ids and logs ---------------------------------------------------------------------------------------------

def current_request_id():
    return g.get("request_id") if has_request_context() else None


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id() or "-"
        return True


def utc_time(created, msecs):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(msecs):03d}Z"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id, and the request's fields."""

    encoder = json.JSONEncoder(ensure_ascii=False, default=str)  # one, not one per line

    def format(self, record):
        entry = {
            "time": utc_time(record.created, record.msecs),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or current_request_id(),
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in RECORD_FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self.encoder.encode(entry)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")

    def format(self, record):
        record.request_id = getattr(record, "request_id", None) or current_request_id() or "-"
        return super().format(record)


def formatter(kind):
    return JsonFormatter() if kind == "json" else TextFormatter()


def configure_logging(app):
    """One handler on the root logger (stdout), unless the server (gunicorn) or a test already set one."""
    app.logger.removeHandler(_flask_default_handler())
    root = logging.getLogger()
    if app.testing:
        return
    # What no line shows is not gathered for each line (the logging HOWTO's "Optimization"): the access
    # line is written for every request, kept pages included, and cost more than answering them.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging._srcfile = None
    if any(getattr(handler, "masatir", False) for handler in root.handlers):
        return
    handler = BatchedStreamHandler(sys.stdout, interval=app.config["LOG_FLUSH_SECONDS"])
    handler.masatir = True
    handler.setFormatter(formatter(app.config["LOG_FORMAT"]))
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"])


def _flask_default_handler():
    from flask.logging import default_handler
    return default_handler


def start_request():
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def end_request(response):
    if "request_id" not in g:  # an earlier hook answered before ours ran
        start_request()
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if current_app.config["LOG_REQUESTS"]:
        log_access(request.method, request.path, response.status_code, g.get("request_started"), g.request_id,
                   request.remote_addr)
    return response


def log_access(method, path, status, started, request_id, remote_addr):
    """The access line: one per request (``LOG_REQUESTS``), answered by Flask or by the front door."""
    duration = round((time.perf_counter() - started) * 1000, 1) if started else 0.0  # never "-0.0 ms"
    direct = straight_to()
    if direct is not None:
        try:
            line = access_line(time.time(), method, path, status, duration,
                               request_id or current_request_id() or "-", remote_addr)
        except Exception:  # noqa: BLE001  (as a record's formatting: a log line never breaks the request)
            direct.handleError(logging.makeLogRecord({"msg": "an access line that could not be made"}))
        else:
            direct.add(line + "\n")
        return
    ACCESS.info("%s %s %s %.1f ms", method, path, status, duration,
                extra={"request_id": request_id, "method": method, "path": path, "status": status,
                       "duration_ms": duration, "remote_addr": remote_addr})


def straight_to():
    """The JSON handler configure_logging installed, if an access record would reach it alone through the
    loggers as they are configured now; else None."""
    handlers = logging.root.handlers
    if len(handlers) != 1 or not getattr(handlers[0], "masatir", False):
        return None
    handler = handlers[0]
    if not isinstance(handler.formatter, JsonFormatter) or handler.level > logging.INFO or ACCESS.filters:
        return None
    logger = ACCESS
    while logger is not logging.root:
        if logger.handlers or not logger.propagate:
            return None
        logger = logger.parent
    return handler if ACCESS.isEnabledFor(logging.INFO) else None


def access_line(created, method, path, status, duration, request_id, remote_addr):
    """``log_access``'s line as ``JsonFormatter`` writes its record, character for character, without the
    record: the logging module's way (a record, its filters, a dict and the encoder) cost a kept page a
    sixth of its time under gunicorn. Written so only where configure_logging put the JSON handler alone."""
    return (f'{{"time": "{utc_time(created, (created - int(created)) * 1000)}", "level": "info", '
            f'"logger": "{ACCESS.name}", "request_id": {json_value(request_id)}, '
            f'"message": {json_value(f"{method} {path} {status} {duration:.1f} ms")}, '
            f'"method": {json_value(method)}, "path": {json_value(path)}, "status": {json_value(status)}, '
            f'"duration_ms": {json_value(duration)}, "remote_addr": {json_value(remote_addr)}}}')


def json_value(value):
    return encode_basestring(value) if type(value) is str else JsonFormatter.encoder.encode(value)


# Health and readiness ---------------------------------------------------------------------------------------------

@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


def check_database():
    try:
        db.session.execute(sa.text("SELECT 1"))
    finally:
        db.session.rollback()


def readiness_checks():
    """The database, then what the domain's areas registered (``portal.hooks``): uploads, search index…"""
    return [("database", check_database), *hooks.registered("readiness")]


@blueprint.get("/readyz")
def readyz():
    checks = {}
    for name, check in readiness_checks():
        try:
            check()
        except Exception as error:  # noqa: BLE001  (any failure means: not ready)
            current_app.logger.warning("readiness: %s failed: %r", name, error)
            checks[name] = f"failed: {type(error).__name__}"
            if isinstance(error, LookupError):
                checks[name] = f"failed: {error.args[0]}"
        else:
            checks[name] = "ok"
    ready = all(value == "ok" for value in checks.values())
    response = jsonify(status="ready" if ready else "not ready", checks=checks)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if ready else 503


# Start-up ---------------------------------------------------------------------------------------------------------

def settings(app, env=None):
    env = os.environ if env is None else env
    log_format = env.get("LOG_FORMAT") or ("json" if app.config.get("PRODUCTION") else "text")
    app.config.setdefault("LOG_FORMAT", log_format)
    app.config.setdefault("LOG_LEVEL", env.get("LOG_LEVEL", "INFO").upper())
    app.config.setdefault("LOG_REQUESTS", env.get("LOG_REQUESTS", "1" if log_format == "json" else "0") == "1")
    app.config.setdefault("LOG_FLUSH_SECONDS", flush_seconds(env.get("LOG_FLUSH_SECONDS") or "1"))
    app.config.setdefault("PROXY_HOPS", int(env.get("PROXY_HOPS") or 0))


def flush_seconds(typed):
    """``LOG_FLUSH_SECONDS``: from 0 (each line as it comes) to 60."""
    try:
        if 0 <= float(typed) <= 60:  # false for nan
            return float(typed)
    except ValueError:
        pass
    raise ConfigurationError(f"LOG_FLUSH_SECONDS={typed!r}: a number of seconds from 0 to 60 is expected")


def init_app(app):
    from . import backup

    settings(app)
    configure_logging(app)
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)  # first, so every log line has the id
    app.after_request(end_request)
    app.register_blueprint(blueprint)
    app.cli.add_command(backup.backup_cli)
    if app.config.get("PRODUCTION") and app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory"):
        app.logger.warning("RATELIMIT_STORAGE_URI is memory://: each worker counts alone; use Redis with several")


def behind_proxies(app):
    """The outermost layer (``create_app`` calls it last): what the proxies added is read before anything,
    the front door's access log included."""
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)
