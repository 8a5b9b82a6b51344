"""Telling the citizen, by e-mail when an address was given, of each step of the request."""
from flask import g
from flask_babel import force_locale
from flask_babel import gettext as _

from portal import links, mail
from portal.i18n import tr_plain

from .explain import event_sentence, request_silence_rule
from .models import FILED
from .numbers import display


def notify(request, event):
    """After the commit of ``event``: one message in the language the citizen filed in."""
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
        body = "\n\n".join([
            tr_plain(request.version.title), sentence,
            _("Follow your request with its number and the secret code printed on your receipt: %(link)s",
              link=link)])
    return mail.send(email, subject, body)
