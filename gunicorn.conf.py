"""gunicorn settings for Masatir: ``gunicorn -c gunicorn.conf.py`` (``make serve`` migrates first).

Every value can be changed from the environment; see DEPLOY.md.
"""
import multiprocessing
import os

from gunicorn.glogging import Logger

wsgi_app = "wsgi:app"
bind = os.environ.get("BIND", "127.0.0.1:8000")  # behind the load balancer or a local proxy
# Sync workers: one request at a time each, CPU-bound pages (search, PDF receipts); slow clients are
# buffered by the proxy in front. 2 x cores + 1 by default.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# Off: each worker imports the app and opens its own database connections and search index after the fork.
preload_app = False
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # a worker silent this long is killed and replaced
graceful_timeout = 30  # on SIGTERM, requests in progress get this long to finish
keepalive = 5
# Recycle workers, bounding any slow leak. A kept page costs well under a millisecond, and a new worker a
# second or more of start-up (the app, its connections, an empty front door): every 5,000 requests, as it
# was, a busy worker spent about half its time starting again.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # heartbeats off the disk
limit_request_line = 8190
forwarded_allow_ips = "127.0.0.1"  # the app trusts proxies itself, with PROXY_HOPS (ProxyFix)

# Logs: the portal writes one access line per request itself (with its request id, LOG_REQUESTS);
# gunicorn's own lines (workers booting, dying, timing out) use the same format on stderr.
accesslog = None


class PortalLogger(Logger):
    """gunicorn's logger without its access line: with ``logconfig_dict`` set, gunicorn gathers that line's
    fields for every request even though no handler writes it (a sixth of hello world's cost, measured)."""

    def access(self, resp, req, environ, request_time):
        pass


logger_class = PortalLogger
errorlog = "-"
_format = os.environ.get("LOG_FORMAT") or ("json" if os.environ.get("MASATIR_ENV") == "production" else "text")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"masatir": {"()": "portal.production.formatter", "kind": _format}},
    "filters": {"request_id": {"()": "portal.production.RequestIdFilter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "masatir", "filters": ["request_id"],
                            "stream": "ext://sys.stderr"}},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
    "root": {"level": "INFO", "handlers": []},
}
