"""Issue 11, items 2 and 3: a date stated to a citizen never moves; a decision that has fallen
(silence included) is never undone, and no step is taken once silence has decided."""
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from procedures import clock
from procedures.requests.numbers import display
from procedures.requests.models import CalendarDay, Request
from procedures.requests.sweep import sweep
from tests.conftest import TODAY
from tests.filing import file_request
from tests.office_fixtures import csrf_token
from tests.pages import text_of

DUE = TODAY + timedelta(days=30)  # permit: 30 calendar days from Mon 23 Nov 2026: Wed 23 Dec
SILENCE = DUE + timedelta(days=1)


def on_day(monkeypatch, day):
    monkeypatch.setattr(clock, "today", lambda: day)


def secret_of(client, number):
    with client.session_transaction() as session:
        return dict(session["requests"])[number]  # the proofs kept by the browser (requests/proof.py)


def calendar_day(admin, lang, day, kind):
    page = admin.get(f"/{lang}/office/calendar/")
    response = admin.post(f"/{lang}/office/calendar/", data={
        "day": day.isoformat(), "kind": kind, "label-fr": "Décision du chef du gouvernement",
        "label-ar": "قرار رئيس الحكومة", "csrf_token": csrf_token(page)})
    assert response.status_code == 302


def step(agent, lang, number, **data):
    url = f"/{lang}/office/requests/{number}"
    return agent.post(url, data={"csrf_token": csrf_token(agent.get(url)), **data})


def track(app, client, number):
    return app.test_client().post("/api/v1/track", json={"number": number, "secret": secret_of(client, number)}
                                  ).get_json()


def test_a_calendar_change_after_filing_moves_no_stated_date(app, office, as_role, monkeypatch, lang):
    citizen = app.test_client()
    number = file_request(app, citizen, lang)
    admin = as_role("admin", lang)
    calendar_day(admin, lang, DUE, "off")  # the due day becomes a day off after the receipt was issued
    calendar_day(admin, lang, TODAY + timedelta(days=10), "off")
    body = track(app, citizen, number)
    assert (body["due_on"], body["silence_takes_effect"]) == (DUE.isoformat(), SILENCE.isoformat())
    page = text_of(citizen.get(f"/{lang}/requests/{number}"))
    assert {"fr": "23 décembre 2026", "ar": "23 دجنبر 2026"}[lang] in page
    # A request filed after the change gets dates computed with the new calendar.
    later = file_request(app, app.test_client(), lang)
    with app.app_context():
        assert db.session.scalar(sa.select(Request.due_on).filter_by(number=later)) == DUE + timedelta(days=1)
    # On the stated day, silence decides, whatever the calendar says now; before the sweep, everyone agrees.
    on_day(monkeypatch, SILENCE)
    assert track(app, citizen, number)["state"] == "tacitly_approved"
    assert {"fr": "Accepté par le silence", "ar": "تمت الموافقة بالسكوت"}[lang] in text_of(
        citizen.get(f"/{lang}/requests/{number}"))
    assert display(number) in text_of(as_role("agent", lang).get(f"/{lang}/office/requests/?show=decided"))
    assert citizen.get(f"/{lang}/requests/{number}/certificate.pdf").status_code == 200


def test_a_fallen_tacit_approval_is_never_undone_and_its_certificate_verifies_forever(app, office, as_role,
                                                                                      monkeypatch, lang):
    citizen = app.test_client()
    number = file_request(app, citizen, lang)
    on_day(monkeypatch, SILENCE)
    with app.app_context():
        assert sweep(SILENCE) == {"tacit_approval": 1, "implicit_refusal": 0}
        db.session.commit()
        assert sweep(SILENCE) == {"tacit_approval": 0, "implicit_refusal": 0}  # idempotent
    certificate = citizen.get(f"/{lang}/requests/{number}/certificate.pdf")
    assert certificate.status_code == 200
    with app.app_context():
        from procedures.requests import receipts
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        code = receipts.certificate_signature(found, SILENCE)
    # Past days marked off afterwards, and the package's holidays too: nothing moves.
    admin = as_role("admin", lang)
    for day in (TODAY + timedelta(days=3), DUE, DUE - timedelta(days=1)):
        calendar_day(admin, lang, day, "off")
    on_day(monkeypatch, SILENCE + timedelta(days=5))
    # The agent can no longer refuse: told what silence decided and when, in the agent's language.
    agent = as_role("agent", lang)
    for data in ({"step": "refuse", "ground": "basis:0", "reason": "Zone non constructible"}, {"step": "approve"},
                 {"step": "extend", "reason": "expertise"}):
        response = step(agent, lang, number, **data)
        assert response.status_code == 400
        assert {"fr": "acceptée par le silence le 24 décembre 2026",
                "ar": "قُبل الطلب بالسكوت يوم 24 دجنبر 2026"}[lang] in text_of(response)
    assert track(app, citizen, number)["state"] == "tacitly_approved"
    assert "Refus" not in text_of(citizen.get(f"/fr/requests/{number}"))
    page = app.test_client().get(f"/{lang}/verify/{number}/tacit-approval?code={code}")
    assert 'class="genuine"' in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarDay)) == 3


