"""The figures follow a request after its filing: decisions days later, an incompleteness, a silence swept.

The statistics read each request's ``decided_on`` and ``incomplete`` (copied from its events when
they are written): these tests go through the agent's pages and the sweep, as in real life.
"""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures import clock
from procedures.requests.models import Request, RequestEvent
from procedures.requests.sweep import sweep
from procedures.statistics import figures
from procedures.statistics.cache import figures_cache
from tests.conftest import TODAY
from tests.filing import document_ids, file_request
from tests.office_fixtures import csrf_token


def step(agent, number, **data):
    page = agent.get(f"/fr/office/requests/{number}")
    response = agent.post(f"/fr/office/requests/{number}", data={"csrf_token": csrf_token(page), **data})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def on_day(monkeypatch, days):
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=days))
    figures_cache.clear()  # as when the cache expires


def communes(client):
    body = client.get("/api/v1/statistics?administration=communes").get_json()
    return {metric: cell["value"] for metric, cell in body["total"].items()}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_decisions_incompleteness_and_silence_after_filing_reach_the_figures(app, office, as_role, monkeypatch,
                                                                              lang):
    citizen, public = app.test_client(), app.test_client()
    numbers = [file_request(app, citizen, lang) for _ in range(7)]  # building permits: 30 days, silence approves
    agent = as_role("agent")
    found = communes(public)
    assert found["filed"] == 7 and found["decided"] is None and found["incomplete"] == 0.0
    assert found["within_deadline"] is None  # nothing known yet: no basis

    on_day(monkeypatch, 3)
    for number in numbers[:3]:
        step(agent, number, step="approve")
    on_day(monkeypatch, 5)
    step(agent, numbers[5], step="incomplete", documents=[str(document_ids(app)[1])], message="Plan illisible")
    on_day(monkeypatch, 10)
    step(agent, numbers[3], step="approve")
    step(agent, numbers[4], step="refuse", ground="basis:0", reason="Zone non constructible")
    found = communes(public)
    assert found["decided"] == 5 and found["median_days"] == 3.0 and found["legal_maximum_days"] == 30.0
    assert found["incomplete"] == pytest.approx(1 / 7, abs=5e-5)
    assert found["within_deadline"] == 1.0  # five decided in time; the others not due yet

    on_day(monkeypatch, 40)  # the last one's silence fell; the incomplete one waits for the citizen
    with app.app_context():
        assert sweep(clock.today()) == {"tacit_approval": 1, "implicit_refusal": 0}
        db.session.commit()
        table = figures.table(figures.Period.default(clock.today()), clock.today())
    assert table.total.cells["tacitly_approved"].value == 1 and table.total.cells["tacitly_approved"].hidden
    assert table.total.cells["within_deadline"].value == pytest.approx(5 / 6)  # the tacit approval is known
    assert communes(public)["within_deadline"] == pytest.approx(5 / 6, abs=5e-5)


def test_the_copied_columns_match_the_events(app, office, as_role, monkeypatch):
    citizen = app.test_client()
    decided, incomplete, untouched = (file_request(app, citizen) for _ in range(3))
    agent = as_role("agent")
    on_day(monkeypatch, 4)
    step(agent, incomplete, step="incomplete", documents=[str(document_ids(app)[0])], message="Copie floue")
    step(agent, decided, step="refuse", ground="missing_document", reason="Dossier hors délai")
    with app.app_context():
        rows = {r.number: r for r in db.session.scalars(sa.select(Request))}
        assert (rows[decided].decided_on, rows[decided].incomplete) == (TODAY + timedelta(days=4), False)
        assert (rows[incomplete].decided_on, rows[incomplete].incomplete) == (None, True)
        assert (rows[untouched].decided_on, rows[untouched].incomplete) == (None, False)
        event = db.session.scalar(sa.select(RequestEvent).filter_by(kind="refused"))
        assert event.on == rows[decided].decided_on
