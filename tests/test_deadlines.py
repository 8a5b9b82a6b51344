"""The legal clock: worked examples with real Moroccan holidays, edge cases, state, and properties.

Holidays used below, as the ``holidays`` package gives them for 2026 (Islamic days estimated):
Wed 27 – Thu 28 May Eid al-Adha · Tue 16 Jun 1 Muharram · Thu 30 Jul Throne Day ·
Fri 14 Aug Oued Ed-Dahab · Thu 20 Aug Revolution Day · Fri 21 Aug Youth Day ·
Tue 25 – Wed 26 Aug Mawlid · Sat 31 Oct Unity Day · Fri 6 Nov Green March · Wed 18 Nov Independence Day.
"""
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedures.calendar import Calendar
from procedures.deadlines import (
    CALENDAR_DAYS,
    DECIDED,
    IMPLICITLY_REFUSED,
    OPEN,
    RESTART,
    SUSPEND,
    TACITLY_APPROVED,
    WAITING,
    WORKING_DAYS,
    ClockError,
    ClockRules,
    Events,
    Extension,
    count_between,
    count_forward,
    deadline,
    status,
)


@pytest.fixture(autouse=True)
def empty_database():
    """Pure date arithmetic: this overrides the conftest's fixture of that name, so no application is built."""


CALENDAR = Calendar()
MOVED_EID = Calendar(added={date(2026, 5, 29): {"ar": "عيد الأضحى", "fr": "Aïd al-Adha (2e jour)"}},
                     removed={date(2026, 5, 27): "Croissant non observé"})
D = date


def rules(days, unit=WORKING_DAYS, **options):
    return ClockRules(days, unit, **options)


