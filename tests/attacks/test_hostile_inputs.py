"""The list of hostile inputs, each with the clear rejection or the safe handling it must get.

Uploads (too large, mistyped, misnamed, named to escape the folder), huge and malformed query
strings, invalid UTF-8 in paths, query strings and bodies, SQL metacharacters in every search
and filter parameter, reserved names in query strings, enumeration of tracking numbers, and
CSRF tokens replayed from another session.
"""
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.models import Procedure
from procedures.requests import numbers
from procedures.requests.models import Request, RequestEvent, Upload
from tests.attacks.helpers import (JPEG, assert_nothing_half_written, assert_safe_page, count,
                                   number_of, post_application, unchecked_client)
from tests.attacks.leaks import assert_no_leak
from tests.filing import PDF, PERMIT, PNG, document_ids, file_request
from tests.office_fixtures import csrf_token
from tests.pages import text_of


def uploads_of(app, number):
    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        return [(u.filename, u.content_type, u.key) for u in found.uploads]


# --- Uploads -------------------------------------------------------------------------------

def test_a_pdf_named_jpeg_and_a_jpeg_named_pdf_are_taken_for_what_they_are(app, office, lang):
    response = post_application(app, app.test_client(), lang, files={0: (PDF, "photo.jpg"), 1: (JPEG, "scan.pdf")})
    stored = uploads_of(app, number_of(response))
    assert [(name, kind) for name, kind, _key in stored] == [("photo.pdf", "application/pdf"),
                                                             ("scan.jpg", "image/jpeg")]
    assert_nothing_half_written(app)


MISTYPED = {
    "HTML page": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "SVG with script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "Windows program": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
    "ZIP archive": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64,
    "GIF picture": b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 32,
    "ELF program": b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
    "text": "لا شيء هنا".encode() * 20,
}


@pytest.mark.parametrize("content", MISTYPED.values(), ids=MISTYPED.keys())
def test_a_mistyped_file_is_refused_whatever_its_name(app, office, lang, content):
    response = post_application(app, app.test_client(), lang, files={1: (content, "plan.png")})
    assert response.status_code == 400
    assert_safe_page(response)
    assert {"fr": "Seuls les fichiers PDF, JPEG ou PNG", "ar": "لا تقبل إلا ملفات"}[lang] in text_of(response)
    assert count(app, Request) == 0 and count(app, Upload) == 0


def test_an_empty_file_is_refused(app, office, lang):
    response = post_application(app, app.test_client(), lang, files={0: (b"", "scan.pdf")})
    assert response.status_code == 400 and count(app, Request) == 0
    assert_safe_page(response)


