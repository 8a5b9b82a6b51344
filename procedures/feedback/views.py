""""Was this page useful?" on every sheet: a plain form, then an optional comment.

Neither form carries a CSRF token, on purpose: the sheet is public, light and kept by the service
worker for offline reading, so a token embedded in it would go stale and would open a session for
every reader. A forged vote changes no account and no procedure; the forms are rate-limited per
address and honeypotted, and the comment is accepted only with the signed ticket of a vote.
"""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal import transaction
from portal.extensions import csrf, db, limiter
from procedures.catalogue.queries import procedure_by_slug

from . import operations
from .models import Feedback

blueprint = Blueprint("feedback", __name__, url_prefix="/<lang_code>/procedures/<slug>/feedback")
HONEYPOT = "website"
MAX_COMMENT = 1000
TICKET_AGE = 24 * 3600  # a comment may follow its vote within a day


def tickets():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="feedback")


def voted(slug, ticket):
    """The vote a ticket was given for, on this procedure, or None."""
    try:
        feedback_id = tickets().loads(ticket, max_age=TICKET_AGE)
    except BadSignature:
        return None
    found = db.session.get(Feedback, feedback_id) if isinstance(feedback_id, int) else None
    return found if found is not None and found.version.procedure.slug == slug else None


@blueprint.post("")
@csrf.exempt
@limiter.limit("20 per hour")
def vote(slug):
    procedure = procedure_by_slug(slug) or abort(404)
    number = request.form.get("version", "")
    version = next((v for v in procedure.versions if str(v.number) == number), None)
    useful = {"yes": True, "no": False}.get(request.form.get("useful"))
    if version is None or useful is None or request.form.get(HONEYPOT):
        abort(400)
    found = operations.vote(procedure, version, useful)
    transaction.commit()
    return redirect(url_for(".thanks", slug=slug, ticket=tickets().dumps(found.id)), 303)


@blueprint.get("/thanks")
def thanks(slug):
    found = voted(slug, request.args.get("ticket", "")) or abort(404)
    return render_template("reports/feedback_thanks.html", feedback=found, ticket=request.args["ticket"],
                           comment="", error=None, limit=MAX_COMMENT)


@blueprint.post("/comment")
@csrf.exempt
@limiter.limit("10 per hour")
def comment(slug):
    ticket = request.form.get("ticket", "")
    found = voted(slug, ticket)
    if found is None or request.form.get(HONEYPOT):
        abort(400)
    text, error = request.form.get("comment", "").strip(), None
    if not text:
        error = _("Write your comment, or simply leave this page.")
    elif len(text) > MAX_COMMENT:
        error = _("At most %(num)d characters, please shorten.", num=MAX_COMMENT)
    elif operations.add_comment(found, text):  # one comment per vote; sending it again changes nothing
        transaction.commit()
    return render_template("reports/feedback_thanks.html", feedback=found, ticket=ticket, comment=text,
                           error=error, limit=MAX_COMMENT, done=error is None), 400 if error else 200
