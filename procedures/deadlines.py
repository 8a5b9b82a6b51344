"""The legal clock of a request: when the administration must answer, and what its silence means.

Pure date arithmetic on a procedure version's ``ClockRules``, a request's ``Events``
and a ``procedures.calendar.Calendar`` passed in; nothing here reads the time.

Where the rules come from:
- Law 55-19, art. 16: a decision within the deadline the texts set (60 days at most,
  30 for investment acts; the caps are checked at publication, ``procedures.law``).
- Decrees 2.22.141 and 2.22.387: the acts where silence means approval, each with its
  own period; decree 2.22.386: one extension, for an expertise or a public inquiry.
- The law allows further documents to be asked for only once: one incompleteness.
- What the texts found leave open, issue #5 settles as conventions: calendar or
  working days and suspend or restart are stored per procedure; the filing day is
  not counted; a deadline of N days ends at the end of day N; a suspension gives
  back every day from the declaration to the complement, both included; a deadline
  ending on a non-working day moves to the next working day.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import Calendar

CALENDAR_DAYS, WORKING_DAYS = "calendar", "working"
DAY_UNITS = (CALENDAR_DAYS, WORKING_DAYS)
SILENCE_MEANINGS = ("approval", "refusal", "none")
SUSPEND, RESTART = "suspend", "restart"
ON_INCOMPLETE = (RESTART, SUSPEND)
EXTENSION_REASONS = ("expertise", "public_inquiry")  # decree 2.22.386
OPEN, WAITING, DECIDED = "open", "waiting_for_citizen", "decided"
TACITLY_APPROVED, IMPLICITLY_REFUSED = "tacitly_approved", "implicitly_refused"
ONE_DAY = timedelta(days=1)


class ClockError(ValueError):
    """Events the clock cannot accept; ``code`` keys a translated message."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ClockRules:
    """What a procedure version says about time (issue #5, "the catalogue version carries")."""

    days: int  # the deadline (Law 55-19 art. 16 and the decrees, per act)
    unit: str  # CALENDAR_DAYS or WORKING_DAYS: the texts do not say, so each procedure does
    silence: str = "none"  # what silence means at the end: approval, refusal or none
    silence_days: int | None = None  # after how long silence takes effect; default: the deadline
    extension_days: int | None = None  # one extension of this many days (decree 2.22.386); None: not allowed
    on_incomplete: str = RESTART  # what the complement does to the clock: SUSPEND or RESTART (issue #5 default)

    def __post_init__(self):
        if self.days < 0:
            raise ValueError("the deadline cannot be negative")
        if self.unit not in DAY_UNITS:
            raise ValueError(f"unit must be {CALENDAR_DAYS!r} or {WORKING_DAYS!r}, not {self.unit!r}")
        if self.silence not in SILENCE_MEANINGS:
            raise ValueError(f"silence must be one of {SILENCE_MEANINGS}, not {self.silence!r}")
        if self.silence_days is not None and self.silence_days < self.days:
            raise ValueError("silence cannot take effect before the administration's deadline has run out")
        if self.extension_days is not None and self.extension_days <= 0:
            raise ValueError("an extension must add at least one day")
        if self.on_incomplete not in ON_INCOMPLETE:
            raise ValueError(f"on_incomplete must be {SUSPEND!r} or {RESTART!r}, not {self.on_incomplete!r}")

    @property
    def silence_period(self):
        return self.days if self.silence_days is None else self.silence_days


@dataclass(frozen=True)
class Extension:
    on: date
    reason: str  # "expertise" or "public_inquiry"

    def __post_init__(self):
        if self.reason not in EXTENSION_REASONS:
            raise ValueError(f"an extension is for {' or '.join(EXTENSION_REASONS)}, not {self.reason!r}")


@dataclass(frozen=True)
class Events:
    """The dates of a request's events that move the clock (at most one of each: the law's "once").

    The clock reads dates, not the order in which events were stored. Dates that
    contradict each other raise ``ClockError`` here; dates that contradict the
    rules (too late) raise it in ``deadline``.
    """

    filed_on: date
    incomplete_on: date | None = None
    complemented_on: date | None = None
    extension: Extension | None = None
    decided_on: date | None = None

    def __post_init__(self):
        if self.complemented_on and not self.incomplete_on:
            raise ClockError("complement_without_incompleteness", "a complement needs a declaration of incompleteness")
        if self.complemented_on and self.complemented_on < self.incomplete_on:
            raise ClockError("complement_before_incompleteness",
                             "the complement cannot be recorded before the file was declared incomplete")
        for name, day in self._dated():
            if day < self.filed_on:
                raise ClockError("before_filing", f"{name} ({day}) is dated before the filing ({self.filed_on})")
            if self.decided_on and name != "decision" and day > self.decided_on:
                raise ClockError("after_decision", f"{name} ({day}) is dated after the decision ({self.decided_on})")

    def _dated(self):
        pairs = [("incompleteness", self.incomplete_on), ("complement", self.complemented_on),
                 ("extension", self.extension and self.extension.on), ("decision", self.decided_on)]
        return [(name, day) for name, day in pairs if day]

    def as_of(self, today: date) -> "Events":
        """The events known at the end of ``today``: later ones are dropped."""
        def known(day):
            return day if day and day <= today else None
        return Events(self.filed_on, known(self.incomplete_on), known(self.complemented_on),
                      self.extension if self.extension and self.extension.on <= today else None,
                      known(self.decided_on))


