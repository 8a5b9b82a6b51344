"""Kept public pages answered before Flask: a WSGI layer around the application.

A kept page (``portal/pagecache.py``) costs nothing to render, but going through Flask still costs a
request context, the session, the rate limiter, the hooks and the headers, several times what the page
itself costs. So each worker remembers, for every public address it answered from the page cache, the
answer it gave (status line, headers, body) together with what made it true: the day in Morocco and the
generations of what the page shows (``portal/generations.py``). The next plain request for that address
(a GET or HEAD, no session cookie, the same query string) is answered here with one query, the
generations, and no Flask at all, as long as the day and those generations have not moved; otherwise it
goes to Flask, which names the page again and lets this layer remember the new answer. The code itself
(templates, translations, the search analyser) never changes in a worker's life: a deployment starts new
workers, which remember nothing.

What a response of Flask's would have added per request is added here too: ``X-Request-ID``, the access
log line (``LOG_REQUESTS``), and ``304 Not Modified`` on a matching ``If-None-Match``. A public page's 304,
here or from Flask, carries the validators, the caching rules and what is the request's own (its id, a
cookie) only (RFC 9110, 15.4.5): the browser or proxy keeps the other headers it stored with the page
(sending them again cost a revalidation a tenth of its throughput). A page may also ask to be told of each
answer given here (``pagecache.at_door``: the search page counts the words people search); when it says no,
the request goes to Flask.
"""
import collections
import logging
import time
import uuid

from werkzeug.http import parse_etags
from werkzeug.wsgi import get_path_info

from procedures import clock  # the one clock

from . import generations
from .production import SANE_REQUEST_ID, log_access

MARK = "masatir.door"  # set by pagecache.public: this answer may be remembered, and under what
ON_HIT = "masatir.door.on_hit"  # set by pagecache.at_door
PER_REQUEST = {"x-request-id", "set-cookie", "date", "retry-after"}  # and ENTITY, set from the kept body
PER_CLIENT = "x-ratelimit-"  # a limit's counts are this client's, now: never told to another
ENTITY = {"content-type", "content-length"}
# What a public page's 304 carries, whoever answers it: what updates the answer a browser or a proxy stored
# (RFC 9110, 15.4.5), and what is this request's own (its id, a cookie, a limit's counts); not the page's
# other headers, which the stored page keeps (its security headers).
NOT_MODIFIED = {"cache-control", "content-location", "etag", "expires", "vary"} | PER_REQUEST


def kept_header(name):
    """Whether a header of Flask's answer is told again to the next reader of the page (the body's own
    type and length are set from the kept body)."""
    name = name.lower()
    return name not in PER_REQUEST and name not in ENTITY and not name.startswith(PER_CLIENT)


def not_modified(headers):
    return [(name, value) for name, value in headers
            if name.lower() in NOT_MODIFIED or name.lower().startswith(PER_CLIENT)]


def trimming(start_response):
    """``start_response``, with Flask's 304 for a page the door may keep cut as the door cuts its own."""
    def start(status, headers, exc_info=None):
        return start_response(status, not_modified(headers) if status.startswith("304") else headers, exc_info)
    return start


class Answer:
    """A kept page as this worker last sent it, and what made it true."""
    __slots__ = ("day", "names", "values", "etag", "quoted", "headers", "unchanged", "body", "on_hit")

    def __init__(self, day, names, values, etag, headers, body, on_hit):
        self.day, self.names, self.values, self.etag, self.quoted = day, names, values, etag, f'"{etag}"'
        self.headers, self.body, self.on_hit = headers, body, on_hit
        self.unchanged = not_modified(headers)  # for a 304


class FrontDoor:
    def __init__(self, app, wsgi_app, reader):
        self.wsgi_app, self.reader, self.config = wsgi_app, reader, app.config
        self.cookie = app.config["SESSION_COOKIE_NAME"]  # anywhere in the header: Flask decides then
        self.answers = collections.OrderedDict()

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        if (method not in ("GET", "HEAD") or self.cookie in environ.get("HTTP_COOKIE", "")
                or not self.config["PAGE_CACHE"]):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        address = (environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
        answer = self.answers.get(address)
        if answer is not None and self.still_true(answer, environ):
            self.answers.move_to_end(address)
            return self.answer(answer, environ, start_response, started)
        if method == "HEAD":  # Flask sends no body: nothing to remember
            return self.wsgi_app(environ, trimming(start_response))
        return self.remember(address, environ, start_response)

    def still_true(self, answer, environ):
        if answer.day != clock.today():
            return False
        try:
            found = environ[generations.MEMO] = self.reader.read()
        except Exception:  # noqa: BLE001  (the database away: Flask answers, and says so)
            logging.getLogger(__name__).warning("front door: generations unreadable", exc_info=True)
            return False
        return (tuple(found.get(name, 0) for name in answer.names) == answer.values
                and (answer.on_hit is None or answer.on_hit()))

    def answer(self, answer, environ, start_response, started):
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        asked = environ.get("HTTP_IF_NONE_MATCH")
        if asked and (asked == answer.quoted or parse_etags(asked).contains_weak(answer.etag)):
            status, body, headers = "304 NOT MODIFIED", b"", list(answer.unchanged)
        else:
            status, headers = "200 OK", list(answer.headers)
            body = b"" if environ["REQUEST_METHOD"] == "HEAD" else answer.body
        headers.append(("X-Request-ID", request_id))
        start_response(status, headers)
        if self.config["LOG_REQUESTS"]:
            log_access(environ["REQUEST_METHOD"], get_path_info(environ), int(status[:3]), started, request_id,
                       environ.get("REMOTE_ADDR"))  # the path decoded as Flask's line has it
        return [body]

    def remember(self, address, environ, start_response):
        """Flask answers; if it marked the answer as a kept public page, remember it for the next time."""
        sent, start = {}, trimming(start_response)

        def capture(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers  # whole: a 304's tell the page's other headers
            return start(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        mark = environ.get(MARK)
        if mark is None or not sent.get("status", "").startswith(("200", "304")):
            return body
        headers = sent["headers"]
        if any(name.lower() == "set-cookie" for name, _ in headers):
            return body
        day, names, values, etag, content, content_type = mark
        kept = [(name, value) for name, value in headers if kept_header(name)]
        kept += [("Content-Type", content_type), ("Content-Length", str(len(content)))]
        self.answers[address] = Answer(day, names, values, etag, kept, content, environ.get(ON_HIT))
        self.answers.move_to_end(address)
        while len(self.answers) > self.config["PAGE_CACHE_IN_WORKER"]:
            self.answers.popitem(last=False)
        return body

    def clear(self):
        self.answers.clear()
