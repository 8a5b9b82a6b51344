"""The attacks of issue 14, each named after what the attacker did, and the class it belongs to.

Each test sends what an outsider sent against the running portal (development and production
settings), and asserts what a citizen, an agent or the administration would notice.
"""
import re

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.config import ConfigurationError, from_environment
from portal.extensions import db
from procedures.documents import qr_svg
from procedures.requests.models import Request
from tests.attacks.helpers import post_application
from tests.filing import file_request
from tests.office_fixtures import PEOPLE, csrf_token, sign_in
from tests.pages import text_of
from tests.reports.reporting import report
from tests.requests.test_mail import body, inbox  # noqa: F401 (a fixture: a local SMTP server)

BASE = "https://masatir.gov.ma"
EVIL = "evil.example"


@pytest.fixture
def public_base(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", BASE)
    return BASE


def request_of(app, number):
    with app.app_context():
        return db.session.scalar(sa.select(Request).filter_by(number=number))


# 1. Links built from the request's Host ---------------------------------------------------------------------------

def assert_links_are_the_portal_s(app, client, number, inbox, lang, headers):  # noqa: F811
    mail = body(inbox[-1])
    assert f"{BASE}/{lang}/track" in mail and EVIL not in mail
    receipt = client.get(f"/{lang}/requests/{number}/receipt", headers=headers).get_data(as_text=True)
    found = request_of(app, number)
    verify = f"{BASE}/{lang}/verify/{number}?code={found.signature}"
    assert f'href="{verify}"' in receipt and EVIL not in receipt
    assert qr_svg(verify) in receipt  # the QR code says the same address
    listing = client.get("/api/v1/procedures", headers=headers).get_json()
    assert all(item["url"].startswith(f"{BASE}/api/v1/procedures/") for item in listing["items"])
    description = client.get("/api/v1/openapi.json", headers=headers).get_data(as_text=True)
    assert EVIL not in description


def test_filing_with_a_forged_host_header_mails_the_portal_s_own_address(app, office, inbox, public_base,  # noqa: F811
                                                                          lang):
    client = app.test_client()
    headers = {"Host": EVIL}
    page = client.get(f"/{lang}/procedures/permis-de-construire/apply", headers=headers)
    from tests.filing import document_ids, form
    response = client.post(f"/{lang}/procedures/permis-de-construire/apply", headers=headers,
                           data=form(page, document_ids(app), email="amina@example.ma"),
                           content_type="multipart/form-data")
    number = response.headers["Location"].split("/requests/")[1].split("/")[0]
    assert_links_are_the_portal_s(app, client, number, inbox, lang, headers)


def test_filing_with_a_forged_forwarded_host_behind_the_proxy_mails_the_portal_s_own_address(app, office, inbox,  # noqa: F811
                                                                                           lang):
    proxied = create_app({**app.config, "PROXY_HOPS": 1, "PUBLIC_BASE_URL": BASE})
    proxied.test_client_class = app.test_client_class
    client = proxied.test_client()
    headers = {"X-Forwarded-Host": EVIL, "X-Forwarded-For": "203.0.113.9"}
    from tests.filing import document_ids, form
    page = client.get(f"/{lang}/procedures/permis-de-construire/apply", headers=headers)
    response = client.post(f"/{lang}/procedures/permis-de-construire/apply", headers=headers,
                           data=form(page, document_ids(app), email="amina@example.ma"),
                           content_type="multipart/form-data")
    number = response.headers["Location"].split("/requests/")[1].split("/")[0]
    assert_links_are_the_portal_s(proxied, client, number, inbox, lang, headers)


@pytest.mark.parametrize("base", [None, "", "http://masatir.gov.ma", "masatir.gov.ma", "https://x.ma/?a=1"])
def test_production_refuses_to_start_without_an_https_public_base_url(tmp_path, base):
    env = {"MASATIR_ENV": "production", "SECRET_KEY": "x" * 40, "RECEIPT_SIGNING_KEY": "a PEM key"}
    if base is not None:
        env["PUBLIC_BASE_URL"] = base
    with pytest.raises(ConfigurationError, match="PUBLIC_BASE_URL"):
        from_environment(tmp_path, env)
    assert from_environment(tmp_path, {})["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"  # development


# 2. An address list in the applicant's e-mail field ---------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "a@x.example.ma, b@y.example.ma, c@z.example.ma",
    "a@x.example.ma;b@y.example.ma",
    "Amina <amina@example.ma>",
    '"Amina" amina@example.ma',
    "amina@example.ma\r\nBcc: someone@elsewhere.ma",
    "amina@example.ma\nSubject: hello",
    "amina@example.ma\rX: y",
    "amina@",
    "amina@localhost",
])
def test_an_address_list_or_a_header_in_the_e_mail_field_is_refused_on_the_field(app, office, inbox, lang,  # noqa: F811
                                                                                 address):
    response = post_application(app, app.test_client(), lang, email=address)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="email"[^>]*aria-invalid="true"', html)
    assert {"fr": "une seule adresse", "ar": "عنوانا إلكترونيا واحدا"}[lang] in text_of(response)
    assert inbox == [] and request_count(app) == 0


