"""Issue 11, item 7 (requests side): the agent's incompleteness note cannot ask for what Article 7
forbids, and a report made from a request refers to the version that governs that request."""
from datetime import date

import sqlalchemy as sa

from portal.auth.models import Account
from procedures.catalogue import article7

from portal.extensions import db
from procedures import clock
from procedures.reports.models import Report
from procedures.requests.models import Request
from tests.filing import document_ids, file_request
from tests.office_fixtures import csrf_token
from tests.pages import text_of
from tests.reports.reporting import PERMIT, report


def step(agent, lang, number, **data):
    url = f"/{lang}/office/requests/{number}"
    return agent.post(url, data={"csrf_token": csrf_token(agent.get(url)), **data})


def test_an_incompleteness_note_cannot_ask_for_a_certified_or_legalised_copy(app, office, as_role, lang):
    number = file_request(app, app.test_client(), lang)
    agent = as_role("agent", lang)
    ids = [str(document_ids(app)[1])]
    for note in ("Merci de fournir une copie certifiée conforme légalisée du plan",
                 "يرجى الإدلاء بنسخة مصادق عليها من التصميم", "Signature légalisée exigée"):
        response = step(agent, lang, number, step="incomplete", documents=ids, message=note)
        assert response.status_code == 400
        assert {"fr": "loi 55-19 (art. 7) interdit", "ar": "القانون 55.19 (المادة 7)"}[lang] in text_of(response)
    with app.app_context():
        assert not db.session.scalar(sa.select(Request).filter_by(number=number)).events_of("incomplete")
    assert step(agent, lang, number, step="incomplete", documents=ids, message="Plan illisible").status_code == 302


def test_a_wording_the_commission_adds_is_refused_in_an_incompleteness_note_too(app, office, as_role, lang):
    number = file_request(app, app.test_client(), lang)
    note = {"fr": "Fournir le plan tamponné par le caïd", "ar": "الإدلاء بالتصميم مختوما من طرف القائد"}[lang]
    agent, ids = as_role("agent", lang), [str(document_ids(app)[1])]
    with app.app_context():
        reviewer = db.session.scalar(sa.select(Account).filter_by(role="reviewer"))
        article7.add(reviewer, "legalised_signature", note.split(" ", 3)[-1])
        db.session.commit()
    response = step(agent, lang, number, step="incomplete", documents=ids, message=note)
    assert response.status_code == 400
    assert {"fr": "loi 55-19 (art. 7) interdit", "ar": "القانون 55.19 (المادة 7)"}[lang] in text_of(response)


def test_a_report_from_a_request_refers_to_the_version_that_governs_it(app, office, monkeypatch, lang):
    citizen = app.test_client()
    request_number = file_request(app, citizen, lang)  # 23 Nov 2026: version 2 in force
    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 5))  # version 3 in force since 1 Jan 2027
    number, _ = report(citizen, lang, PERMIT, f"?request={request_number}", asked_on="2027-01-04",
                       kind="fee", asked="200 dirhams de frais de dossier")
    with app.app_context():
        found = db.session.scalar(sa.select(Report).filter_by(number=number))
        assert (found.request.number, found.version.number) == (request_number, 2)
    stranger, _ = report(app.test_client(), lang, PERMIT, asked_on="2027-01-04")
    with app.app_context():
        assert db.session.scalar(sa.select(Report).filter_by(number=stranger)).version.number == 3
