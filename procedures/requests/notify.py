"""Telling the citizen, by e-mail when an address was given, of each step of the request.

``notify`` writes the notice into the outbox in the transaction of the event (call it before the
commit); it is delivered after the commit (``procedures.notices``)."""
from flask import g
from flask_babel import force_locale
from flask_babel import gettext as _

from portal import links
from portal.extensions import db
from procedures.notices import outbox
from portal.i18n import tr_plain

from .explain import event_sentence, request_silence_rule
from .models import FILED
from .numbers import display


def notify(request, event):
    """With ``event``, before its commit: one message in the language the citizen filed in."""
    email = request.applicant.get("email")
    if not email:
        return False
    previous, g.lang = g.get("lang"), request.language  # texts of the catalogue in the citizen's language too
    try:
        return _send(request, event, email)
    finally:
        g.lang = previous


def _send(request, event, email):
    with force_locale(request.language):
        sentence = event_sentence(request, event)
        if sentence is None:  # internal notes are not sent
            return False
        if event.kind == FILED:  # the receipt's promise, in the same words
            sentence = " ".join([sentence, request_silence_rule(request)])
        subject = _("Your request %(number)s", number=display(request.number))
        link = links.external("requests.track", lang_code=request.language)
        office = [f"{tr_plain(request.office.name)} — {tr_plain(request.office.address)}"] if request.office else []
        body = "\n\n".join([
            tr_plain(request.version.title), *office, sentence,
            _("Follow your request with its number and the secret code printed on your receipt: %(link)s",
              link=link)])
    db.session.flush()  # the event's id names the notice
    return outbox.record(f"request-event:{event.id}", email, request.language, subject, body)
