"""The working-day calendar: what the ``holidays`` package really gives for Morocco, and the overlay."""
from datetime import date

import pytest

from procedures.calendar import Calendar


@pytest.fixture(autouse=True)
def empty_database():
    """Pure date arithmetic: this overrides the conftest's fixture of that name, so no application is built."""


CALENDAR = Calendar()

# Eid al-Adha 2026 as the package estimates it (Wed 27 – Thu 28 May), moved one day
# later, as happens when the moon is sighted a day late: 27 May worked, 29 May off.
MOVED_EID = Calendar(
    added={date(2026, 5, 29): {"ar": "عيد الأضحى", "fr": "Aïd al-Adha (2e jour)"}},
    removed={date(2026, 5, 27): "Croissant non observé le 26 mai"},
)


@pytest.mark.parametrize("day, fr, ar", [
    (date(2026, 1, 11), "Manifeste de l'indépendance", "ذكرى تقديم وثيقة الاستقلال"),  # a Sunday anyway
    (date(2026, 1, 14), "Nouvel an Amazigh", "رأس السنة الأمازيغية"),  # since 2024
    (date(2026, 7, 30), "Fête du Trône", "عيد العرش"),
    (date(2026, 8, 20), "La révolution du roi et du peuple", "ذكرى ثورة الملك و الشعب"),
    (date(2026, 10, 31), "Fête de l'Unité", "عيد الوحدة"),  # first year in the package
    (date(2026, 11, 18), "Fête de l'indépendance", "عيد الاستقلال"),
])
def test_fixed_holidays_from_the_package(day, fr, ar):
    assert not CALENDAR.is_working_day(day)
    assert CALENDAR.holiday_name(day, "fr") == fr
    assert CALENDAR.holiday_name(day, "ar") == ar
    assert CALENDAR.day_off(day).estimated is False


def test_unity_day_starts_in_2026_in_the_package():
    # Proclaimed on 31 October 2025; the package (0.109) adds it from 2026 only, so
    # Friday 31 October 2025 is a working day unless the administrator adds it.
    assert CALENDAR.is_working_day(date(2025, 10, 31))
    assert CALENDAR.holiday_name(date(2025, 10, 31)) is None


def test_amazigh_new_year_only_since_2024():
    assert CALENDAR.is_working_day(date(2023, 1, 13))
    assert CALENDAR.holiday_name(date(2023, 1, 14)) is None  # a Saturday: off, but no holiday
    assert CALENDAR.holiday_name(date(2024, 1, 14)) == "Nouvel an Amazigh"


@pytest.mark.parametrize("days, fr", [
    ((date(2025, 3, 30), date(2025, 3, 31)), "Fête de la rupture du jeûne (estimé)"),
    ((date(2025, 6, 6), date(2025, 6, 7)), "Fête du sacrifice (estimé)"),
    ((date(2026, 3, 20), date(2026, 3, 21)), "Fête de la rupture du jeûne (estimé)"),
    ((date(2026, 5, 27), date(2026, 5, 28)), "Fête du sacrifice (estimé)"),
    ((date(2026, 8, 25), date(2026, 8, 26)), "Anniversaire du prophète (estimé)"),
    ((date(2027, 5, 16), date(2027, 5, 17)), "Fête du sacrifice (estimé)"),
])
def test_islamic_holidays_are_two_day_estimates(days, fr):
    for day in days:
        off = CALENDAR.day_off(day)
        assert off.kind == "holiday" and off.estimated and off.source == "package"
        assert off.name("fr") == fr
        assert "تقديري" in off.name("ar")


def test_one_muharram_is_one_day():
    assert CALENDAR.holiday_name(date(2026, 6, 16)) == "Nouvel an musulman (estimé)"
    assert CALENDAR.is_working_day(date(2026, 6, 17))


def test_two_holidays_on_one_day_keep_both_names():
    # 14 August 2027: Oued Ed-Dahab Day and the estimated first day of the Mawlid.
    assert CALENDAR.holiday_name(date(2027, 8, 14), "fr") == (
        "Allégeance Oued Eddahab; Anniversaire du prophète (estimé)")


def test_weekends_and_working_days():
    assert CALENDAR.is_working_day(date(2026, 11, 19))  # Thursday
    assert CALENDAR.day_off(date(2026, 11, 21)).kind == "weekend"  # Saturday
    assert CALENDAR.holiday_name(date(2026, 11, 21)) is None
    assert CALENDAR.day_off(date(2026, 10, 31)).kind == "holiday"  # a Saturday that is a holiday too


def test_next_working_day_skips_a_run_of_days_off():
    # Thu 20 Aug 2026 Revolution Day, Fri 21 Youth Day, then the weekend.
    assert CALENDAR.next_working_day(date(2026, 8, 19)) == date(2026, 8, 24)
    assert CALENDAR.working_day_from(date(2026, 8, 20)) == date(2026, 8, 24)
    assert CALENDAR.working_day_from(date(2026, 8, 24)) == date(2026, 8, 24)
    assert CALENDAR.next_working_day(date(2026, 8, 24)) == date(2026, 8, 27)  # Mawlid 25–26 Aug


def test_overlay_moves_a_lunar_holiday_by_a_day():
    assert MOVED_EID.is_working_day(date(2026, 5, 27))
    assert not MOVED_EID.is_working_day(date(2026, 5, 28))  # the second day stays
    off = MOVED_EID.day_off(date(2026, 5, 29))
    assert (off.source, off.estimated, off.name("fr"), off.name("ar")) == (
        "overlay", False, "Aïd al-Adha (2e jour)", "عيد الأضحى")
    assert CALENDAR.is_working_day(date(2026, 5, 29))  # calendars do not share their overlays


def test_overlay_adds_an_exceptional_day_off_with_one_label():
    calendar = Calendar(added={date(2026, 7, 31): "Jour de congé exceptionnel"})
    assert calendar.holiday_name(date(2026, 7, 31), "ar") == "Jour de congé exceptionnel"
    assert calendar.next_working_day(date(2026, 7, 29)) == date(2026, 8, 3)


def test_removing_a_holiday_on_a_weekend_leaves_the_weekend():
    calendar = Calendar(removed={date(2026, 10, 31): "test"})
    assert calendar.day_off(date(2026, 10, 31)).kind == "weekend"


def test_a_day_cannot_be_both_added_and_removed():
    with pytest.raises(ValueError, match="2026-05-27"):
        Calendar(added={date(2026, 5, 27): "a"}, removed={date(2026, 5, 27): "b"})


def test_years_are_computed_when_asked_for():
    calendar = Calendar()
    assert calendar._years == {}
    calendar.is_working_day(date(2030, 1, 2))
    assert set(calendar._years) == {2030}


def test_holidays_between_spans_years_in_order():
    days = [off.day for off in MOVED_EID.holidays_between(date(2026, 5, 1), date(2027, 1, 14))]
    assert days[:4] == [date(2026, 5, 1), date(2026, 5, 28), date(2026, 5, 29), date(2026, 6, 16)]
    assert days[-3:] == [date(2027, 1, 1), date(2027, 1, 11), date(2027, 1, 14)]