def test_a_decision_the_day_silence_takes_effect_is_refused_even_before_the_sweep(app, office, as_role,
                                                                                 monkeypatch, lang):
    number = file_request(app, app.test_client(), lang)
    agent = as_role("agent", lang)
    on_day(monkeypatch, DUE)
    assert step(agent, lang, number, step="acknowledge").status_code == 302  # the due day is still in time
    on_day(monkeypatch, SILENCE)
    response = step(agent, lang, number, step="approve")
    assert response.status_code == 400
    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert not found.events_of("approved")


def test_silence_that_means_nothing_never_becomes_a_refusal(app, office, monkeypatch):
    from procedures.catalogue.models import Version
    citizen = app.test_client()
    number = file_request(app, citizen)
    with app.app_context():  # the same request under a version whose silence means nothing
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        found.silence = "none"
        db.session.commit()
        assert db.session.get(Version, found.version_id) is not None
    on_day(monkeypatch, SILENCE + timedelta(days=100))
    with app.app_context():
        assert sweep(clock.today()) == {"tacit_approval": 0, "implicit_refusal": 0}
        db.session.commit()
    assert track(app, citizen, number)["state"] == "open"


def test_a_complement_states_new_dates_that_stay(app, office, as_role, monkeypatch):
    """An incompleteness stops the clock; the complement states new dates, printed in the story and kept."""
    citizen = app.test_client()
    number = file_request(app, citizen)
    agent = as_role("agent")
    from tests.filing import document_ids
    on_day(monkeypatch, TODAY + timedelta(days=5))
    assert step(agent, "fr", number, step="incomplete", documents=[str(document_ids(app)[1])],
                message="Plan illisible").status_code == 302
    assert track(app, citizen, number)["state"] == "waiting_for_citizen"
    on_day(monkeypatch, TODAY + timedelta(days=8))
    assert step(agent, "fr", number, step="complement").status_code == 302
    new_due = TODAY + timedelta(days=38)
    assert track(app, citizen, number)["due_on"] == new_due.isoformat()
    calendar_day(as_role("admin"), "fr", new_due, "off")
    assert track(app, citizen, number)["due_on"] == new_due.isoformat()
    assert "31 décembre 2026" in text_of(citizen.get(f"/fr/requests/{number}"))


def test_holidays_the_clock_relies_on_for_2026_and_2027():
    """The pinned ``holidays`` package gives Morocco these days off (an upgrade that changes them fails here)."""
    from procedures.calendar import Calendar
    calendar = Calendar()
    fixed = [date(year, month, day) for year in (2026, 2027) for month, day in (
        (1, 1), (1, 11), (1, 14), (5, 1), (7, 30), (8, 14), (8, 20), (8, 21), (10, 31), (11, 6), (11, 18))]
    lunar = [date(2026, 3, 20), date(2026, 3, 21), date(2026, 5, 27), date(2026, 5, 28), date(2026, 6, 16),
             date(2026, 8, 25), date(2026, 8, 26), date(2027, 3, 9), date(2027, 3, 10), date(2027, 5, 16),
             date(2027, 5, 17), date(2027, 6, 6), date(2027, 8, 14), date(2027, 8, 15)]
    for day in fixed + lunar:
        assert calendar.holiday_name(day) is not None, day
    holidays_2026 = {off.day for off in calendar.holidays_between(date(2026, 1, 1), date(2026, 12, 31))}
    assert holidays_2026 == {day for day in fixed + lunar if day.year == 2026}