EXAMPLES = [
    # id, rules, events, calendar, due
    ("10 working days before Eid al-Adha",
     # filed Fri 22 May (not counted); Sat 23, Sun 24 off; Mon 25 = 1, Tue 26 = 2; Wed 27, Thu 28 Eid;
     # Fri 29 = 3; Mon 1 Jun = 4 … Fri 5 = 8; Mon 8 = 9; Tue 9 Jun = 10.
     rules(10), Events(D(2026, 5, 22)), CALENDAR, D(2026, 6, 9)),
    ("10 working days across Throne Day",
     # filed Tue 28 Jul; Wed 29 = 1; Thu 30 Throne Day; Fri 31 = 2; Mon 3 – Fri 7 Aug = 3..7;
     # Mon 10 = 8, Tue 11 = 9, Wed 12 Aug = 10.
     rules(10), Events(D(2026, 7, 28)), CALENDAR, D(2026, 8, 12)),
    ("30 calendar days ending on 18 November",
     # filed Mon 19 Oct; + 30 days = Wed 18 Nov, Independence Day -> Thu 19 Nov.
     rules(30, CALENDAR_DAYS), Events(D(2026, 10, 19)), CALENDAR, D(2026, 11, 19)),
    ("5 calendar days ending on Revolution Day, then Youth Day and a weekend",
     # filed Sat 15 Aug (online); + 5 = Thu 20 Aug (holiday); Fri 21 holiday; Sat, Sun -> Mon 24 Aug.
     rules(5, CALENDAR_DAYS), Events(D(2026, 8, 15)), CALENDAR, D(2026, 8, 24)),
    ("10 working days across the Mawlid",
     # filed Mon 17 Aug; Tue 18 = 1, Wed 19 = 2; Thu 20, Fri 21 holidays; Mon 24 = 3; Tue 25, Wed 26 Mawlid;
     # Thu 27 = 4, Fri 28 = 5; Mon 31 = 6; Tue 1 – Fri 4 Sep = 7..10.
     rules(10), Events(D(2026, 8, 17)), CALENDAR, D(2026, 9, 4)),
    ("suspension across a weekend, working days",
     # filed Mon 5 Oct; Tue 6, Wed 7, Thu 8 = 3 days run. Incomplete Fri 9, complement Mon 12:
     # both included, 2 working days paused, 7 left. Tue 13 – Fri 16 = 4, Mon 19 – Wed 21 = 7 -> Wed 21 Oct.
     # (Same as the wording: day 10 without pause is Mon 19, + 2 working days given back = Wed 21.)
     rules(10, on_incomplete=SUSPEND), Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12)), CALENDAR,
     D(2026, 10, 21)),
    ("suspension across a weekend, calendar days",
     # filed Mon 5 Oct; + 10 = Thu 15; Fri 9 to Mon 12 both included = 4 days given back -> Mon 19 Oct.
     rules(10, CALENDAR_DAYS, on_incomplete=SUSPEND), Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12)),
     CALENDAR, D(2026, 10, 19)),
    ("restart after the complement",
     # the same events, restart: 10 working days after Mon 12 Oct: Tue 13 – Fri 16 = 4, Mon 19 – Fri 23 = 9,
     # Mon 26 Oct = 10.
     rules(10), Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12)), CALENDAR, D(2026, 10, 26)),
    ("restart across Unity Day and the Green March",
     # 5 working days after the complement on Thu 29 Oct: Fri 30 = 1; Sat 31 Unity Day (a weekend anyway);
     # Mon 2 – Thu 5 Nov = 2..5 -> Thu 5 Nov. Fri 6 Nov (Green March) is not reached.
     rules(5), Events(D(2026, 10, 26), D(2026, 10, 27), D(2026, 10, 29)), CALENDAR, D(2026, 11, 5)),
    ("extension, then Throne Day",
     # filed Sun 31 May (online); 30 days + one extension of 30 on 20 Jun (expertise) = 60 days:
     # 31 May + 60 = Thu 30 Jul, Throne Day -> Fri 31 Jul.
     rules(30, CALENDAR_DAYS, extension_days=30),
     Events(D(2026, 5, 31), extension=Extension(D(2026, 6, 20), "expertise")), CALENDAR, D(2026, 7, 31)),
    ("the overlay moves Eid al-Adha by a day: working days",
     # 2 working days from Mon 25 May. Package: Tue 26 = 1; Wed 27, Thu 28 Eid; Fri 29 = 2 -> Fri 29.
     # With the overlay Wed 27 is worked: Tue 26 = 1, Wed 27 = 2 -> Wed 27 May.
     rules(2), Events(D(2026, 5, 25)), MOVED_EID, D(2026, 5, 27)),
    ("the overlay moves Eid al-Adha by a day: calendar days",
     # 4 calendar days from Mon 25 May = Fri 29, now the second day of Eid -> Mon 1 Jun.
     rules(4, CALENDAR_DAYS), Events(D(2026, 5, 25)), MOVED_EID, D(2026, 6, 1)),
    ("the same without the overlay",
     rules(4, CALENDAR_DAYS), Events(D(2026, 5, 25)), CALENDAR, D(2026, 5, 29)),
    ("on the spot", rules(0), Events(D(2026, 11, 19)), CALENDAR, D(2026, 11, 19)),
    ("on the spot, filed online on Throne Day", rules(0, CALENDAR_DAYS), Events(D(2026, 7, 30)), CALENDAR,
     D(2026, 7, 31)),
    ("incomplete at deposit: suspend equals restart",
     # nothing had run: 10 working days after the complement on Mon 12 Oct -> Mon 26 Oct, as for a restart.
     rules(10, on_incomplete=SUSPEND), Events(D(2026, 10, 9), D(2026, 10, 9), D(2026, 10, 12)), CALENDAR,
     D(2026, 10, 26)),
    ("on the spot, suspended: due the day the complement is recorded",
     # filed Sat 17 Oct online -> due Mon 19. Declared incomplete that Monday, complement Tue 20 -> Tue 20 Oct.
     rules(0, on_incomplete=SUSPEND), Events(D(2026, 10, 17), D(2026, 10, 19), D(2026, 10, 20)), CALENDAR,
     D(2026, 10, 20)),
    ("incomplete on a due date reached by moving past a weekend",
     # 10 calendar days from Wed 5 Aug = Sat 15 -> due Mon 17. Declared incomplete that Monday, complement Wed 19:
     # one day, the day of the declaration, is given back -> Thu 20 Aug, Revolution Day; Fri 21 Youth Day;
     # weekend -> Mon 24 Aug.
     rules(10, CALENDAR_DAYS, on_incomplete=SUSPEND), Events(D(2026, 8, 5), D(2026, 8, 17), D(2026, 8, 19)),
     CALENDAR, D(2026, 8, 24)),
    ("extension and incompleteness on the same day: the extension counts first",
     # 10 calendar days from Wed 5 Aug: Sat 15 -> due Mon 17. On Mon 17, extended by 5 (15 days: Thu 20) and
     # declared incomplete; complement Wed 19. 17 to 19 given back (3 days): Thu 20 + 3 = Sun 23 -> Mon 24 Aug.
     rules(10, CALENDAR_DAYS, extension_days=5, on_incomplete=SUSPEND),
     Events(D(2026, 8, 5), D(2026, 8, 17), D(2026, 8, 19), Extension(D(2026, 8, 17), "public_inquiry")), CALENDAR,
     D(2026, 8, 24)),
]


