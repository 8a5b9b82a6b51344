"""A report's handling in the citizen's words: what happened, when, by which body (never which agent)."""
from flask_babel import gettext as _

from .models import ACKNOWLEDGEMENT, ANSWER, CLOSING, FILED, FINDING


def outcome_labels():
    return {
        "withdrawn": _("The demand was withdrawn: you will not be asked for it."),
        "sheet_corrected": _("The sheet will be corrected to list it."),
        "listed": _("The demand is listed on the sheet in force that day (report unfounded)."),
        "other": _("Other outcome, explained below."),
    }


def event_sentence(event):
    """``(headline, the body's own words or None)``."""
    if event.kind == FILED:
        return _("Your report was received and sent to the administration and to the commission."), None
    if event.kind == ACKNOWLEDGEMENT:
        return _("The administration acknowledged your report."), None
    if event.kind == ANSWER:
        return (_("The administration answered: %(outcome)s", outcome=outcome_labels()[event.data["outcome"]]),
                event.data["response"])
    if event.kind == FINDING:
        return _("The national commission gave its finding."), event.data["text"]
    if event.kind == CLOSING:
        return _("The national commission closed the report."), event.data.get("text") or None
    raise ValueError(event.kind)


def timeline(report):
    """``[(when, headline, words)]``, oldest first."""
    return [(event.at, *event_sentence(event)) for event in report.events]
