"""Signing in: generic errors, throttling, fresh sessions, timeouts, logout everywhere."""
import time

import pytest

from portal.audit.models import AuditEntry
from portal.auth.passwords import problem_with
from portal.extensions import db
from tests.office_fixtures import PASSWORD, PEOPLE, csrf_token, sign_in


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(app, office, lang):
    client = app.test_client()
    wrong = sign_in(client, "editor", lang, password="not the password at all")
    unknown = sign_in(client, "nobody@nowhere.ma", lang, password="not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    message = {"fr": "Adresse électronique ou mot de passe incorrect",
               "ar": "البريد الإلكتروني أو كلمة المرور غير صحيحة"}
    assert message[lang] in wrong.get_data(as_text=True) and message[lang] in unknown.get_data(as_text=True)


def test_login_is_throttled_after_five_failures_for_an_address(app, office):
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, "editor", password="wrong password, again").status_code == 401
    assert sign_in(client, "editor", password="wrong password, again").status_code == 429
    assert sign_in(client, "editor").status_code == 429  # even the right password waits
    assert sign_in(app.test_client(), "reviewer").status_code == 302  # other addresses are not locked out


def test_successful_logins_do_not_count_towards_the_limit(app, office):
    for _ in range(7):
        client = app.test_client()
        assert sign_in(client, "editor").status_code == 302


def test_login_gives_a_new_session_and_is_audited(app, office):
    client = app.test_client()
    client.get("/fr/office/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client, "admin")
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("_user_id")
    with app.app_context():
        assert db.session.query(AuditEntry).filter_by(action="login", actor=PEOPLE["admin"][0]).count() == 1


def test_an_idle_session_ends_after_30_minutes(app, office, monkeypatch):
    client = app.test_client()
    sign_in(client, "admin")
    assert client.get("/fr/office/accounts/").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/fr/office/accounts/")
    assert response.status_code == 302 and "/office/login" in response.headers["Location"]


def test_a_session_ends_after_12_hours_even_when_active(app, office, monkeypatch):
    client = app.test_client()
    sign_in(client, "admin")
    start = time.time()
    for minutes in range(20, 12 * 60, 20):  # active every 20 minutes
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get("/fr/office/").status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 12 * 3600 + 60)
    assert client.get("/fr/office/").status_code == 302


def test_changing_the_password_ends_every_other_session(app, office):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "editor")
    sign_in(phone, "editor")
    page = laptop.get("/fr/office/password")
    new = "a brand new passphrase for masatir"
    response = laptop.post("/fr/office/password", data={"current": PASSWORD, "new": new, "confirm": new,
                                                        "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert laptop.get("/fr/office/").status_code == 200  # this session goes on
    assert phone.get("/fr/office/").status_code == 302  # the other one is over
    assert sign_in(app.test_client(), "editor", password=new).status_code == 302


@pytest.mark.parametrize("password, problem", [
    ("short1!", "too_short"), ("password1234", "too_common"), ("azertyuiop123", "too_common"),
    ("111111111111", "too_common"), ("x" * 129, "too_long"), ("correct horse battery staple", None),
    ("ثلاث كلمات عربية مختلفة تماما", None),
])
def test_password_policy(password, problem):
    assert problem_with(password) == problem


def test_a_weak_new_password_is_refused_with_a_translated_reason(app, office, lang):
    client = app.test_client()
    sign_in(client, "editor", lang)
    page = client.get(f"/{lang}/office/password")
    response = client.post(f"/{lang}/office/password", data={
        "current": PASSWORD, "new": "password1234", "confirm": "password1234", "csrf_token": csrf_token(page)})
    assert response.status_code == 200
    assert {"fr": "trop courant", "ar": "شائعة"}[lang] in response.get_data(as_text=True)


def test_a_deactivated_account_cannot_sign_in(app, office):
    from portal.auth.models import Account
    with app.app_context():
        db.session.get(Account, office["agent"]).active = False
        db.session.commit()
    assert sign_in(app.test_client(), "agent").status_code == 401


def test_after_login_only_local_addresses_are_followed(app, office):
    client = app.test_client()
    page = client.get("/fr/office/login")
    response = client.post("/fr/office/login?next=https://evil.example/x", data={
        "email": PEOPLE["admin"][0], "password": PASSWORD, "csrf_token": csrf_token(page)})
    assert response.headers["Location"] == "/fr/office/"