@pytest.mark.parametrize("rules_, events, calendar, due", [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_worked_examples(rules_, events, calendar, due):
    assert deadline(rules_, calendar, events).due == due


def test_explanation_steps_for_a_suspension_and_a_move():
    result = deadline(rules(10, CALENDAR_DAYS, on_incomplete=SUSPEND, silence="approval"), CALENDAR,
                      Events(D(2026, 11, 2), D(2026, 11, 4), D(2026, 11, 9)))
    # + 10 = Thu 12 Nov; 4 to 9 Nov given back = 6 days -> Wed 18 Nov, Independence Day -> Thu 19.
    *steps, moved, due, silence = result.steps
    assert steps == [("filed", D(2026, 11, 2)), ("paused", D(2026, 11, 4), D(2026, 11, 9), 6)]
    assert moved[:3] == ("moved_to_working_day", D(2026, 11, 18), D(2026, 11, 19))
    assert moved[3].name("fr") == "Fête de l'indépendance"
    assert (due, silence) == (("due", D(2026, 11, 19)), ("silence", D(2026, 11, 19), "approval"))
    assert result.silence_takes_effect == D(2026, 11, 20)


def test_explanation_steps_for_a_restart_and_an_extension_in_date_order():
    result = deadline(rules(10, extension_days=15), CALENDAR, Events(
        D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12), extension=Extension(D(2026, 10, 7), "public_inquiry")))
    assert result.steps[:4] == (
        ("filed", D(2026, 10, 5)), ("extended", D(2026, 10, 7), 15, "public_inquiry"),
        ("declared_incomplete", D(2026, 10, 9)), ("restarted", D(2026, 10, 12)))
    # 25 working days after Mon 12 Oct: Oct 13-16 (4), 19-23 (9), 26-30 (14), Nov 2-5 (18; Fri 6 Green March),
    # Nov 9-13 (23), Mon 16 = 24, Tue 17 = 25 -> Tue 17 Nov.
    assert result.due == D(2026, 11, 17)


def test_silence_after_its_own_period():
    # 30 calendar days from Mon 7 Sep = Wed 7 Oct; silence after 60 = Fri 6 Nov, Green March -> Mon 9 Nov.
    result = deadline(rules(30, CALENDAR_DAYS, silence="approval", silence_days=60), CALENDAR, Events(D(2026, 9, 7)))
    assert (result.due, result.silence_due, result.silence_takes_effect) == (
        D(2026, 10, 7), D(2026, 11, 9), D(2026, 11, 10))


def test_waiting_for_the_citizen_stops_the_clock():
    result = deadline(rules(10), CALENDAR, Events(D(2026, 10, 5), D(2026, 10, 9)))
    assert (result.due, result.silence_due) == (None, None)
    assert result.steps == (("filed", D(2026, 10, 5)), ("waiting_for_citizen", D(2026, 10, 9)))


# Edge cases: what the clock refuses.

@pytest.mark.parametrize("make, code", [
    (lambda: Events(D(2026, 10, 5), complemented_on=D(2026, 10, 9)), "complement_without_incompleteness"),
    (lambda: Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 8)), "complement_before_incompleteness"),
    (lambda: Events(D(2026, 10, 5), D(2026, 10, 4)), "before_filing"),
    (lambda: Events(D(2026, 10, 5), decided_on=D(2026, 10, 1)), "before_filing"),
    (lambda: Events(D(2026, 10, 5), D(2026, 10, 9), decided_on=D(2026, 10, 8)), "after_decision"),
])
def test_contradictory_dates_are_refused(make, code):
    with pytest.raises(ClockError) as error:
        make()
    assert error.value.code == code


