"""A request from filing to its end: receipt, verification, tracking, the agent's steps, silence."""
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures import clock
from procedures.requests.models import Request, RequestEvent, Upload
from procedures.requests.sweep import sweep
from tests.conftest import TODAY
from tests.filing import PERMIT, PDF, PNG, document_ids, file_request, form
from tests.office_fixtures import csrf_token
from tests.pages import text_of

def count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_filing_gives_a_receipt_with_what_it_proves(app, office, lang):
    client = app.test_client()
    number = file_request(app, client, lang)
    page = text_of(client.get(f"/{lang}/requests/{number}/receipt"))
    for words in {"fr": ["Permis de construire", "30 jours", "23 décembre 2026", "24 décembre 2026",
                         "version 2", "Livret de famille"],
                  "ar": ["رخصة البناء", "30 يومًا", "23 دجنبر 2026", "24 دجنبر 2026", "النسخة 2",
                         "الدفتر العائلي"]}[lang]:
        assert words in page, words
    assert f"{number[:4]}-{number[4:8]}-{number[8:]}" in page
    pdf = client.get(f"/{lang}/requests/{number}/receipt.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    with app.app_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert [u.filename for u in request.uploads] == ["scan.pdf", "scan.png"]  # named by their real type
        assert request.due_on == TODAY + timedelta(days=30)


def test_a_second_submission_of_the_same_form_is_the_same_request(app, office):
    client = app.test_client()
    page = client.get(PERMIT.format(lang="fr"))
    data = form(page, document_ids(app))
    first = client.post(PERMIT.format(lang="fr"), data=data, content_type="multipart/form-data")
    again = client.post(PERMIT.format(lang="fr"), data=form(page, document_ids(app)),
                        content_type="multipart/form-data")
    assert first.headers["Location"] == again.headers["Location"]
    assert count(app, Request) == 1 and count(app, Upload) == 2


def test_a_rejected_file_is_explained_and_nothing_else_is_lost(app, office, lang):
    client = app.test_client()
    page = client.get(PERMIT.format(lang=lang))
    ids = document_ids(app)
    response = client.post(PERMIT.format(lang=lang), data=form(page, ids, files=(PDF, b"MZ\x90\x00 not a picture")),
                           content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert {"fr": "Seuls les fichiers PDF, JPEG ou PNG", "ar": "لا تقبل إلا ملفات"}[lang] in text_of(response)
    assert 'value="Amina El Idrissi"' in html and 'value="BK123456"' in html
    assert {"fr": "Reçu : scan.pdf", "ar": "scan.pdf"}[lang] in text_of(response)  # the good file is kept
    assert count(app, Request) == 0
    retry = form(response, ids, files=(None, PNG))
    assert client.post(PERMIT.format(lang=lang), data=retry, content_type="multipart/form-data").status_code == 302
    assert count(app, Upload) == 2


def test_the_form_asks_only_for_what_the_sheet_lists(app, office):
    html = app.test_client().get(PERMIT.format(lang="fr")).get_data(as_text=True)
    assert sorted(int(i) for i in re.findall(r'type="file"[^>]*|name="document-(\d+)"', html) if i) == \
        sorted(document_ids(app))


def test_procedures_not_online_cannot_be_filed(app, office):
    with app.app_context():
        from procedures.catalogue.queries import procedure_by_slug
        assert procedure_by_slug("casier-judiciaire").version_on(TODAY).maturity == 4
    # CT-002's first version was maturity 3; a maturity-2 procedure has no form
    data_client = app.test_client()
    assert data_client.get("/fr/procedures/nothing/apply").status_code == 404


def test_receipts_can_be_verified_and_forgeries_cannot(app, office):
    client = app.test_client()
    number = file_request(app, client)
    with app.app_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        signature = request.signature
    public = app.test_client()
    assert "authentique" in text_of(public.get(f"/fr/verify/{number}?code={signature}"))
    assert "authentique" in text_of(public.get(f"/fr/verify/{number}?code={signature[:16].lower()}"))
    forged = signature[:15] + ("A" if signature[15] != "A" else "B")
    assert "authentique" not in text_of(public.get(f"/fr/verify/{number}?code={forged}"))
    with app.app_context():  # someone alters what the receipt said, in the database
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        request.receipt = {**request.receipt, "processing_days": 60}
        db.session.commit()
    assert "authentique" not in text_of(public.get(f"/fr/verify/{number}?code={signature}"))


def test_tracking_needs_the_secret_and_failed_guesses_are_throttled(app, office):
    client = app.test_client()
    number = file_request(app, client)
    stranger = app.test_client()
    assert stranger.get(f"/fr/requests/{number}").status_code == 404
    page = stranger.get("/fr/track")
    for _ in range(10):
        response = stranger.post("/fr/track", data={"number": number, "secret": "WRONG123",
                                                    "csrf_token": csrf_token(page)})
        assert response.status_code == 400
        assert "Amina" not in response.get_data(as_text=True)
    assert stranger.post("/fr/track", data={"number": number, "secret": "WRONG123",
                                            "csrf_token": csrf_token(page)}).status_code == 429


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_failed_tracking_keeps_the_number_typed_and_marks_both_fields(app, lang):
    client = app.test_client()
    page = client.get(f"/{lang}/track")
    response = client.post(f"/{lang}/track", data={"number": "ABCD-EFGH-JK", "secret": "WRONG123",
                                                   "csrf_token": csrf_token(page)})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="ABCD-EFGH-JK"' in html
    assert html.count('aria-invalid="true"') == 2
    assert 'value="WRONG123"' not in html  # the secret is never echoed back


def agent_page(agent, number):
    return agent.get(f"/fr/office/requests/{number}")


def step(agent, number, **data):
    page = agent_page(agent, number)
    return agent.post(f"/fr/office/requests/{number}", data={"csrf_token": csrf_token(page), **data})


def test_incomplete_once_then_complement_then_silence_means_approval(app, office, as_role, monkeypatch):
    citizen = app.test_client()
    number = file_request(app, citizen)
    agent = as_role("agent")
    ids = document_ids(app)
    assert number in agent.get("/fr/office/requests/").get_data(as_text=True)

    # Five days later the agent declares the file incomplete: only listed documents, and only once.
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=5))
    assert step(agent, number, step="incomplete", documents=["999999"], message="x").status_code == 400
    assert step(agent, number, step="incomplete", documents=[str(ids[1])], message="Plan illisible").status_code == 302
    assert step(agent, number, step="incomplete", documents=[str(ids[0])], message="encore").status_code == 400
    follow = citizen.get(f"/fr/requests/{number}")
    assert "Plan illisible" in text_of(follow) and 'type="file"' in follow.get_data(as_text=True)

    # Three days later the citizen sends it from the tracking page: the clock restarts (the procedure's rule).
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=8))
    page = citizen.get(f"/fr/requests/{number}")
    response = citizen.post(f"/fr/requests/{number}", data={
        "csrf_token": csrf_token(page), f"document-{ids[1]}": (io.BytesIO(PNG), "plan.png")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert request.due_on == TODAY + timedelta(days=38)

    # Nobody answers: the day after the due date, the request is approved by silence.
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=39))
    page = text_of(citizen.get(f"/fr/requests/{number}"))
    assert "Accepté par le silence" in page
    certificate = citizen.get(f"/fr/requests/{number}/certificate.pdf")
    assert certificate.status_code == 200 and certificate.data.startswith(b"%PDF")
    with app.app_context():
        assert sweep(TODAY + timedelta(days=39)) == {"tacit_approval": 1, "implicit_refusal": 0}
        db.session.commit()
        assert sweep(TODAY + timedelta(days=39)) == {"tacit_approval": 0, "implicit_refusal": 0}
        db.session.commit()
        assert db.session.scalar(sa.select(Request.state).filter_by(number=number)) == "tacitly_approved"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent)
                                 .filter_by(kind="tacit_approval")) == 1


