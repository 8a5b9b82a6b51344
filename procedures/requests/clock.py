"""The bridge between a stored request and the pure deadline clock (``procedures.deadlines``)."""
import sqlalchemy as sa

from portal.extensions import db
from procedures import clock, deadlines
from procedures.calendar import Calendar

from .models import (
    APPROVAL,
    APPROVED,
    COMPLEMENT,
    EXTENDED,
    INCOMPLETE,
    OPEN,
    REFUSAL,
    REFUSED,
    TACIT_APPROVAL,
    TACITLY_APPROVED,
    WAITING,
    CalendarDay,
)

STATE_OF_CLOCK = {deadlines.OPEN: OPEN, deadlines.WAITING: WAITING, deadlines.TACITLY_APPROVED: TACITLY_APPROVED,
                  deadlines.IMPLICITLY_REFUSED: "implicitly_refused"}


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


def _first(request, kind):
    found = request.events_of(kind)
    return found[0] if found else None


def events_for(request):
    incomplete, complement = _first(request, INCOMPLETE), _first(request, COMPLEMENT)
    extension = _first(request, EXTENDED)
    decision = _first(request, APPROVAL) or _first(request, REFUSAL)
    return deadlines.Events(
        filed_on=request.filed_on,
        incomplete_on=incomplete.on if incomplete else None,
        complemented_on=complement.on if complement else None,
        extension=deadlines.Extension(extension.on, extension.data["reason"]) if extension else None,
        decided_on=decision.on if decision else None,
    )


def status(request, today=None, events=None):
    return deadlines.status(rules_for(request.version), calendar(), events or events_for(request),
                            today or clock.today())


def refresh(request, today=None):
    """Store the derived state and dates, for lists and the sweep."""
    current = status(request, today)
    if _first(request, APPROVAL):
        request.state = APPROVED
    elif _first(request, REFUSAL):
        request.state = REFUSED
    elif _first(request, TACIT_APPROVAL):
        request.state = TACITLY_APPROVED
    else:
        request.state = STATE_OF_CLOCK.get(current.state, request.state)
    request.due_on = current.deadline.due
    request.silence_on = current.deadline.silence_takes_effect
    return current