def test_a_file_over_the_limit_is_refused_with_a_message(app, office, lang, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_FILE_BYTES", 2000)
    big = PDF + b"%" * 3000
    response = post_application(app, app.test_client(), lang, files={0: (big, "big.pdf")})
    assert response.status_code == 400 and count(app, Request) == 0
    assert_safe_page(response)
    assert 'id="document-' in response.get_data(as_text=True) and 'aria-invalid="true"' in response.get_data(
        as_text=True)


def test_files_over_the_request_limit_together_are_refused(app, office, lang, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_FILE_BYTES", 3000)
    monkeypatch.setitem(app.config, "MAX_REQUEST_BYTES", 4000)
    files = {0: (PDF + b"%" * 2500, "a.pdf"), 1: (PNG + b"\x00" * 2500, "b.png")}
    response = post_application(app, app.test_client(), lang, files=files)
    assert response.status_code == 400 and count(app, Request) == 0
    assert_safe_page(response)
    assert 'id="total"' in response.get_data(as_text=True)


def test_a_body_over_the_content_length_limit_gets_a_413_page(app, office, lang, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 10_000)
    response = post_application(app, app.test_client(), lang, files={0: (PDF + b"%" * 20_000, "huge.pdf")})
    assert response.status_code == 413
    assert_safe_page(response)
    assert count(app, Request) == 0


TRAVERSALS = ["../../etc/passwd.pdf", "..\\..\\x.png", "/etc/passwd.pdf", "C:\\Windows\\system32\\x.pdf",
              "a\x00b.pdf", "....//....//x.pdf", "%2e%2e%2fx.pdf", "\u202egpj.exe", ".htaccess", "..",
              "CON.pdf", "x" * 5000 + ".pdf", "صورة البطاقة.pdf", "<script>alert(1)</script>.pdf"]


@pytest.mark.parametrize("name", TRAVERSALS, ids=[repr(n[:30]) for n in TRAVERSALS])
def test_path_traversal_in_a_file_name_stays_in_the_upload_folder(app, office, name):
    upload_dir = Path(app.config["UPLOAD_DIR"]).resolve()
    number = number_of(post_application(app, app.test_client(), files={0: (PDF, name), 1: (PNG, name)}))
    for filename, _kind, key in uploads_of(app, number):
        assert "/" not in filename and "\\" not in filename and "\x00" not in filename and ".." not in filename
        assert filename.endswith((".pdf", ".png")) and len(filename) <= 100
        if (upload_dir / key).exists():  # local storage: the file is where its key says, inside the folder
            assert upload_dir in (upload_dir / key).resolve().parents
    outside = [p for p in upload_dir.parent.rglob("*") if p.name in ("passwd.pdf", "x.png", "x.pdf")
               and upload_dir not in p.parents]
    assert outside == []
    assert_nothing_half_written(app)


# --- Query strings and paths ---------------------------------------------------------------

HUGE = "ب" * 50_000 + "a" * 50_000


@pytest.mark.parametrize("url", ["/{lang}/search", "/{lang}/", "/{lang}/procedures/permis-de-construire",
                                 "/{lang}/track", "/{lang}/verify/ABCD-EFGH-JKM"])
def test_huge_query_strings_are_harmless(app, office, lang, url):
    client = app.test_client()
    assert_safe_page(client.get(url.format(lang=lang), query_string={"q": HUGE, "date": HUGE, "code": HUGE}))
    many = "&".join(f"p{i}=%27{i}" for i in range(5000))
    assert_safe_page(client.get(url.format(lang=lang) + "?" + many))


@pytest.mark.parametrize("url", ["/api/v1/procedures", "/api/v1/search", "/api/v1/suggest",
                                 "/api/v1/procedures/permis-de-construire"])
def test_huge_query_strings_are_refused_by_the_api(app, office, url):
    response = app.test_client().get(url, query_string={"q": HUGE, "date": HUGE, "lang": HUGE})
    assert response.status_code == 400 and response.is_json
    assert_no_leak(response.get_data(as_text=True))


INVALID_UTF8 = ["%ff%fe", "%c0%af", "%ed%a0%80", "%e2%82", "%f8%88%80%80%80"]


@pytest.mark.parametrize("raw", INVALID_UTF8)
def test_invalid_utf8_in_paths_and_query_strings(app, office, lang, raw):
    client = app.test_client()
    for url in (f"/{lang}/procedures/{raw}", f"/{lang}/themes/{raw}", f"/{lang}/administrations/{raw}",
                f"/{raw}/", f"/api/v1/procedures/{raw}", f"/{lang}/requests/{raw}/receipt"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_leak(response.get_data(as_text=True))
    assert_safe_page(client.get(f"/{lang}/verify/{raw}?code={raw}"))
    for url in (f"/{lang}/search?q={raw}&theme={raw}", f"/{lang}/?q={raw}",
                f"/{lang}/procedures/permis-de-construire?date={raw}", f"/api/v1/procedures?q={raw}&theme={raw}",
                f"/api/v1/search?q={raw}", f"/api/v1/suggest?q={raw}"):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        assert_no_leak(response.get_data(as_text=True))


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"%ff%fe"], ids=repr)
def test_invalid_utf8_in_form_and_json_bodies(app, office, lang, raw):
    client = app.test_client()
    token = csrf_token(client.get(f"/{lang}/track")).encode()
    body = b"csrf_token=" + token + b"&number=" + raw + b"&secret=" + raw
    response = client.post(f"/{lang}/track", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert_safe_page(response)
    token = csrf_token(client.get(f"/{lang}/office/login")).encode()
    response = client.post(f"/{lang}/office/login", data=b"csrf_token=" + token + b"&email=" + raw + b"&password="
                           + raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400, 401)
    assert_safe_page(response)
    response = client.post("/api/v1/track", data=b'{"number": "' + raw + b'", "secret": "x"}',
                           content_type="application/json")
    assert response.status_code in (400, 404) and response.is_json
    # A multipart form whose identity fields are not UTF-8.
    page = client.get(PERMIT.format(lang=lang))
    html = page.get_data(as_text=True)
    submission = html.split('name="submission" value="')[1].split('"')[0]
    boundary = b"----masatir"
    parts = [(b"csrf_token", csrf_token(page).encode()), (b"submission", submission.encode()), (b"name", raw),
             (b"cin", raw), (b"phone", b"0612345678"), (b"details", raw)]
    body = b"".join(b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n' + value
                    + b"\r\n" for name, value in parts) + b"--" + boundary + b"--\r\n"
    response = client.post(PERMIT.format(lang=lang), data=body,
                           content_type="multipart/form-data; boundary=" + boundary.decode())
    assert response.status_code == 400
    assert_safe_page(response)
    assert count(app, Request) == 0


RESERVED = ["lang_code", "endpoint", "slug", "_method", "_external", "_scheme", "_anchor"]


@pytest.mark.parametrize("name", RESERVED)
def test_query_arguments_named_like_url_for_arguments_are_ignored(app, office, lang, name):
    client = app.test_client()
    for url, query in ((f"/{lang}/", {}), (f"/{lang}/procedures/permis-de-construire", {}),
                       (f"/{lang}/search", {"q": "permis"})):
        response = client.get(url, query_string={**query, name: "javascript:alert(1)"})
        assert response.status_code == 200, url
        assert_safe_page(response)
        assert 'href="javascript' not in response.get_data(as_text=True)


# --- SQL metacharacters ----------------------------------------------------------------------

SQL = ["' OR '1'='1", "'; DROP TABLE procedure; --", '" OR ""="', "%", "_", "\\", "1) OR (1=1",
       "' UNION SELECT code, slug FROM procedure --", "permis' --", "\x00", "$$; SELECT pg_sleep(5); $$"]


@pytest.mark.parametrize("payload", SQL, ids=repr)
def test_sql_metacharacters_in_every_search_and_filter_parameter(app, office, payload):
    client = unchecked_client(app)  # NUL in the search box: see test_control_characters_typed_are_not_echoed…
    for name in ("theme", "administration", "audience"):
        response = client.get("/api/v1/procedures", query_string={name: payload})
        assert response.status_code in (200, 400), name
        if response.status_code == 200:
            assert response.get_json()["total"] == 0, name  # matches nothing, never everything
    for name in ("q", "date", "maturity", "online", "free", "page", "per_page"):  # lang: see below
        response = client.get("/api/v1/procedures", query_string={name: payload})
        assert response.status_code in (200, 400), name
        if name == "q" and response.status_code == 200:
            assert response.get_json()["total"] == 0 or payload in ("%", "_", "\x00")  # blank: everything
    for name in ("q", "theme", "administration", "audience", "lang", "maturity", "online", "free", "page"):
        response = client.get("/api/v1/search", query_string={"q": "permis", name: payload})
        assert response.status_code in (200, 400), name
        assert_no_leak(response.get_data(as_text=True))
    response = client.get("/api/v1/suggest", query_string={"q": payload})
    assert response.status_code in (200, 400)
    for name in ("q", "theme", "administration", "audience", "maturity", "online", "free", "page"):
        assert_safe_page(client.get("/fr/search", query_string={"q": "permis", name: payload}))
    assert_safe_page(client.get("/ar/search", query_string={"q": payload}))
    assert_safe_page(client.get("/fr/procedures/permis-de-construire", query_string={"date": payload}))
    agent, admin = unchecked_client(app, "agent"), unchecked_client(app, "admin")
    for name in ("show", "days"):
        assert_safe_page(agent.get("/fr/office/requests/", query_string={name: payload, "show": "soon"}))
    for name in ("actor", "action", "since", "until", "page"):
        assert_safe_page(admin.get("/fr/office/audit/", query_string={name: payload}))
    with app.app_context():  # nothing was dropped or changed
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Procedure)) == 3


