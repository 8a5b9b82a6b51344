"""Administrators correct the working-day calendar; deadlines follow at once."""
from datetime import date

from procedures.requests import clock as request_clock
from tests.office_fixtures import csrf_token
from tests.pages import text_of


def test_an_exceptional_day_off_and_a_moved_holiday_change_the_calendar(app, as_role, lang):
    admin = as_role("admin", lang)
    page = admin.get(f"/{lang}/office/calendar/")
    assert {"fr": "Fête du Trône", "ar": "عيد العرش"}[lang] in text_of(page)  # from the holidays package
    with app.app_context():
        assert request_clock.calendar().is_working_day(date(2026, 12, 1))
        assert not request_clock.calendar().is_working_day(date(2027, 1, 11))
    for day, kind in (("2026-12-01", "off"), ("2027-01-11", "worked")):
        response = admin.post(f"/{lang}/office/calendar/", data={
            "day": day, "kind": kind, "label-fr": "Décision du chef du gouvernement", "label-ar": "قرار رئيس الحكومة",
            "csrf_token": csrf_token(page)})
        assert response.status_code == 302
    with app.app_context():
        calendar = request_clock.calendar()
        assert not calendar.is_working_day(date(2026, 12, 1))
        assert calendar.is_working_day(date(2027, 1, 11))
    response = admin.post(f"/{lang}/office/calendar/", data={"day": "not a day", "kind": "off", "label-fr": "x",
                                                             "csrf_token": csrf_token(page)})
    assert response.status_code == 400