@pytest.mark.parametrize("rules_, events, code", [
    # 10 working days from Mon 5 Oct: due Mon 19 Oct. Declared incomplete on Tue 20: too late.
    (rules(10), Events(D(2026, 10, 5), D(2026, 10, 20)), "incomplete_after_due"),
    (rules(10), Events(D(2026, 10, 5), extension=Extension(D(2026, 10, 6), "expertise")), "extension_not_allowed"),
    (rules(10, extension_days=5), Events(D(2026, 10, 5), extension=Extension(D(2026, 10, 20), "expertise")),
     "extension_after_due"),
    # due Mon 19 Oct: an extension and a declaration both on Tue 20 cannot make each other in time.
    (rules(10, extension_days=5), Events(D(2026, 10, 5), D(2026, 10, 20), extension=Extension(D(2026, 10, 20),
                                                                                              "expertise")),
     "extension_after_due"),
    # restart from Mon 12 Oct: due Mon 26 Oct; an extension on Tue 27 is too late.
    (rules(10, extension_days=5), Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12),
                                         extension=Extension(D(2026, 10, 27), "expertise")), "extension_after_due"),
])
def test_late_events_are_refused(rules_, events, code):
    with pytest.raises(ClockError) as error:
        deadline(rules_, CALENDAR, events)
    assert error.value.code == code


def test_events_on_the_due_day_are_in_time():
    # due Mon 19 Oct: declaring incomplete or extending that day is allowed.
    assert deadline(rules(10), CALENDAR, Events(D(2026, 10, 5), D(2026, 10, 19), D(2026, 10, 19))).due == \
        D(2026, 11, 2)
    extended = Events(D(2026, 10, 5), extension=Extension(D(2026, 10, 19), "expertise"))
    assert deadline(rules(10, extension_days=5), CALENDAR, extended).due == D(2026, 10, 26)


def test_an_extension_moves_the_limit_for_declaring_incomplete():
    # 10 working days from Mon 5 Oct: due Mon 19. Extended on Fri 16 Oct by 5: 15 working days, due Mon 26,
    # so Thu 22 Oct is in time. Thu 22 and Fri 23 given back (2 working days): Tue 27, Wed 28 Oct.
    events = Events(D(2026, 10, 5), D(2026, 10, 22), D(2026, 10, 23), Extension(D(2026, 10, 16), "expertise"))
    assert deadline(rules(10, extension_days=5, on_incomplete=SUSPEND), CALENDAR, events).due == D(2026, 10, 28)
    with pytest.raises(ClockError):  # without the extension, 22 Oct would be after the due date
        deadline(rules(10, extension_days=5, on_incomplete=SUSPEND), CALENDAR, Events(D(2026, 10, 5), D(2026, 10, 22)))


def test_an_extension_while_waiting_for_the_citizen_is_in_time():
    events = Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 11, 30), Extension(D(2026, 11, 2), "public_inquiry"))
    assert deadline(rules(10, extension_days=5), CALENDAR, events).due == D(2026, 12, 21)


@pytest.mark.parametrize("options", [
    {"days": -1}, {"unit": "hours"}, {"silence": "maybe"}, {"silence_days": 5}, {"extension_days": 0},
    {"on_incomplete": "pause"},
])
def test_invalid_rules_are_refused(options):
    with pytest.raises(ValueError):
        ClockRules(**{"days": 10, "unit": WORKING_DAYS} | options)


def test_extension_reason_is_checked():
    with pytest.raises(ValueError):
        Extension(D(2026, 10, 5), "convenience")


# State at a moment.

APPROVAL = rules(10, CALENDAR_DAYS, silence="approval")
REFUSAL = rules(10, CALENDAR_DAYS, silence="refusal")
RESTARTED = Events(D(2026, 10, 5), D(2026, 10, 9), D(2026, 10, 12))  # restart: due Thu 22 Oct


@pytest.mark.parametrize("today, state, days_left, due", [
    (D(2026, 10, 5), OPEN, 10, D(2026, 10, 15)),  # the incompleteness is not known yet
    (D(2026, 10, 9), WAITING, None, None),
    (D(2026, 10, 11), WAITING, None, None),
    (D(2026, 10, 12), OPEN, 10, D(2026, 10, 22)),
    (D(2026, 10, 22), OPEN, 0, D(2026, 10, 22)),
    (D(2026, 10, 23), TACITLY_APPROVED, None, D(2026, 10, 22)),
])
def test_state_through_time(today, state, days_left, due):
    result = status(APPROVAL, CALENDAR, RESTARTED, today)
    assert (result.state, result.days_left, result.deadline.due) == (state, days_left, due)


def test_silence_that_means_refusal_is_an_implicit_refusal_and_none_never_is():
    assert status(rules(10, CALENDAR_DAYS, silence="refusal"), CALENDAR, RESTARTED, D(2026, 10, 23)).state == \
        IMPLICITLY_REFUSED
    nothing = status(rules(10, CALENDAR_DAYS, silence="none"), CALENDAR, RESTARTED, D(2027, 10, 23))
    assert (nothing.state, nothing.deadline.silence_takes_effect) == (OPEN, None)