@pytest.mark.parametrize("lang_value", ['fr"', "\x00", "'", "$.fr", "ar]", "*", "zz"], ids=repr)
def test_the_sort_language_of_the_api_is_checked(app, office, lang_value):
    response = app.test_client().get("/api/v1/procedures", query_string={"lang": lang_value})
    assert response.status_code in (200, 400) and response.is_json
    if response.status_code == 200:
        assert response.get_json()["total"] == 3


NUL_PATHS = ["/{lang}/procedures/a%00b", "/{lang}/procedures/permis-de-construire/history?x=%00",
             "/{lang}/themes/a%00b", "/{lang}/administrations/a%00b", "/{lang}/verify/a%00b?code=x",
             "/{lang}/requests/a%00b/receipt", "/api/v1/procedures/a%00b", "/api/v1/procedures?q=a%00b",
             "/api/v1/procedures?theme=%00", "/{lang}/search?q=permis&theme=%00"]


def test_nul_anywhere_in_a_request_is_refused_cleanly(app, office, lang):
    client = unchecked_client(app)
    for path in NUL_PATHS:
        response = client.get(path.format(lang=lang))
        assert response.status_code in (200, 400, 404), path
        assert_no_leak(response.get_data(as_text=True))
    token = csrf_token(client.get(f"/{lang}/office/login"))
    response = client.post(f"/{lang}/office/login", data={"csrf_token": token, "email": "agent@commune-rabat.ma\x00",
                                                          "password": "x\x00"})
    assert response.status_code in (400, 401)
    response = post_application(app, client, lang, name="Amina\x00", details="\x00")
    assert response.status_code in (302, 400)
    assert_nothing_half_written(app)