def request_count(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Request))


def test_one_address_is_kept_normalised_and_mailed_alone(app, office, inbox):  # noqa: F811
    number = file_request(app, app.test_client(), email="Amina.Idrissi@EXAMPLE.MA")
    assert request_of(app, number).applicant["email"] == "Amina.Idrissi@example.ma"
    assert [message["To"] for message in inbox] == ["Amina.Idrissi@example.ma"]


def test_an_address_list_stored_before_the_check_is_never_mailed(app, office, inbox):  # noqa: F811
    from portal import mail
    with app.app_context():
        assert mail.send("a@x.example.ma, b@y.example.ma", "s", "b") is False
        assert mail.send("a@x.example.ma\r\nBcc: b@y.example.ma", "s", "b") is False
    assert inbox == []


# 3. A session cookie replayed after logout ------------------------------------------------------------------------

def test_a_cookie_captured_before_logout_no_longer_opens_the_office(app, office, lang):
    client = app.test_client()
    assert sign_in(client, "reviewer", lang).status_code == 302
    assert client.get(f"/{lang}/office/review/").status_code == 200
    name = app.config["SESSION_COOKIE_NAME"]
    captured = client.get_cookie(name).value
    page = client.get(f"/{lang}/office/review/")
    client.post(f"/{lang}/office/logout", data={"csrf_token": csrf_token(page)})

    thief = app.test_client()
    thief.set_cookie(name, captured)
    replayed = thief.get(f"/{lang}/office/review/")
    assert replayed.status_code == 302 and "/office/login" in replayed.headers["Location"]
    again = app.test_client()  # the account itself signs in again as usual
    assert sign_in(again, "reviewer", lang).status_code == 302
    assert again.get(f"/{lang}/office/review/").status_code == 200


# 5. A hundred filings in one browser ------------------------------------------------------------------------------

def test_a_hundred_filings_in_one_session_each_show_their_secret_code(app, office, monkeypatch):
    from portal.extensions import limiter
    monkeypatch.setattr(limiter, "enabled", False)  # the per-address limit is not what is attacked here
    client = app.test_client()
    sizes = []
    for _ in range(100):
        number = file_request(app, client)
        receipt = client.get(f"/fr/requests/{number}/receipt")
        assert receipt.status_code == 200
        secret = [re.sub(r"<[^>]+>", "", cell) for cell in
                  re.findall(r'<dd dir="ltr" class="big">(.*?)</dd>', receipt.get_data(as_text=True))]
        assert len(secret) == 2 and secret[1].strip(), "the receipt shows the secret code"
        sizes.append(len(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value))
    assert max(sizes) < 4000 and max(sizes[50:]) <= max(sizes[:20]) + 64  # bounded, not growing


# 10. Pages showing a secret or personal data, cached ---------------------------------------------------------------

PERSONAL = ("Amina El Idrissi", "BK123456", "amina@example.ma", *(email for email, _role, _code in PEOPLE.values()))


def fill(rule, values):
    path = rule.rule
    for name in rule.arguments:
        value = values.get((rule.endpoint, name), values.get(name, "x"))
        path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(value), path)
    return path


def test_every_route_showing_a_secret_or_personal_data_is_never_stored(app, office, as_role, lang):
    citizen = app.test_client()
    number = file_request(app, citizen, email="amina@example.ma")
    report_number, report_secret = report(citizen, lang)
    request_secret = re.findall(r'class="big">([0-9A-Z]{4}-[0-9A-Z]{4})<', citizen.get(
        f"/{lang}/requests/{number}/receipt").get_data(as_text=True))[0]
    secrets = (request_secret, report_secret)
    agent, admin = as_role("agent"), as_role("admin")
    values = {"lang_code": lang, "slug": "permis-de-construire", "number": number, "code": "communes",
              "kind": "csv", "account_id": office["agent"], "filename": "masatir.css",
              ("reports.follow", "number"): report_number, ("reports.confirmation", "number"): report_number,
              ("reports_office.detail", "report"): report_number, "report": report_number}
    seen = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        path = fill(rule, values)
        for who in (citizen, agent, admin):
            response = who.get(path)
            text = response.get_data(as_text=True) if response.mimetype != "application/pdf" else ""
            if response.mimetype == "application/pdf" or any(s in text for s in (*PERSONAL, *secrets)):
                seen += 1
                assert "no-store" in response.headers.get("Cache-Control", ""), f"{path} is cacheable"
    assert seen >= 7, "the walk reached the pages that show a secret"
    for response in (citizen.get(f"/{lang}/reports/{report_number}/confirmation"),
                     citizen.get(f"/{lang}/reports/{report_number}")):
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "no-store" not in app.test_client().get(f"/{lang}/procedures/permis-de-construire").headers.get(
        "Cache-Control", "")  # a public sheet, to a browser that proved nothing, stays cacheable