def test_a_refusal_needs_a_reason_shown_to_the_citizen(app, office, as_role):
    citizen = app.test_client()
    number = file_request(app, citizen)
    agent = as_role("agent")
    assert step(agent, number, step="refuse", ground="basis:0", reason="").status_code == 400
    assert step(agent, number, step="refuse", reason="Zone non constructible").status_code == 400  # no ground
    assert step(agent, number, step="refuse", ground="other", reason="Zone non constructible").status_code == 400
    assert step(agent, number, step="refuse", ground="basis:7", reason="Zone non constructible").status_code == 400
    assert step(agent, number, step="refuse", ground="basis:0", reason="Zone non constructible").status_code == 302
    page = text_of(citizen.get(f"/fr/requests/{number}"))
    assert "Zone non constructible" in page and "Fondement juridique : Loi 37-99 relative à l'état civil" in page
    assert "recours" in page  # the appeal route
    assert "القانون 37.99 المتعلق بالحالة المدنية" in text_of(citizen.get(f"/ar/requests/{number}"))
    assert step(agent, number, step="approve").status_code == 400  # decided: nothing is overwritten


def test_an_agent_of_another_administration_sees_nothing(app, office, as_role):
    number = file_request(app, app.test_client())
    from portal.auth.models import Account
    from procedures.catalogue.models import Administration
    with app.app_context():
        justice = db.session.scalar(sa.select(Administration).filter_by(code="justice"))
        db.session.add(Account(email="agent@justice.gov.ma", name="Agent J", role="agent",
                               administration_id=justice.id, password_hash=db.session.get(
                                   Account, office["agent"]).password_hash))
        db.session.commit()
    other = as_role("agent@justice.gov.ma")
    assert number not in other.get("/fr/office/requests/").get_data(as_text=True)
    assert other.get(f"/fr/office/requests/{number}").status_code == 404
    token = csrf_token(other.get("/fr/office/requests/"))
    assert other.post(f"/fr/office/requests/{number}", data={"csrf_token": token, "step": "approve"}).status_code == 404


def test_tracking_as_json(app, office, as_role, monkeypatch):
    client = app.test_client()
    number = file_request(app, client, lang="ar")
    with client.session_transaction() as session:
        secret = dict(session["requests"])[number]
    api = app.test_client()
    assert api.post("/api/v1/track", json={"number": number, "secret": "NOPE1234"}).status_code == 404
    assert api.post("/api/v1/track", json={"number": number}).status_code == 400
    body = api.post("/api/v1/track", json={"number": number.lower(), "secret": secret, "lang": "fr"}).get_json()
    assert body["state"] == "open" and body["due_on"] == (TODAY + timedelta(days=30)).isoformat()
    assert body["procedure"]["title"] == "Permis de construire" and body["silence"] == "approval"
    assert body["timeline"][0]["text"].startswith("Demande déposée")


def test_agents_are_warned_before_silence_approves(app, office, as_role, monkeypatch):
    file_request(app, app.test_client())
    agent = as_role("agent")
    assert 'role="alert"' not in agent.get("/fr/office/requests/").get_data(as_text=True)
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=29))
    page = agent.get("/fr/office/requests/")
    assert "1 demande sera acceptée par le silence d'ici 3 jours" in text_of(page)