# --- Enumeration of tracking numbers -------------------------------------------------------------

def test_enumerating_tracking_numbers_on_the_page_is_throttled(app, office, lang):
    number = file_request(app, app.test_client(), lang)
    stranger = app.test_client()
    page = stranger.get(f"/{lang}/track")
    for _ in range(10):
        response = stranger.post(f"/{lang}/track", data={"csrf_token": csrf_token(page),
                                                         "number": numbers.new_number(), "secret": "ABCDEFGH"})
        assert response.status_code == 400
    response = stranger.post(f"/{lang}/track", data={"csrf_token": csrf_token(page), "number": number,
                                                     "secret": "ABCDEFGH"})
    assert response.status_code == 429
    assert_safe_page(response)
    other = app.test_client()  # another address still gets in
    response = other.post(f"/{lang}/track", environ_base={"REMOTE_ADDR": "192.0.2.7"},
                          data={"csrf_token": csrf_token(other.get(f"/{lang}/track")), "number": number,
                                "secret": "ABCDEFGH"})
    assert response.status_code == 400


def test_enumerating_tracking_numbers_through_the_api_is_throttled(app, office):
    client = app.test_client()
    for _ in range(10):
        response = client.post("/api/v1/track", json={"number": numbers.new_number(), "secret": "ABCDEFGH"})
        assert response.status_code == 404
    response = client.post("/api/v1/track", json={"number": numbers.new_number(), "secret": "ABCDEFGH"})
    assert response.status_code == 429 and response.is_json
    assert_no_leak(response.get_data(as_text=True))


def test_the_verification_page_does_not_tell_whether_a_number_exists(app, office, lang):
    number = file_request(app, app.test_client(), lang)
    client = app.test_client()
    known = client.get(f"/{lang}/verify/{number}", query_string={"code": "A" * 20})
    unknown = client.get(f"/{lang}/verify/{numbers.new_number()}", query_string={"code": "A" * 20})
    assert known.status_code == unknown.status_code == 200
    assert text_of(known).replace(number, "N") == text_of(unknown).replace(unknown.request.path.rsplit("/")[-1], "N")


# --- CSRF tokens replayed from another session ---------------------------------------------------

def test_a_csrf_token_from_another_session_is_refused(app, office, as_role, lang):
    victim, attacker = app.test_client(), app.test_client()
    stolen = csrf_token(victim.get(f"/{lang}/office/login"))
    attacker.get(f"/{lang}/office/login")  # the attacker has a session of their own
    response = attacker.post(f"/{lang}/office/login", data={"csrf_token": stolen, "email": "agent@commune-rabat.ma",
                                                            "password": "correct horse battery staple 55-19"})
    assert response.status_code == 400
    assert_safe_page(response)
    assert attacker.get(f"/{lang}/office/requests/").status_code == 302  # not signed in

    stolen = csrf_token(victim.get(PERMIT.format(lang=lang)))
    page = attacker.get(PERMIT.format(lang=lang))
    html = page.get_data(as_text=True)
    submission = html.split('name="submission" value="')[1].split('"')[0]
    response = attacker.post(PERMIT.format(lang=lang), data={
        "csrf_token": stolen, "submission": submission, "name": "X", "cin": "BK1", "phone": "0600000000"})
    assert response.status_code == 400 and count(app, Request) == 0

    number = file_request(app, app.test_client(), lang)
    first, second = as_role("agent", lang), as_role("agent", lang)  # the same account, two sessions
    stolen = csrf_token(first.get(f"/{lang}/office/requests/{number}"))
    second.get(f"/{lang}/office/requests/{number}")
    response = second.post(f"/{lang}/office/requests/{number}", data={"csrf_token": stolen, "step": "note",
                                                                      "text": "replayed"})
    assert response.status_code == 400
    bare = app.test_client()  # and with no session at all
    response = bare.post(f"/{lang}/track", data={"csrf_token": stolen, "number": number, "secret": "X"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent).filter_by(kind="note")) == 0


# --- Agents' forms ---------------------------------------------------------------------------

@pytest.mark.parametrize("documents", [
    ["²"],
    ["٣"], ["-1"], ["1e3"], ["9" * 40], [""]], ids=repr)
def test_an_agents_document_list_is_checked(app, office, as_role, documents):
    number = file_request(app, app.test_client())
    agent = as_role("agent")
    url = f"/fr/office/requests/{number}"
    response = agent.post(url, data={"csrf_token": csrf_token(agent.get(url)), "step": "incomplete",
                                     "documents": documents, "message": "Plan illisible"})
    assert response.status_code == 400
    assert_safe_page(response)
    assert document_ids(app)  # the version's documents are untouched
