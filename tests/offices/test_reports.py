"""Issue 12 §2: reports of unlisted demands concern the office where the demand was made (the
commune the citizen names, found as on the application form), and an agent sees only their offices'."""
import re
from html import unescape

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.reports.models import Report
from tests.office_fixtures import csrf_token
from tests.offices.places import assign, office_code
from tests.offices.test_routing import number_of, post
from tests.reports.reporting import PERMIT, post_report, report


def office_of(app, number):
    with app.app_context():
        found = db.session.scalar(sa.select(Report).filter_by(number=number))
        return found.receiving_office.code if found.receiving_office else None


@pytest.mark.parametrize(("lang", "town"), [("fr", "Meknes"), ("ar", "مكناس")])
def test_a_report_concerns_the_office_of_the_commune_named(app, office, territory, lang, town):
    number, _secret = report(app.test_client(), lang, town=town)
    assert office_of(app, number) == office_code("Meknès")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_ambiguous_or_unknown_town_is_asked_again_with_choices_and_nothing_is_lost(app, office, territory, lang):
    citizen = app.test_client()
    response = post_report(citizen, lang, town="Sidi", asked="Une pièce de trop")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "Sidi" in html and ">Une pièce de trop</textarea>" in html
    choices = re.findall(r'name="place_choice" value="([^"]+)"', html)
    assert len(choices) > 1
    data = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    data.update(kind="document", asked="Une pièce de trop", office="Guichet", town="Sidi", asked_on="2026-11-20",
                csrf_token=csrf_token(response), place_choice=choices[0])
    chosen = citizen.post(f"/{lang}/procedures/extrait-acte-naissance/report", data=data)
    assert chosen.status_code == 302
    number = chosen.headers["Location"].split("/reports/")[1].split("/")[0]
    with app.app_context():
        found = db.session.scalar(sa.select(Report).filter_by(number=number))
        assert found.receiving_office is not None and found.town == "Sidi"

    unknown = post_report(app.test_client(), lang, town="Xyzzyville")
    assert unknown.status_code == 400 and "Xyzzyville" in unescape(unknown.get_data(as_text=True))
    assert 'name="place_choice"' not in unknown.get_data(as_text=True)


def test_a_report_made_from_a_request_concerns_the_request_s_office(app, office, territory):
    citizen = app.test_client()
    request_number = number_of(post(app, citizen, place="Meknès"))
    number, _secret = report(citizen, "fr", PERMIT, f"?request={request_number}", town="Rabat")
    assert office_of(app, number) == office_code("Meknès")


def unscoped_report(app):
    """A report filed before reports recorded an office (as the migration leaves them)."""
    number, _secret = report(app.test_client(), "fr", town="Fès")
    with app.app_context():
        db.session.execute(sa.update(Report).filter_by(number=number).values(office_id=None))
        db.session.commit()
    return number


def urls(number, lang):
    """Every page of a report in the office (its steps are posted to the last)."""
    return [f"/{lang}/office/reports/{number}"]


def shown(number):
    return f"{number[:4]}-{number[4:8]}-{number[8:]}"


def steps(client, number, lang):
    """The answers to every step posted on the report: each must be a 404 for an agent of another office."""
    url = f"/{lang}/office/reports/{number}"
    token = csrf_token(client.get(f"/{lang}/office/reports/"))
    return [client.post(url, data={"csrf_token": token, "step": step, "outcome": "withdrawn", "response": "Vu",
                                   "text": "Vu"}).status_code
            for step in ("acknowledge", "answer", "finding", "close", "nonsense")]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_agent_of_one_commune_gets_404_on_every_url_of_another_office_s_report(app, office, territory, as_role,
                                                                               lang):
    assign(app, office["agent"], office_code("Rabat"))
    rabat, _ = report(app.test_client(), lang, town="Rabat")
    meknes, _ = report(app.test_client(), lang, town="Meknès")
    old = unscoped_report(app)
    agent = as_role("agent", lang)
    for show in ("all", "pending", "closed"):
        queue = agent.get(f"/{lang}/office/reports/?show={show}").get_data(as_text=True)
        assert shown(meknes) not in queue and shown(old) not in queue, show
        assert (shown(rabat) in queue) == (show != "closed"), show
    assert agent.get(f"/{lang}/office/reports/{rabat}").status_code == 200
    for number in (meknes, old):
        for url in urls(number, lang):
            assert agent.get(url).status_code == 404, url
        assert steps(agent, number, lang) == [404] * 5
    with app.app_context():  # nothing was recorded on the reports the agent may not see
        assert {found.number: found.state for found in db.session.scalars(sa.select(Report))}[meknes] == "open"

    # The administration's agent assigned to no office sees what concerns no office (old reports), not the others.
    assign(app, office["agent"])
    queue = as_role("agent", lang).get(f"/{lang}/office/reports/").get_data(as_text=True)
    assert shown(old) in queue and shown(rabat) not in queue and shown(meknes) not in queue

    # The editor (who corrects the sheets), the commission and the admin see every office's reports.
    for who in ("editor", "reviewer", "admin"):
        client = as_role(who, lang)
        queue = client.get(f"/{lang}/office/reports/").get_data(as_text=True)
        assert all(shown(number) in queue for number in (rabat, meknes, old)), who
        assert client.get(f"/{lang}/office/reports/{meknes}").status_code == 200, who
    assert as_role("other_editor", lang).get(f"/{lang}/office/reports/{meknes}").status_code == 404


def test_the_migration_gives_older_reports_made_from_a_request_the_request_s_office(app, office, territory):
    import flask_migrate
    citizen = app.test_client()
    request_number = number_of(post(app, citizen, place="Meknès"))
    from_request, _ = report(citizen, "fr", PERMIT, f"?request={request_number}", town="Rabat")
    typed, _ = report(app.test_client(), "fr", town="Rabat")
    with app.app_context():
        db.session.remove()
        flask_migrate.downgrade(revision="0012_search")
        try:
            assert "office_id" not in {column["name"] for column in sa.inspect(db.engine).get_columns("report")}
        finally:
            flask_migrate.upgrade()
    assert office_of(app, from_request) == office_code("Meknès")  # certain: the request's office
    assert office_of(app, typed) is None  # a town typed freely is not guessed into an office