@dataclass(frozen=True)
class Deadline:
    """The clock's answer: ``due`` is the last day to decide (None while waiting for the citizen);
    ``silence_due`` the last day of the silence period, which takes effect the day after.

    ``steps`` explain the computation, in order, for the tracking page:
    ("filed", day) · ("declared_incomplete", day) · ("waiting_for_citizen", since) ·
    ("paused", first, last, days) · ("restarted", day) · ("extended", day, days, reason) ·
    ("moved_to_working_day", from_day, to_day, DayOff) · ("due", day) · ("silence", day, meaning).
    Counts of days are in ``unit``.
    """

    unit: str
    due: date | None
    silence: str
    silence_due: date | None
    steps: tuple

    @property
    def silence_takes_effect(self) -> date | None:
        """The day silence decides (the start of the day after the period); None where it decides nothing."""
        return self.silence_due + ONE_DAY if self.silence_due and self.silence != "none" else None


@dataclass(frozen=True)
class Status:
    state: str  # OPEN, WAITING, DECIDED, TACITLY_APPROVED or IMPLICITLY_REFUSED
    days_left: int | None  # until ``due``, in the deadline's unit: 0 on the due day, negative once overdue
    deadline: Deadline


def _counts(calendar: Calendar, unit, day):
    return unit == CALENDAR_DAYS or calendar.is_working_day(day)


def count_forward(calendar: Calendar, unit, start: date, days: int) -> date:
    """The day on which the ``days``-th counted day after ``start`` falls; ``start`` is not counted.

    Issue #5: "the filing day is not counted (day 1 is the next day) and a deadline of N
    days ends at the end of day N"; in working days, only working days count. ``days``
    = 0 gives ``start`` itself (a decision on the spot).
    """
    day = start
    while days:
        day += ONE_DAY
        days -= _counts(calendar, unit, day)
    return day


def count_between(calendar: Calendar, unit, first: date, last: date) -> int:
    """How many counted days there are from ``first`` to ``last``, both included."""
    return sum(_counts(calendar, unit, first + ONE_DAY * i) for i in range((last - first).days + 1))


def _raw_end(rules, calendar, events, days):
    """The last counted day of a period of ``days`` (plus the extension), before the move to a working day.

    Restart (issue #5 default): the full period runs again from the complement, that day
    not counted. Suspend: the days still left at the declaration of incompleteness, the
    declaration day included, run again after the complement; this is "every day from
    the declaration to the complement, both included, added back", in the unit of the
    deadline. Two readings of that rule are settled here: a declaration on the filing
    day gives back nothing for that day, which was never counted (so suspend equals
    restart); a declaration on a day the deadline had already reached only by moving to
    a working day leaves exactly one day, the day of the declaration, to run again (none
    for a decision on the spot, which is then due the day the complement is recorded).
    """
    unit, ext = rules.unit, events.extension
    extra = rules.extension_days if ext else 0
    a, b = events.incomplete_on, events.complemented_on
    if a is None:
        return count_forward(calendar, unit, events.filed_on, days + extra)
    if rules.on_incomplete == RESTART:
        return count_forward(calendar, unit, b, days + extra)
    extra_before = extra if ext and ext.on <= a else 0
    end_before = count_forward(calendar, unit, events.filed_on, days + extra_before)
    first = max(a, events.filed_on + ONE_DAY)
    left = count_between(calendar, unit, first, end_before) if a <= end_before else min(1, days + extra_before)
    return count_forward(calendar, unit, b, left + extra - extra_before)


def _due(rules, calendar, events, days=None):
    return calendar.working_day_from(_raw_end(rules, calendar, events, rules.days if days is None else days))