# 12. A database outage while signed in ----------------------------------------------------------------------------

def unreachable_database(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return "postgresql+psycopg://postgres@127.0.0.1:1/masatir?connect_timeout=2"  # nobody listens on port 1
    return "sqlite:////nonexistent-folder/masatir.sqlite3"


@pytest.mark.parametrize("path", ["/{lang}/office/", "/{lang}/office/review/",
                                  "/{lang}/procedures/permis-de-construire", "/{lang}/no-such-page"])
def test_during_a_database_outage_a_signed_in_user_gets_the_portal_s_page_in_their_language(app, lang, path, caplog):
    import logging
    import time
    down = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": unreachable_database(app)})
    client = down.test_client()
    with client.session_transaction() as session:  # a back-office session opened before the outage
        session.update({"_user_id": "1:1", "_fresh": True, "login_at": int(time.time()),
                        "seen_at": int(time.time())})
    response = client.get(path.format(lang=lang))
    assert response.status_code in (404, 500)
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html and "Internal Server Error" not in html
    assert {"fr": "Masatir", "ar": "مساطر"}[lang] in html  # the portal's own page
    if response.status_code == 500:
        assert {"fr": "Rien de ce que vous avez envoyé", "ar": "لم يضع"}[lang] in html
        # and the operators learn of it (the migrations run in process by the suite once silenced this log)
        assert any(record.levelno >= logging.ERROR for record in caplog.records)


# 7. Formulas in the CSV downloads ---------------------------------------------------------------------------------

FORMULAS = {"fr": "=HYPERLINK(\"https://evil.example\",\"Cliquez\")", "ar": "+cmd|' /C calc'!A0"}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formula_catalogue(app):
    from procedures.statistics import opendata
    from procedures.statistics.cache import figures_cache
    from tests import samples
    data = samples.catalogue()
    data["administrations"][0]["name"] = {"fr": "@SUM(1+1)*cmd", "ar": "-2+3+cmd|' /C calc'!A0"}
    for procedure in data["procedures"]:
        for version in procedure["versions"]:
            version["title"] = {"fr": FORMULAS["fr"] + procedure["code"], "ar": "\t" + FORMULAS["ar"]}
    with app.app_context():
        samples.load(data)
    figures_cache.clear()
    opendata._built.clear()
    yield data
    figures_cache.clear()
    opendata._built.clear()


def csv_cells(response):
    import csv
    import io
    return [cell for row in csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))) for cell in row]


def test_formulas_typed_as_names_and_titles_never_run_in_a_spreadsheet(app, formula_catalogue, lang):
    from procedures.statistics import opendata
    citizen = app.test_client()
    file_request(app, citizen, lang)
    for path in ("/open-data/catalogue.csv", f"/statistics.csv?lang={lang}",
                 "/statistics.csv?administration=" + formula_catalogue["administrations"][0]["code"]):
        response = citizen.get(path)
        assert response.status_code == 200, path
        cells = csv_cells(response)
        assert not [cell for cell in cells if cell.startswith(TRIGGERS)], path
        assert any(cell.startswith("'=HYPERLINK") or cell.startswith("'@SUM") or cell.startswith("'-2+3")
                   for cell in cells), path  # the text is still there, as text
    document = opendata.from_csv(citizen.get("/open-data/catalogue.csv").get_data().decode("utf-8"))
    titles = {v["title"]["fr"] for item in document for v in item["versions"]}
    assert all(title.startswith(FORMULAS["fr"]) for title in titles)  # the import reads back what was typed


