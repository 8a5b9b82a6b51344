"""A report of an unlisted demand, end to end: from a sheet or a request, to the administration's queue,
the commission, the answer, the citizen's follow page and the statistics."""
import csv
import io

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.extensions import db
from procedures.reports.models import Report
from tests.filing import file_request
from tests.office_fixtures import csrf_token
from tests.pages import text_of
from tests.reports.reporting import BIRTH, PERMIT, report

WORDS = {
    "fr": {"link": "Signalez-le", "withdrawn": "La demande a été retirée", "closed": "Clôturé par la commission"},
    "ar": {"link": "أبلغوا عنها", "withdrawn": "تم سحب الطلب", "closed": "أغلقته اللجنة"},
}


def step(client, number, lang="fr", **data):
    url = f"/{lang}/office/reports/{number}"
    return client.post(url, data={"csrf_token": csrf_token(client.get(url)), **data})


def follow(client, lang, number, secret):
    response = client.post(f"/{lang}/reports/follow", data={"csrf_token": csrf_token(client.get(
        f"/{lang}/reports/follow")), "number": number, "secret": secret})
    assert response.status_code == 302
    return client.get(response.headers["Location"])


def test_a_report_from_a_sheet_reaches_the_administration_and_the_commission_and_its_answer_the_citizen(
        app, office, as_role, lang):
    citizen = app.test_client()
    sheet = citizen.get(f"/{lang}/procedures/{BIRTH}").get_data(as_text=True)
    assert f'href="/{lang}/procedures/{BIRTH}/report"' in sheet
    number, secret = report(citizen, lang, contact="amina@example.ma")

    agent, other, reviewer = as_role("agent", lang), as_role("other_editor", lang), as_role("reviewer", lang)
    assert number in agent.get(f"/{lang}/office/reports/").get_data(as_text=True)
    assert number not in other.get(f"/{lang}/office/reports/").get_data(as_text=True)
    assert other.get(f"/{lang}/office/reports/{number}").status_code == 404
    assert step(other, number, lang, step="acknowledge").status_code == 404
    assert number in reviewer.get(f"/{lang}/office/reports/").get_data(as_text=True)

    assert step(agent, number, lang, step="acknowledge").status_code == 302
    assert step(agent, number, lang, step="answer", outcome="withdrawn",
                response="Le guichet a été rappelé à l'ordre.").status_code == 302
    assert step(reviewer, number, lang, step="finding", text="Demande contraire à la fiche.").status_code == 302
    assert step(reviewer, number, lang, step="close", text="").status_code == 302

    page = follow(app.test_client(), lang, number, secret)  # another browser, with the number and the code
    words = text_of(page)
    assert WORDS[lang]["withdrawn"] in words and "Le guichet a été rappelé à l'ordre." in words
    assert "Demande contraire à la fiche." in words and WORDS[lang]["closed"] in words
    assert "Agent" not in words and "Reviewer" not in words  # the bodies speak, not their agents
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action).where(
            AuditEntry.target == f"report:{number}").order_by(AuditEntry.id)).all()
    assert actions == ["report_acknowledged", "report_answered", "report_finding", "report_closed"]
    assert step(agent, number, lang, step="acknowledge").status_code == 400  # closed: nothing more


def test_a_report_from_a_requests_follow_page_is_tied_to_that_request(app, office, as_role, lang):
    citizen = app.test_client()
    request_number = file_request(app, citizen, lang)
    follow_page = citizen.get(f"/{lang}/requests/{request_number}").get_data(as_text=True)
    link = f"/{lang}/procedures/{PERMIT}/report?request={request_number}"
    assert f'href="{link}"' in follow_page and WORDS[lang]["link"] in follow_page
    form = citizen.get(link).get_data(as_text=True)
    shown = f"{request_number[:4]}-{request_number[4:8]}-{request_number[8:]}"
    assert shown in form and ("Communes" if lang == "fr" else "الجماعات") in form
    number, _secret = report(citizen, lang, PERMIT, f"?request={request_number}", kind="fee",
                             asked="200 dirhams de frais de dossier")
    with app.app_context():
        found = db.session.scalar(sa.select(Report).filter_by(number=number))
        assert found.request.number == request_number and found.version.number == 2
    assert shown in as_role("agent", lang).get(f"/{lang}/office/reports/{number}").get_data(as_text=True)
    # Someone else's request number is not accepted: the report is not tied to it.
    stranger_number, _ = report(app.test_client(), lang, PERMIT, f"?request={request_number}")
    with app.app_context():
        assert db.session.scalar(sa.select(Report).filter_by(number=stranger_number)).request is None


@pytest.mark.parametrize(("day", "version"), [("2021-06-01", 1), ("2024-02-29", 1), ("2024-03-01", 2),
                                              ("2026-11-23", 2)])
def test_the_report_is_tied_to_the_version_in_force_on_the_day_of_the_demand(app, office, day, version):
    number, _ = report(app.test_client(), "fr", PERMIT, asked_on=day)
    with app.app_context():
        assert db.session.scalar(sa.select(Report).filter_by(number=number)).version.number == version


def statistics(client, kind="json", **args):
    if kind == "json":
        return client.get("/api/v1/statistics", query_string=args).get_json()["reports"]
    text = client.get("/statistics.csv", query_string=args).get_data(as_text=True).lstrip("\ufeff")
    return {row["administration"] + "/" + row["procedure"]: row for row in csv.DictReader(io.StringIO(text))}


def test_counts_appear_in_the_statistics_hidden_below_five(app, office, client, lang):
    for _ in range(4):
        report(app.test_client(), lang)
    report(app.test_client(), lang, slug="casier-judiciaire")
    figures = statistics(client)
    communes = next(row for row in figures["rows"] if row["administration"] == "communes")
    assert communes["reports"] == {"value": None, "fewer_than_5": True, "withheld": False}
    assert figures["total"] == {"value": 5, "fewer_than_5": False, "withheld": False}  # 4 + 1: either could be 1 to 4
    rows = statistics(client, "csv")
    assert rows["communes/"]["reports"] == "" and "reports" in rows["communes/"]["fewer_than_5"].split()
    assert rows["/"]["reports"] == "5" and "reports" not in rows["/"]["fewer_than_5"].split()
    page = client.get(f"/{lang}/statistics/").get_data(as_text=True)
    assert ("fewer than 5" if lang == "fr" else "أقل من 5") in page or "moins de 5" in page

    report(app.test_client(), lang)  # a fifth report on the communes: 6 - 5 would tell justice's 1
    figures = statistics(client)
    assert next(row for row in figures["rows"] if row["administration"] == "communes")["reports"] == {
        "value": None, "fewer_than_5": False, "withheld": True}
    assert figures["total"] == {"value": None, "fewer_than_5": False, "withheld": True}
    for _ in range(4):  # five for justice too: nothing left to protect, every count is shown
        report(app.test_client(), lang, slug="casier-judiciaire")
    assert next(row for row in statistics(client)["rows"] if row["administration"] == "communes")["reports"] == {
        "value": 5, "fewer_than_5": False, "withheld": False}
    assert statistics(client, "csv")["communes/"]["reports"] == "5"
    by_procedure = statistics(client, administration="communes")
    assert by_procedure["rows_are"] == "procedure" and by_procedure["rows"][0]["procedure"] == "CT-001"
    assert statistics(client, "csv", administration="communes")["communes/CT-001"]["reports"] == "5"
    # Reports sent outside the period are not counted.
    assert statistics(client, **{"from": "2025-01-01", "to": "2025-12-31"})["total"]["value"] == 0
