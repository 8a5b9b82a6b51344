"""Law 55-19, art. 16: the whole wait a version can impose (the deadline at its unit, or the silence period
when longer, plus the one extension), in calendar days, fits in 60 days (30 for an investment act), unless
a cited text allows more, which the commission then sees flagged."""
from datetime import date, timedelta

import pytest

from procedures.calendar import Calendar
from procedures.law import MAX_DAYS, MAX_DAYS_INVESTMENT, calendar_span, check_version, longest_wait
from procedures.publication.checks import check_draft
from procedures.publication.content import empty
from tests.samples import version


def wait_findings(**changes):
    return {(f.severity, f.field, f.code) for f in check_version(version(**changes))
            if f.code.startswith(("wait_", "deadline_", "longer_wait"))}


@pytest.mark.parametrize("changes, expected", [
    ({"processing_days": 30, "extension_days": 30}, set()),  # exactly 60
    ({"processing_days": 30, "extension_days": 31}, {("error", "extension_days", "wait_over_cap")}),
    ({"processing_days": 30, "silence_days": 61, "silence": "approval"},
     {("error", "silence_days", "wait_over_cap")}),
    ({"processing_days": 60, "day_unit": "working"}, {("error", "processing_days", "wait_over_cap")}),
    ({"processing_days": 20, "day_unit": "working", "extension_days": 25},
     {("error", "extension_days", "wait_over_cap")}),
    ({"processing_days": 15, "investment": True, "silence_days": 31, "silence": "approval"},
     {("error", "silence_days", "wait_over_investment_cap")}),
    ({"processing_days": 20, "investment": True, "day_unit": "working"},
     {("error", "processing_days", "wait_over_investment_cap")}),
    ({"processing_days": 10, "investment": True, "day_unit": "working"}, set()),
])
def test_the_whole_wait_is_capped(changes, expected):
    assert wait_findings(**changes) == expected


def test_a_text_allowing_a_longer_wait_turns_the_refusal_into_a_flag_for_the_commission():
    data = version(processing_days=30, extension_days=60)
    data["legal_basis"][0]["allows_longer_wait"] = True
    findings = [f for f in check_version(data) if f.code == "longer_wait_by_text"]
    assert [(f.severity, f.field, f.params) for f in findings] == [("warning", "extension_days",
                                                                     {"days": 90, "cap": MAX_DAYS})]


@pytest.mark.parametrize("days", [1, 4, 5, 6, 10, 20, 29, 42])
def test_working_days_never_take_longer_than_their_calendar_span(days):
    """Whatever the filing day of the next two years, the Moroccan calendar fits in the span counted."""
    calendar, first = Calendar(), date(2026, 1, 1)
    for offset in range(730):
        start = day = first + timedelta(days=offset)
        left = days
        while left:
            day += timedelta(days=1)
            left -= calendar.is_working_day(day)
        while not calendar.is_working_day(day):  # a deadline ending on a day off moves on
            day += timedelta(days=1)
        assert (day - start).days <= calendar_span(days, "working"), start


def test_the_longest_wait_counts_the_silence_period_and_the_extension():
    assert longest_wait(version(processing_days=10, silence_days=20, extension_days=5)) == 25
    assert longest_wait(version(processing_days=0)) == 0
    assert MAX_DAYS_INVESTMENT < MAX_DAYS


def test_the_editor_sees_the_cap_on_the_field_at_fault(ctx):
    content = {**empty(), **version(processing_days=30, extension_days=45)}
    assert ("extension_days", "wait_over_cap") in {(f.field, f.code) for f in check_draft(content) if f.is_error}


def test_an_import_with_too_long_a_wait_is_refused(ctx):
    from procedures.catalogue.transfer import ImportRejected
    from tests import samples

    data = samples.catalogue()
    data["procedures"][0]["versions"][0].update(processing_days=20, day_unit="working", extension_days=30)
    with pytest.raises(ImportRejected) as rejected:
        samples.load(data)
    assert any("versions[0].extension_days: wait_over_cap" in line for line in rejected.value.errors)


def test_the_message_cites_the_law_on_the_field_in_both_languages(app, lang):
    from flask_babel import force_locale

    from procedures.catalogue.law_messages import describe

    finding = next(f for f in check_version(version(processing_days=30, extension_days=45)) if f.is_error)
    with app.test_request_context(), force_locale(lang):
        sentence = describe(finding)
    with app.test_request_context(), force_locale("en"):
        assert sentence != describe(finding)  # translated
    assert "55" in sentence and "19" in sentence and "75" in sentence and "60" in sentence