# 8. Common passwords ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("password, email, name", [
    ("Motdepasse2026", "editor@commune-rabat.ma", "Editor"),
    ("Azerty123456!", "editor@commune-rabat.ma", "Editor"),
    ("Masatir2026!", "editor@commune-rabat.ma", "Editor"),
    ("admin@masatir1", "admin@masatir.ma", "Admin"),
    ("Bismillah1990!", "agent@commune-rabat.ma", "Agent"),
    ("Casablanca2026", "agent@commune-rabat.ma", "Agent"),
    ("Wydad1937Casa!", "agent@commune-rabat.ma", "Agent"),
    ("Qsdfghjklm2026!", "agent@commune-rabat.ma", "Agent"),
    ("Youssef.Alaoui88", "youssef.alaoui@interieur.gov.ma", "Youssef Alaoui"),
    ("Commune-Rabat2026", "agent@commune-rabat.ma", "Agent"),
])
def test_common_french_arabic_site_and_personal_passwords_are_refused(password, email, name):
    from portal.auth.passwords import problem_with
    assert problem_with(password, [email, name]) == "too_common"


@pytest.mark.parametrize("password", ["correct horse battery staple 55-19", "Rabat est belle en hiver 7",
                                      "soleil maison famille 12", "tamarind lantern ferry 88"])
def test_a_few_unrelated_words_still_make_a_good_password(password):
    from portal.auth.passwords import problem_with
    assert problem_with(password, ["agent@commune-rabat.ma", "Agent"]) is None


def test_changing_one_s_own_password_to_one_s_address_is_refused(app, office, as_role, lang):
    from tests.office_fixtures import PASSWORD
    admin = as_role("admin", lang)
    page = admin.get(f"/{lang}/office/password")
    response = admin.post(f"/{lang}/office/password", data={
        "csrf_token": csrf_token(page), "current": PASSWORD, "new": "admin@masatir1", "confirm": "admin@masatir1"})
    assert response.status_code in (200, 400)
    assert {"fr": "trop courant", "ar": "شائعة"}[lang] in text_of(response)


# 6. Ten identical posts at once ------------------------------------------------------------------------------------

def test_ten_identical_taps_at_once_all_get_the_receipt_and_one_notice(app, office, inbox, lang, caplog):  # noqa: F811
    import io
    import logging
    import threading

    from tests.filing import PDF, PNG, PERMIT, document_ids, form
    first = app.test_client()
    page = first.get(PERMIT.format(lang=lang))
    sent = form(page, document_ids(app), email="amina@example.ma")
    cookie = first.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    barrier, answers = threading.Barrier(10), []

    def tap():
        client = app.test_client()
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        data = {name: (io.BytesIO(PDF if index == 0 else PNG), "scan.pdf") if isinstance(value, tuple) else value
                for index, (name, value) in enumerate(sent.items())}
        barrier.wait()
        response = client.post(PERMIT.format(lang=lang), data=data, content_type="multipart/form-data")
        receipt = client.get(response.headers["Location"]) if response.status_code == 302 else None
        answers.append((response.status_code, response.headers.get("Location"),
                        receipt.status_code if receipt else None))

    threads = [threading.Thread(target=tap) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [logging.Formatter().format(record) for record in caplog.records if record.levelno >= logging.ERROR]
    assert [status for status, _location, _receipt in answers] == [302] * 10, (answers, errors)
    assert len({location for _status, location, _receipt in answers}) == 1
    assert [receipt for _status, _location, receipt in answers] == [200] * 10
    assert request_count(app) == 1 and len(inbox) == 1


def test_clearing_a_staging_folder_already_cleared_is_not_an_error(app, tmp_path):
    from procedures.requests.storage import LocalStorage, Missing
    store = LocalStorage(tmp_path)
    store.put("staging/abcdefghijklmnop/1", b"x")
    store.delete_tree("staging/abcdefghijklmnop")
    store.delete_tree("staging/abcdefghijklmnop")  # an identical post got there first
    with pytest.raises(Missing):
        store.get("staging/abcdefghijklmnop/1")


def test_staging_use_is_counted_while_an_identical_post_clears_its_folder(tmp_path, monkeypatch):
    """The cap check lists every staging folder; the winner of a double tap clears its own meanwhile.
    A folder gone between the listing of ``staging`` and the reading of that folder is simply not counted
    (it was a 500 for the other taps when the suite had left many folders to list)."""
    import os

    from procedures.requests import staging
    from procedures.requests.storage import LocalStorage
    store = LocalStorage(tmp_path)
    for name in ("a" * 16, "b" * 16, "c" * 16):
        store.put(f"staging/{name}/1", b"12345")
    cleared, real_scandir = tmp_path / "staging" / ("b" * 16), os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(cleared):  # the winner clears it just before it is read
            store.delete_tree(f"staging/{'b' * 16}")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert staging.usage(store, "nobody") == (0, 10)
    assert sorted(key for key, _size, _at in store.listing("staging")) == [f"staging/{'a' * 16}/1",
                                                                          f"staging/{'c' * 16}/1"]


def test_the_first_filings_at_once_on_a_new_instance_all_sign_with_one_key(app, tmp_path, monkeypatch):
    import threading

    from procedures.requests import receipts
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    barrier, keys = threading.Barrier(8), []

    def first_filing():
        with app.app_context():
            barrier.wait()
            keys.append(receipts.signing_key().public_key().public_bytes_raw())

    threads = [threading.Thread(target=first_filing) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["receipt_signing_key.pem"]
    assert (tmp_path / "receipt_signing_key.pem").stat().st_mode & 0o777 == 0o600


# 13. Forwarded addresses rotated by a client that reaches gunicorn directly ---------------------------------------

def test_rotating_forwarded_addresses_still_meets_the_per_account_limit(app, office):
    proxied = create_app({**app.config, "PROXY_HOPS": 1})
    client = proxied.test_client()
    statuses = []
    for attempt in range(35):
        page = client.get("/fr/office/login", headers={"X-Forwarded-For": f"198.51.100.{attempt}"})
        response = client.post("/fr/office/login", data={"email": PEOPLE["editor"][0], "password": "wrong",
                                                         "csrf_token": csrf_token(page)},
                               headers={"X-Forwarded-For": f"198.51.100.{attempt}"})
        statuses.append(response.status_code)
    assert statuses.count(401) <= 5 and statuses[-1] == 429  # the account's limit does not read the address


def test_the_deployment_binds_gunicorn_to_the_proxy_s_network_only():
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    deploy = (root / "DEPLOY.md").read_text()
    assert "never `0.0.0.0`" in deploy and "X-Forwarded-For" in deploy and "PUBLIC_BASE_URL" in deploy
    assert 'os.environ.get("BIND", "127.0.0.1:8000")' in (root / "gunicorn.conf.py").read_text()


# 4. Files of refused forms left to fill the disk ------------------------------------------------------------------

@pytest.fixture
def own_uploads(app, tmp_path, monkeypatch):
    """An upload folder of the test's own: what earlier tests left in staging is not counted."""
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "uploads"))


