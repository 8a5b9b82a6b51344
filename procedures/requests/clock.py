"""The bridge between a stored request and the legal clock (``procedures.deadlines``).

Stated dates are frozen (issue 11, item 2). The due date and the day silence takes
effect are computed once, with the calendar of that day, when they are stated: at
filing (the receipt), and when an event legitimately changes them (incompleteness,
complement, extension). They are stored in that event's ``data`` (and copied onto
the request's columns, for lists and the sweep). Nothing recomputes them later: a
change of the calendar overlay, of the ``holidays`` package or of the procedure
applies to dates computed from then on.

The standing of a request on a day is derived from those stored facts and the day
alone (``standing``): a silence that took effect is a decision whether or not the
sweep has recorded it yet, so the tracking page, the API, the agent's screens and the
certificate agree on the day it falls.
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from procedures import clock, deadlines, silence
from procedures.calendar import Calendar

from .models import (APPROVAL, APPROVED, COMPLEMENT, EXTENDED, FILED, IMPLICIT_REFUSAL, IMPLICITLY_REFUSED,
                     INCOMPLETE, OPEN, REFUSAL, REFUSED, TACIT_APPROVAL, TACITLY_APPROVED, WAITING, CalendarDay,
                     Request)

CLOCK_EVENTS = (FILED, INCOMPLETE, COMPLEMENT, EXTENDED)  # the events that state dates
EXPLAINED_STEPS = ("paused", "restarted", "moved_to_working_day", "waiting_for_citizen")
FALLEN = (TACITLY_APPROVED, IMPLICITLY_REFUSED)

_calendars = {}


def calendar():
    """Morocco's working days: the holidays package with the administrators' overlay
    (``CalendarDay``). Rebuilt when the overlay changes; otherwise shared by requests."""
    stamp = db.session.execute(sa.select(sa.func.count(CalendarDay.id), sa.func.max(CalendarDay.updated_at))).one()
    if stamp not in _calendars:
        rows = db.session.scalars(sa.select(CalendarDay)).all()
        _calendars.clear()
        _calendars[stamp] = Calendar(added={r.day: r.label for r in rows if r.kind == "off"},
                                     removed={r.day: r.label for r in rows if r.kind == "worked"})
    return _calendars[stamp]


def rules_for(version):
    return deadlines.ClockRules(
        days=version.processing_days, unit=version.day_unit, silence=version.silence,
        silence_days=version.silence_days, extension_days=version.extension_days,
        on_incomplete=version.on_incomplete)


def _first(events, kind):
    return next((event for event in events if event.kind == kind), None)


def events_for(request):
    events = request.events
    incomplete, complement = _first(events, INCOMPLETE), _first(events, COMPLEMENT)
    extension = _first(events, EXTENDED)
    decision = _first(events, APPROVAL) or _first(events, REFUSAL)
    return deadlines.Events(
        filed_on=request.filed_on,
        incomplete_on=incomplete.on if incomplete else None,
        complemented_on=complement.on if complement else None,
        extension=deadlines.Extension(extension.on, extension.data["reason"]) if extension else None,
        decided_on=decision.on if decision else None,
    )


def _step_data(step):
    """A step of the clock's explanation as JSON (dates as ISO days, a day off as its names)."""
    kind, *rest = step
    if kind == "moved_to_working_day":
        return [kind, rest[0].isoformat(), rest[1].isoformat(), dict(rest[2].names) if rest[2] else None]
    return [kind, *[value.isoformat() if isinstance(value, date) else value for value in rest]]


def state_dates(request, event, today=None):
    """Compute, with today's calendar, the dates ``event`` states, and store them with it and on the request.

    Called once, when a clock event is recorded; the caller has checked its timing against the dates
    stated before (``check_timing=False``: a calendar changed since must not make it late or early)."""
    computed = deadlines.deadline(rules_for(request.version), calendar(), events_for(request), check_timing=False)
    event.data = {**event.data,
                  "due_on": computed.due.isoformat() if computed.due else None,
                  "silence_on": (computed.silence_takes_effect.isoformat()
                                 if computed.silence_takes_effect and silence.takes_effect(request.silence) else None),
                  "steps": [_step_data(step) for step in computed.steps if step[0] in EXPLAINED_STEPS]}
    request.due_on, request.silence_on = stated(request, event)