def _check_timing(rules, calendar, events):
    """Law 55-19: more documents are asked for "during processing", once; an extension is
    granted while the deadline runs, once, where the decrees allow it. So neither may come
    after the deadline in force on its own date (the due date itself is still in time)."""
    a, b, ext = events.incomplete_on, events.complemented_on, events.extension
    if a:
        due = _due(rules, calendar, Events(events.filed_on, extension=ext if ext and ext.on <= a else None))
        if a > due:
            raise ClockError("incomplete_after_due", f"the file cannot be declared incomplete on {a}: "
                             f"the deadline ran out on {due}")
    if not ext:
        return
    if rules.extension_days is None:
        raise ClockError("extension_not_allowed", "this procedure allows no extension")
    if a and a < ext.on and (b is None or ext.on <= b):
        return  # granted while the clock was stopped (on the declaration's own day, it counts as granted first)
    before = Events(events.filed_on, a, b) if a and ext.on > a else Events(events.filed_on)
    due = _due(rules, calendar, before)
    if ext.on > due:
        raise ClockError("extension_after_due", f"the deadline cannot be extended on {ext.on}: it ran out on {due}")


def deadline(rules: ClockRules, calendar: Calendar, events: Events, check_timing=True) -> Deadline:
    """The due date and the silence date of a request, with the steps that explain them.

    A deadline that ends on a non-working day moves to the next working day (issue #5),
    whether it counts calendar or working days; the silence period ends the same way.
    While the file waits for the citizen's complement the clock is stopped: no due date.
    Where silence means nothing ("none"), the period still ends (``silence_due``) but
    nothing takes effect (``silence_takes_effect`` is None).

    ``check_timing=False``: the caller has checked the timing of the events against the
    dates it stated before (a request's stated dates never move, issue 11).
    """
    if check_timing:
        _check_timing(rules, calendar, events)
    a, b, ext = events.incomplete_on, events.complemented_on, events.extension
    dated = [(events.filed_on, 0, ("filed", events.filed_on))]
    if a and b is None:
        dated.append((a, 2, ("waiting_for_citizen", a)))
    elif a and rules.on_incomplete == SUSPEND:
        paused = count_between(calendar, rules.unit, max(a, events.filed_on + ONE_DAY), b)
        dated.append((a, 2, ("paused", a, b, paused)))
    elif a:
        dated += [(a, 2, ("declared_incomplete", a)), (b, 3, ("restarted", b))]
    if ext:
        dated.append((ext.on, 1, ("extended", ext.on, rules.extension_days, ext.reason)))  # first on its day
    steps = [step for _, _, step in sorted(dated, key=lambda item: item[:2])]
    if a and b is None:
        return Deadline(rules.unit, None, rules.silence, None, tuple(steps))
    end = _raw_end(rules, calendar, events, rules.days)
    due = calendar.working_day_from(end)
    if due != end:
        steps.append(("moved_to_working_day", end, due, calendar.day_off(end)))
    silence_due = _due(rules, calendar, events, rules.silence_period)
    steps += [("due", due), ("silence", silence_due, rules.silence)]
    return Deadline(rules.unit, due, rules.silence, silence_due, tuple(steps))


def status(rules: ClockRules, calendar: Calendar, events: Events, today: date) -> Status:
    """Where a request stands at the end of ``today`` (a Moroccan date, passed in), from the
    events known by then and the clock; no scheduled job is needed.

    - A decision recorded by the end of the silence period decides the request.
    - Past the silence period with no decision by then: tacit approval where silence means
      approval, implicit refusal where it means refusal (the citizen may appeal). Either is
      a decision that fell first: a later answer does not replace it (issue 11). Where
      silence means nothing, the request stays open, overdue, until the administration answers.
    """
    if today < events.filed_on:
        raise ClockError("before_filing", f"{today} is before the filing ({events.filed_on})")
    known = events.as_of(today)
    clock = deadline(rules, calendar, known)
    lapsed = clock.silence_takes_effect is not None and (known.decided_on or today) >= clock.silence_takes_effect
    if lapsed and rules.silence == "approval":
        return Status(TACITLY_APPROVED, None, clock)
    if lapsed and rules.silence == "refusal":
        return Status(IMPLICITLY_REFUSED, None, clock)
    if known.decided_on:
        return Status(DECIDED, None, clock)
    if clock.due is None:
        return Status(WAITING, None, clock)
    return Status(OPEN, days_left(calendar, rules.unit, today, clock.due), clock)


def days_left(calendar: Calendar, unit, today: date, due: date) -> int:
    """Counted days after ``today`` up to ``due`` included: 0 on the due day, negative when overdue."""
    if today <= due:
        return count_between(calendar, unit, today + ONE_DAY, due)
    return -count_between(calendar, unit, due + ONE_DAY, today)
