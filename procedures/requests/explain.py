"""The request's story in plain words, in the reader's language: events and the clock's steps.

The same sentences serve the tracking page, the agent's page, the API and the notices, so a
citizen reads one story everywhere. Dates come from what was stored when they were stated.
"""
from datetime import date

from portal.i18n import format_date
from flask_babel import gettext as _

from portal.i18n import current_language, tr, tr_plain
from procedures.catalogue.wording import period, silence_date, silence_rule

from . import clock as request_clock
from .models import ACKNOWLEDGED, APPROVAL, COMPLEMENT, EXTENDED, FILED, INCOMPLETE, NOTE, REFUSAL


def day(value):
    return format_date(value, "long")


counted = period  # "30 days", "10 working days", "on the spot"


def request_silence_rule(request):
    version = request.version
    return silence_rule(request.silence, version.processing_days, version.day_unit, version.silence_days)


def stated_dates_sentence(request, event):
    """The dates a clock event stated, as they were stated (never recomputed)."""
    due, silence_on = request_clock.stated(request, event)
    if due is None:
        return None
    parts = [_("The administration must answer by %(date)s.", date=day(due))]
    if (falls := silence_date(request.silence, silence_on)) is not None:
        parts.append(falls)
    return " ".join(parts)


def refusal_ground(ground, plain=False):
    """The legal ground of a refusal as the citizen reads it."""
    if not ground:
        return None
    if ground["kind"] == "basis":
        return (tr_plain if plain else tr)(ground["title"])
    if ground["kind"] == "missing_document":
        return _("a document the procedure lists is missing")
    return ground["text"]


def state_name(state):
    return {"open": _("Being processed"), "waiting_for_citizen": _("Waiting for the citizen"),
            "approved": _("Approved"), "refused": _("Refused"), "tacitly_approved": _("Approved by silence"),
            "implicitly_refused": _("Refused by silence")}[state]


def appeal_route():
    return _("You may appeal to the administration's superior authority, and then to the administrative court.")


def document_names(request, ids):
    names = {document.id: tr_plain(document.name) for document in request.version.documents}
    return ", ".join(names.get(i, "?") for i in ids)


def event_sentence(request, event):
    if event.kind == FILED:
        return " ".join(filter(None, [_("Request filed online; the receipt was issued."),
                                      stated_dates_sentence(request, event)]))
    if event.kind == ACKNOWLEDGED:
        return _("The administration is examining your request.")
    if event.kind == INCOMPLETE:
        return _("Your file is incomplete. Missing: %(documents)s. Message: %(message)s",
                 documents=document_names(request, event.data["documents"]), message=event.data["message"])
    if event.kind == COMPLEMENT:
        received = _("The missing documents were received at the counter.") if event.data.get("at_counter") else \
            _("You sent the missing documents.")
        return " ".join(filter(None, [received, stated_dates_sentence(request, event)]))
    if event.kind == EXTENDED:
        reason = _("an expertise") if event.data["reason"] == "expertise" else _("a public inquiry")
        return " ".join(filter(None, [_("The deadline was extended once, for %(reason)s.", reason=reason),
                                      stated_dates_sentence(request, event)]))
    if event.kind == APPROVAL:
        return _("Your request was approved.")
    if event.kind == REFUSAL:
        ground = refusal_ground(event.data.get("ground"), plain=True)
        if ground:
            return " ".join([_("Your request was refused. Legal ground: %(ground)s. Explanation: %(reason)s",
                               ground=ground, reason=event.data["reason"]), appeal_route()])
        return " ".join([_("Your request was refused. Reason: %(reason)s", reason=event.data["reason"]),
                         appeal_route()])
    if event.kind == NOTE:
        return None  # notes are for the administration
    return fallen_sentence("tacitly_approved" if event.kind == "tacit_approval" else "implicitly_refused")


def fallen_sentence(state):
    if state == "tacitly_approved":
        return _("The administration did not answer in time: your request is approved by its silence.")
    return _("The administration did not answer in time: its silence is a refusal, which you may appeal.")


def clock_sentence(step, unit):
    """A stored step of the clock's explanation (``clock.state_dates``): dates as ISO days."""
    kind = step[0]
    if kind == "paused":
        return _("The clock was paused for %(days)s while waiting for your documents (%(first)s to %(last)s).",
                 days=counted(step[3], unit), first=day(_date(step[1])), last=day(_date(step[2])))
    if kind == "restarted":
        return _("The deadline started again in full on %(date)s.", date=day(_date(step[1])))
    if kind == "moved_to_working_day":
        names = step[3] or {}
        name = names.get(current_language()) or next(iter(names.values()), None)
        return _("The deadline fell on a non-working day (%(name)s); it moves to %(date)s.",
                 name=name or _("weekend"), date=day(_date(step[2])))
    if kind == "waiting_for_citizen":
        return _("The clock is stopped until the missing documents arrive.")
    return None


def _date(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def timeline(request, standing):
    """``(date, sentence)`` pairs, oldest first: what happened up to the standing's day, then how the
    clock was computed when the dates in force were stated."""
    story = [(event.on, sentence) for event in request.events
             if event.on <= standing.day and (sentence := event_sentence(request, event)) is not None]
    if standing.fallen and not any(event.kind in ("tacit_approval", "implicit_refusal") for event in request.events
                                   if event.on <= standing.day):
        story.append((standing.decided_on, fallen_sentence(standing.state)))  # fallen, not yet swept
    unit = request.version.day_unit
    story += [(_date(step[1]), sentence) for step in standing.steps
              if (sentence := clock_sentence(step, unit)) is not None]
    return sorted(story, key=lambda item: item[0])