def test_overdue_before_silence_takes_effect_counts_negative_days():
    # 10 working days from Thu 8 Oct: Fri 9 = 1, 12-16 = 6, Mon 19 - Thu 22 = 10: due Thu 22 Oct. Silence after
    # 20: Fri 23 = 11, 26-30 = 16, Mon 2 - Thu 5 Nov = 20. On Tue 27 Oct: 3 working days overdue (23, 26, 27).
    result = status(rules(10, WORKING_DAYS, silence="approval", silence_days=20), CALENDAR,
                    Events(D(2026, 10, 8)), D(2026, 10, 27))
    assert (result.state, result.days_left) == (OPEN, -3)


@pytest.mark.parametrize("silence_rules, decided_on, state", [
    (APPROVAL, D(2026, 10, 20), DECIDED),
    (APPROVAL, D(2026, 10, 22), DECIDED),  # on the due day: in time
    (APPROVAL, D(2026, 10, 23), TACITLY_APPROVED),  # too late: the tacit approval fell first
    (REFUSAL, D(2026, 10, 22), DECIDED),
    (REFUSAL, D(2026, 10, 30), IMPLICITLY_REFUSED),  # a fallen implicit refusal is a decision too: final
])
def test_decisions(silence_rules, decided_on, state):
    events = Events(RESTARTED.filed_on, RESTARTED.incomplete_on, RESTARTED.complemented_on, decided_on=decided_on)
    assert status(silence_rules, CALENDAR, events, D(2026, 12, 1)).state == state


def test_a_decision_while_waiting_for_the_citizen():
    events = Events(D(2026, 10, 5), D(2026, 10, 9), decided_on=D(2026, 11, 30))
    assert status(APPROVAL, CALENDAR, events, D(2026, 12, 1)).state == DECIDED


def test_today_before_filing_is_refused():
    with pytest.raises(ClockError):
        status(APPROVAL, CALENDAR, RESTARTED, D(2026, 10, 4))


# Properties. The calendar is the package's; dates span 2024-2028; deadlines up to the law's 60 days.

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
filing_days = st.dates(D(2024, 1, 1), D(2028, 12, 31))
clock_rules = st.builds(
    lambda days, unit, extension, on_incomplete, silence, silence_extra: ClockRules(
        days, unit, silence, None if silence_extra is None else days + silence_extra, extension, on_incomplete),
    st.integers(0, 60), st.sampled_from([CALENDAR_DAYS, WORKING_DAYS]), st.none() | st.integers(1, 60),
    st.sampled_from([SUSPEND, RESTART]), st.sampled_from(["approval", "refusal", "none"]),
    st.none() | st.integers(0, 60),
)


def offset(data, first, last, label):
    return first + timedelta(days=data.draw(st.integers(0, (last - first).days), label=label))


def incomplete_file(data, rules_, filed_on):
    """A valid declaration of incompleteness (on or before the due date) and a complement up to 90 days later."""
    due = deadline(rules_, CALENDAR, Events(filed_on)).due
    declared = offset(data, filed_on, due, "declared")
    return declared, offset(data, declared, declared + timedelta(days=90), "complemented")