def _day(value):
    return date.fromisoformat(value) if value else None


def stated(request, event):
    """``(due_on, silence_on)`` as stated by a clock event. Events recorded before dates were kept with
    them (issue 11) fall back on the signed receipt (filing) or the request's stored columns."""
    if "due_on" in event.data:
        return _day(event.data["due_on"]), _day(event.data["silence_on"])
    if event.kind == INCOMPLETE:
        return None, None
    if event.kind == FILED and request.receipt:
        return _day(request.receipt.get("due_on")), _day(request.receipt.get("silence_on"))
    return request.due_on, request.silence_on


@dataclass(frozen=True)
class Standing:
    """Where a request stands at the end of ``day``, from its stored facts alone."""

    day: date
    state: str  # one of models.STATES
    silence: str  # what silence means under the governing version
    due: date | None  # the due date in force, as stated (None while waiting for the citizen)
    silence_on: date | None  # the day silence takes effect, as stated (None if it decides nothing)
    decided_on: date | None  # the day of the decision, the administration's or silence's
    days_left: int | None  # until ``due``, in the deadline's unit; negative once overdue
    steps: tuple  # the clock's explanation, as stored with the last clock event

    @property
    def fallen(self):
        return self.state in FALLEN


def standing(request, day=None):
    day = day or clock.today()
    known = [event for event in request.events if event.on <= day]
    meaning = request.silence
    last_clock = [event for event in known if event.kind in CLOCK_EVENTS]
    due, silence_on = stated(request, last_clock[-1]) if last_clock else (request.due_on, request.silence_on)
    if not silence.takes_effect(meaning):
        silence_on = None
    steps = tuple(tuple(step) for step in last_clock[-1].data.get("steps", ())) if last_clock else ()
    decision = _first(known, APPROVAL) or _first(known, REFUSAL)
    recorded = _first(known, TACIT_APPROVAL) or _first(known, IMPLICIT_REFUSAL)
    waiting = _first(known, INCOMPLETE) is not None and _first(known, COMPLEMENT) is None

    def made(state, on):
        return Standing(day, state, meaning, due, silence_on, on, None, steps)

    if recorded is not None:  # recorded by the sweep: final, whatever came after (issue 11, item 2)
        return made(TACITLY_APPROVED if recorded.kind == TACIT_APPROVAL else IMPLICITLY_REFUSED, recorded.on)
    if silence_on and not waiting and day >= silence_on and (decision is None or decision.on >= silence_on):
        return made(silence.FALLEN_STATE[meaning], silence_on)
    if decision is not None:
        return made(APPROVED if decision.kind == APPROVAL else REFUSED, decision.on)
    if waiting:
        return Standing(day, WAITING, meaning, None, None, None, None, steps)
    left = deadlines.days_left(calendar(), request.version.day_unit, day, due) if due else None
    return Standing(day, OPEN, meaning, due, silence_on, None, left, steps)


def refresh(request, today=None):
    """Store the state recorded by the events, for lists (a silence is recorded by the sweep)."""
    current = standing(request, today)
    if not current.fallen or request.state not in (OPEN, WAITING):
        request.state = current.state
    return current


def state_sql(today):
    """The state of each request on ``today`` in SQL, equal to ``standing(...).state``: the stored state,
    except for an open request whose silence took effect but has not been swept yet."""
    fallen = sa.and_(Request.state == OPEN, Request.silence_on <= today)
    return sa.case(
        (sa.and_(fallen, Request.silence == silence.APPROVAL), TACITLY_APPROVED),
        (sa.and_(fallen, Request.silence == silence.REFUSAL), IMPLICITLY_REFUSED),
        else_=Request.state)
