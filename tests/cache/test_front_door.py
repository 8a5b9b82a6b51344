"""Kept public pages are answered before Flask (portal/frontdoor.py), exactly as Flask answered them.

What a reader, a browser or a proxy would notice: the same body and headers, the same tag and 304, a request
id and an access log line; what the operators would notice: no Flask at all, one small read (the
generations), searches still counted, and every other request (a session, a form, a page that moved) going
to Flask as before.
"""
import logging

import pytest
import sqlalchemy as sa

from portal import pagecache
from procedures.search import usage, views
from tests.cache.test_page_cache import queries_per_page
from tests.office_fixtures import sign_in

PAGES = ["/{lang}/", "/{lang}/themes/civil-status", "/{lang}/procedures/permis-de-construire",
         "/{lang}/procedures/permis-de-construire/history", "/{lang}/search?q=permis",
         "/api/v1/search?q=permis&lang={lang}"]


@pytest.fixture
def dispatched(app, monkeypatch):
    """The paths Flask itself dispatched, in order."""
    done = []
    real = app.full_dispatch_request

    def counting():
        from flask import request
        done.append(request.full_path.rstrip("?"))
        return real()

    monkeypatch.setattr(app, "full_dispatch_request", counting)
    return done


@pytest.fixture
def reads(app, monkeypatch):
    """How many times the generations were read."""
    reader = app.extensions["masatir.generations"]
    done = []
    real = reader.read

    def counting():
        done.append(1)
        return real()

    monkeypatch.setattr(reader, "read", counting)
    return done


def without_request_id(response):
    return sorted((name, value) for name, value in response.headers.items() if name != "X-Request-ID")


