"""The request's story in plain words, in the reader's language: events and the clock's steps."""
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from portal.i18n import current_language, tr_plain

from .models import ACKNOWLEDGED, APPROVAL, COMPLEMENT, EXTENDED, FILED, INCOMPLETE, NOTE, REFUSAL


def day(value):
    return format_date(value, "long")


def counted(days, unit):
    if unit == "working":
        return ngettext("%(num)d working day", "%(num)d working days", days)
    return ngettext("%(num)d day", "%(num)d days", days)


def document_names(request, ids):
    names = {document.id: tr_plain(document.name) for document in request.version.documents}
    return ", ".join(names.get(i, "?") for i in ids)


def event_sentence(request, event):
    if event.kind == FILED:
        return _("Request filed online; the receipt was issued.")
    if event.kind == ACKNOWLEDGED:
        return _("The administration is examining your request.")
    if event.kind == INCOMPLETE:
        return _("Your file is incomplete. Missing: %(documents)s. Message: %(message)s",
                 documents=document_names(request, event.data["documents"]), message=event.data["message"])
    if event.kind == COMPLEMENT:
        return _("The missing documents were received at the counter.") if event.data.get("at_counter") else \
            _("You sent the missing documents.")
    if event.kind == EXTENDED:
        reason = _("an expertise") if event.data["reason"] == "expertise" else _("a public inquiry")
        return _("The deadline was extended once, for %(reason)s.", reason=reason)
    if event.kind == APPROVAL:
        return _("Your request was approved.")
    if event.kind == REFUSAL:
        return _("Your request was refused. Reason: %(reason)s", reason=event.data["reason"])
    if event.kind == NOTE:
        return None  # notes are for the administration
    if event.kind == "tacit_approval":
        return _("The administration did not answer in time: your request is approved by its silence.")
    return _("The administration did not answer in time: its silence is a refusal, which you may appeal.")


def clock_sentence(step, unit):
    kind = step[0]
    if kind == "paused":
        return _("The clock was paused for %(days)s while waiting for your documents (%(first)s to %(last)s).",
                 days=counted(step[3], unit), first=day(step[1]), last=day(step[2]))
    if kind == "restarted":
        return _("The deadline started again in full on %(date)s.", date=day(step[1]))
    if kind == "moved_to_working_day":
        name = step[3].name(current_language()) if step[3] else None
        return _("The deadline fell on a non-working day (%(name)s); it moves to %(date)s.",
                 name=name or _("weekend"), date=day(step[2]))
    if kind == "waiting_for_citizen":
        return _("The clock is stopped until the missing documents arrive.")
    return None


def timeline(request, status):
    """``(date, sentence)`` pairs, oldest first: what happened, then how the clock was computed."""
    story = [(event.on, sentence) for event in request.events
             if (sentence := event_sentence(request, event)) is not None]
    unit = status.deadline.unit
    story += [(step[1], sentence) for step in status.deadline.steps
              if (sentence := clock_sentence(step, unit)) is not None]
    return sorted(story, key=lambda item: item[0])