@PROPERTY_SETTINGS
@given(clock_rules, filing_days)
def test_due_is_never_before_filing_and_always_a_working_day(rules_, filed_on):
    # Counting goes forward from the filing day and the last step moves forward to a working day.
    result = deadline(rules_, CALENDAR, Events(filed_on))
    assert filed_on <= result.due <= result.silence_due
    assert CALENDAR.is_working_day(result.due) and CALENDAR.is_working_day(result.silence_due)


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.data())
def test_an_incomplete_file_never_shortens_the_deadline(rules_, filed_on, data):
    # Both suspend and restart count at least as many days as before from a later point;
    # restart counts the full deadline from the complement, suspend only what was left, so restart >= suspend.
    declared, complemented = incomplete_file(data, rules_, filed_on)
    plain = deadline(rules_, CALENDAR, Events(filed_on)).due
    events = Events(filed_on, declared, complemented)
    suspended = deadline(ClockRules(**{**rules_.__dict__, "on_incomplete": SUSPEND}), CALENDAR, events).due
    restarted = deadline(ClockRules(**{**rules_.__dict__, "on_incomplete": RESTART}), CALENDAR, events).due
    assert plain <= suspended <= restarted
    assert complemented <= suspended and CALENDAR.is_working_day(suspended)


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.data())
def test_suspension_gives_back_every_day_from_declaration_to_complement(rules_, filed_on, data):
    # The wording, computed independently: when the declaration comes after the filing day and
    # before the last counted day, the deadline is the plain one plus every counted day from the
    # declaration to the complement, both included (calendar days, or the working days among them).
    rules_ = ClockRules(**{**rules_.__dict__, "on_incomplete": SUSPEND, "extension_days": None})
    last_counted = count_forward(CALENDAR, rules_.unit, filed_on, rules_.days)
    if last_counted == filed_on:
        return  # deadline 0: no counted day to pause
    declared = offset(data, filed_on + timedelta(days=1), last_counted, "declared")
    complemented = offset(data, declared, declared + timedelta(days=90), "complemented")
    given_back = count_between(CALENDAR, rules_.unit, declared, complemented)
    expected = count_forward(CALENDAR, rules_.unit, filed_on, rules_.days + given_back)
    result = deadline(rules_, CALENDAR, Events(filed_on, declared, complemented))
    assert result.due == CALENDAR.working_day_from(expected)
    assert result.steps[1] == ("paused", declared, complemented, given_back)


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.data())
def test_incomplete_on_the_filing_day_suspend_equals_restart(rules_, filed_on, data):
    # Nothing had been counted yet (the filing day never counts), so there is nothing to keep.
    complemented = offset(data, filed_on, filed_on + timedelta(days=90), "complemented")
    events = Events(filed_on, filed_on, complemented)
    assert deadline(ClockRules(**{**rules_.__dict__, "on_incomplete": SUSPEND}), CALENDAR, events).due == \
        deadline(ClockRules(**{**rules_.__dict__, "on_incomplete": RESTART}), CALENDAR, events).due


@PROPERTY_SETTINGS
@given(clock_rules.filter(lambda r: r.extension_days), filing_days, st.data())
def test_an_extension_never_shortens_the_deadline(rules_, filed_on, data):
    # The extension adds days to the count; counting more days never ends earlier.
    plain = deadline(rules_, CALENDAR, Events(filed_on))
    granted = offset(data, filed_on, plain.due, "granted")
    extended = deadline(rules_, CALENDAR, Events(filed_on, extension=Extension(granted, "expertise")))
    assert extended.due >= plain.due and extended.silence_due >= plain.silence_due


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.data())
def test_a_later_complement_never_gives_an_earlier_due_date(rules_, filed_on, data):
    declared, complemented = incomplete_file(data, rules_, filed_on)
    later = complemented + timedelta(days=data.draw(st.integers(0, 30), label="delay"))
    assert deadline(rules_, CALENDAR, Events(filed_on, declared, complemented)).due <= \
        deadline(rules_, CALENDAR, Events(filed_on, declared, later)).due


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.data())
def test_state_follows_the_clock(rules_, filed_on, data):
    # Open until the due day (days left never negative then), a tacit decision the day after the silence
    # period, whatever the meaning; and a decision in time always decides.
    result = deadline(rules_, CALENDAR, Events(filed_on))
    today = offset(data, filed_on, result.silence_due + timedelta(days=10), "today")
    current = status(rules_, CALENDAR, Events(filed_on), today)
    if today <= result.due:
        assert current.state == OPEN and current.days_left >= 0
    elif today > result.silence_due:
        assert current.state == {"approval": TACITLY_APPROVED, "refusal": IMPLICITLY_REFUSED, "none": OPEN}[
            rules_.silence]
    decided_on = offset(data, filed_on, result.silence_due, "decided")
    decided = status(rules_, CALENDAR, Events(filed_on, decided_on=decided_on), today)
    assert decided.state == (DECIDED if decided_on <= today else current.state)  # a later decision is not known yet


@PROPERTY_SETTINGS
@given(clock_rules, filing_days, st.sets(st.dates(D(2024, 1, 1), D(2029, 12, 31)), max_size=40))
def test_no_due_date_lands_on_a_day_off_of_an_edited_calendar(rules_, filed_on, days_off):
    # Whatever the administrator adds, the last step moves the end to a working day of that calendar.
    calendar = Calendar(added=dict.fromkeys(days_off, "Jour de congé exceptionnel"))
    result = deadline(rules_, calendar, Events(filed_on))
    assert calendar.is_working_day(result.due) and filed_on <= result.due