@pytest.mark.parametrize("path", PAGES)
def test_a_kept_page_is_answered_before_flask_exactly_as_flask_answered_it(app, client, office, lang, path, dispatched,
                                                                           monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_USE_FLUSH_SECONDS", 3600)  # searches counted, written later
    path = path.format(lang=lang)
    first = client.get(path)
    assert dispatched == [path] and first.status_code == 200
    again = client.get(path)
    assert dispatched == [path], "the second request went through Flask"
    assert again.status_code == 200 and again.data == first.data
    assert without_request_id(again) == without_request_id(first)
    assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert again.headers["Content-Length"] == str(len(first.data))


def test_the_door_answers_304_and_head_and_echoes_a_sane_request_id(client, office, lang, dispatched):
    sheet = f"/{lang}/procedures/permis-de-construire"
    etag = client.get(sheet).headers["ETag"]
    revalidated = client.get(sheet, headers={"If-None-Match": f'"other", W/{etag}', "X-Request-ID": "abcd-1234-xyz"})
    assert revalidated.status_code == 304 and not revalidated.data
    assert revalidated.headers["ETag"] == etag and revalidated.headers["Cache-Control"].startswith("public")
    assert "Content-Type" not in revalidated.headers and revalidated.headers["X-Request-ID"] == "abcd-1234-xyz"
    head = client.head(sheet, headers={"X-Request-ID": "bad id <script>"})
    assert head.status_code == 200 and not head.data and int(head.headers["Content-Length"]) > 1000
    assert len(head.headers["X-Request-ID"]) == 32
    assert dispatched == [sheet]


@pytest.mark.parametrize("path", PAGES)
def test_a_304_carries_what_updates_the_stored_page_whoever_answers_it(app, client, office, lang, path, dispatched,
                                                                      monkeypatch):
    """RFC 9110, 15.4.5: the validators and the caching rules, not the page's other headers (the browser keeps
    those it stored with the page, its security headers among them)."""
    monkeypatch.setitem(app.config, "SEARCH_USE_FLUSH_SECONDS", 3600)  # searches counted, written later
    path = path.format(lang=lang)
    first = client.get(path)
    assert first.status_code == 200 and "Content-Security-Policy" in first.headers
    app.extensions["masatir.door"].clear()  # as on another worker: Flask answers the first revalidation
    by_flask = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    by_door = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert dispatched == [path, path]
    for answer in by_flask, by_door:
        assert answer.status_code == 304 and not answer.data
        assert sorted(answer.headers.keys()) == ["Cache-Control", "ETag", "X-Request-ID"]
        assert answer.headers["ETag"] == first.headers["ETag"]
        assert answer.headers["Cache-Control"] == first.headers["Cache-Control"]


def test_a_signed_in_agent_s_304_keeps_the_session_cookie_flask_renewed(app, office, lang):
    """Only a public page's 304 is cut: an agent's session is renewed on every answer, revalidations too."""
    client = app.test_client()
    assert sign_in(client, "agent", lang).status_code == 302
    style = client.get("/static/masatir.css")
    revalidated = client.get("/static/masatir.css", headers={"If-None-Match": style.headers["ETag"]})
    assert revalidated.status_code == 304 and "Set-Cookie" in revalidated.headers


def test_a_session_a_form_or_another_query_goes_to_flask(app, client, office, lang, dispatched):
    sheet = f"/{lang}/procedures/permis-de-construire"
    client.get(sheet)
    client.get(sheet + "?date=2024-01-01")
    cookie = app.config["SESSION_COOKIE_NAME"]
    with_session = app.test_client()
    with_session.set_cookie(cookie, "anything")
    with_session.get(sheet)
    client.post(sheet)
    assert dispatched == [sheet, sheet + "?date=2024-01-01", sheet, sheet]


def test_a_kept_page_costs_one_read_of_the_generations_and_no_other_query(app, client, office, reads, dispatched,
                                                                           monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_USE_FLUSH_SECONDS", 3600)
    paths = ["/fr/procedures/permis-de-construire", "/ar/", "/fr/themes/civil-status", "/ar/search?q=permis"]
    for path in paths:
        client.get(path)
    del reads[:]
    assert set(queries_per_page(app, client, paths).values()) == {0}
    assert len(reads) == len(paths) and len(dispatched) == len(paths)  # Flask answered the first requests only


def test_searches_answered_at_the_door_are_counted_and_written_by_flask(app, client, office, lang, monkeypatch,
                                                                       dispatched):
    monkeypatch.setitem(app.config, "SEARCH_USE_FLUSH_SECONDS", 3600)
    monkeypatch.setitem(views._tally, "words", views._tally["words"].__class__())
    search = f"/{lang}/search?q=permis"
    for _ in range(3):
        assert client.get(search).status_code == 200
    assert len(dispatched) == 1 and views._tally["words"]["permis"] == 3
    monkeypatch.setitem(app.config, "SEARCH_USE_FLUSH_SECONDS", 0)  # the counts are due: Flask writes them
    assert client.get(search).status_code == 200
    assert len(dispatched) == 2
    with app.app_context():
        assert usage.uses()["permis"] == 4


def test_the_door_writes_the_access_line_flask_would_have(app, client, office, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "LOG_REQUESTS", True)
    client.get("/fr/procedures/permis-de-construire")
    with caplog.at_level(logging.INFO, logger="masatir.access"):
        response = client.get("/fr/procedures/permis-de-construire", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    [line] = [record for record in caplog.records if record.name == "masatir.access"]
    assert (line.method, line.path, line.status, line.remote_addr, line.request_id) == (
        "GET", "/fr/procedures/permis-de-construire", 200, "192.0.2.7", response.headers["X-Request-ID"])


def test_a_limit_s_counts_are_never_told_to_another_client(app, client, office, dispatched, monkeypatch):
    """Were a public page ever rate-limited, its remaining count is this client's, now: the door drops it."""
    door = app.extensions["masatir.door"]
    flask, remaining = door.wsgi_app, iter(range(60, 0, -1))

    def limited(environ, start_response):  # Flask, answering with a limit's headers
        def with_limit(status, headers, exc_info=None):
            return start_response(status, [*headers, ("X-RateLimit-Remaining", str(next(remaining))),
                                           ("X-RateLimit-Limit", "60")], exc_info)
        return flask(environ, with_limit)

    monkeypatch.setattr(door, "wsgi_app", limited)
    sheet = "/fr/procedures/permis-de-construire"
    assert client.get(sheet).headers["X-RateLimit-Remaining"] == "60"
    again = client.get(sheet)
    assert dispatched == [sheet] and again.status_code == 200
    assert not [name for name, _ in again.headers.items() if name.lower().startswith("x-ratelimit-")]


def lose_the_connection(app):
    """As a database restart would: the driver's connection is closed under the reader's feet."""
    app.extensions["masatir.generations"].local.connection.connection.dbapi_connection.close()


def test_a_lost_connection_to_the_database_is_opened_again(app, client, office, dispatched):
    sheet = "/fr/procedures/permis-de-construire"
    client.get(sheet)
    lose_the_connection(app)
    assert client.get(sheet).status_code == 200
    assert dispatched == [sheet]


def test_a_page_rendered_after_a_lost_connection_reads_all_it_shows_again(app, client, office, lang):
    """The rows a new rendering shows are read on the generations' connection: lost, it is opened again."""
    sheet = f"/{lang}/procedures/permis-de-construire"
    first = client.get(sheet).get_data(as_text=True)
    with app.app_context():
        pagecache.clear()
        lose_the_connection(app)
        assert app.extensions["masatir.generations"].rows(sa.text("SELECT 1"), {}) == [(1,)]  # again, on a new one
        lose_the_connection(app)
    again = client.get(sheet)
    assert again.status_code == 200 and again.get_data(as_text=True) == first


def test_an_answer_remembered_from_a_304_is_the_full_page_later(app, client, office, lang, dispatched):
    """A worker whose first request for a page was a revalidation still answers a plain request whole."""
    sheet = f"/{lang}/procedures/permis-de-construire"
    first = client.get(sheet)
    app.extensions["masatir.door"].clear()  # as on another worker
    assert client.get(sheet, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    whole = client.get(sheet)
    assert dispatched == [sheet, sheet]
    assert whole.status_code == 200 and whole.data == first.data
    assert without_request_id(whole) == without_request_id(first)