def staged_folders(app):
    from procedures.requests.operations import storage
    with app.app_context():
        return {key.split("/")[1] for key, _size, _at in storage().listing("staging")}


def refused_post(app, client, lang="fr", **fields):
    """An apply form refused for a missing name, with its two files: they wait in staging."""
    from tests.filing import PERMIT, document_ids, form
    page = client.get(PERMIT.format(lang=lang))
    data = form(page, document_ids(app), name="", **fields)
    response = client.post(PERMIT.format(lang=lang), data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    return response, data


def test_files_of_refused_forms_expire_by_a_command_safe_to_run_twice(app, office, own_uploads, monkeypatch):
    refused_post(app, app.test_client())
    assert len(staged_folders(app)) == 1
    runner = app.test_cli_runner()
    assert "0 staging folder(s) cleared" in runner.invoke(args=["requests", "expire-staging"]).output  # fresh
    monkeypatch.setitem(app.config, "STAGING_HOURS", 0)
    assert "1 staging folder(s) cleared" in runner.invoke(args=["requests", "expire-staging"]).output
    assert "0 staging folder(s) cleared" in runner.invoke(args=["requests", "expire-staging"]).output
    assert staged_folders(app) == set()


@pytest.mark.parametrize("cap", ["STAGING_BYTES_PER_ADDRESS", "STAGING_BYTES_TOTAL"])
def test_refused_forms_posted_in_a_loop_meet_a_cap_and_lose_nothing_kept(app, office, own_uploads, monkeypatch, lang,
                                                                         cap):
    from tests.filing import PERMIT
    monkeypatch.setitem(app.config, cap, 400)  # room for the files of one form (two small files and their notes)
    citizen = app.test_client()
    _first, sent = refused_post(app, citizen, lang)
    kept = staged_folders(app)
    # the same address again, or (for the total) another one
    other = citizen
    if cap == "STAGING_BYTES_TOTAL":
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    over, _data = refused_post(app, other, lang)
    assert {"fr": "Ce fichier n'a pas été conservé", "ar": "لم يُحتفظ بهذا الملف"}[lang] in text_of(over)
    assert staged_folders(app) == kept  # nothing more kept, nothing kept lost
    retry = {name: value for name, value in sent.items() if not isinstance(value, tuple)}
    retry["name"] = "Amina El Idrissi"  # the first form, corrected, without sending its files again
    done = citizen.post(PERMIT.format(lang=lang), data=retry, content_type="multipart/form-data")
    assert done.status_code == 302 and request_count(app) == 1, text_of(done)[:3000]
