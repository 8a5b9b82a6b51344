"""Telling the citizen by e-mail, when they gave an address, that their report was answered or closed."""
from flask_babel import force_locale
from flask_babel import gettext as _

from portal import links
from portal.extensions import db
from procedures.notices import outbox
from procedures.requests.numbers import display

from .explain import event_sentence
from .models import ANSWER, CLOSING, FINDING


def notify(report, event):
    """With ``event``, before its commit (the outbox delivers it after). False when there is nobody to tell."""
    if report.email is None or event.kind not in (ANSWER, FINDING, CLOSING):
        return False
    with force_locale(report.language):
        headline, words = event_sentence(event)
        subject = _("Your report %(number)s", number=display(report.number))
        link = links.external("reports.track", lang_code=report.language)
        body = "\n\n".join([headline, *([words] if words else []), _(
            "Follow your report with its number and the secret code shown when you sent it: %(link)s", link=link)])
    db.session.flush()
    return outbox.record(f"report-event:{event.id}", report.email, report.language, subject, body)
