"""The citizen's side: report an unlisted demand from a sheet (or from a request), get a number, follow it."""
import re

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import transaction
from portal.extensions import db, limiter
from portal.i18n import current_language
from procedures import clock
from procedures.catalogue.queries import procedure_by_slug
from procedures.requests import numbers
from procedures.requests.operations import new_idempotency_key
from procedures.requests.proof import REQUESTS, Proofs

from . import form, operations, place as places
from .explain import timeline
from .models import KINDS, Report

blueprint = Blueprint("reports", __name__, url_prefix="/<lang_code>")
proofs = Proofs(Report, "reports")
SUBMISSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


PLACE_MESSAGES = {
    "unknown": lambda text: _("No commune is called “%(text)s”. Check the spelling, or type the commune where "
                              "the office is.", text=text),
    "ambiguous": lambda text: _("Several communes match “%(text)s”: choose yours in the list.", text=text),
}


def kind_labels():
    return dict(zip(KINDS, (_("A document"), _("A fee"), _("A step"), _("A delay"), _("Something else")),
                    strict=True))


def related_request(procedure, number):
    """The citizen's own request on this procedure, when the report comes from its tracking page."""
    found = REQUESTS.accessible(number) if number else None
    return found if found is not None and found.procedure_id == procedure.id else None


@blueprint.route("/procedures/<slug>/report", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def new(slug):
    procedure = procedure_by_slug(slug) or abort(404)
    submission = request.form.get("submission") or new_idempotency_key()
    if not SUBMISSION.match(submission):
        abort(400)
    about = related_request(procedure, request.values.get("request", ""))
    values, errors = form.read(request.form), {}
    place = places.read(request.form, values, procedure, about, posted=request.method == "POST")
    if request.method == "POST":
        done = operations.existing(submission)
        if done is None and request.form.get(form.HONEYPOT):
            errors["form"] = _("Your report could not be recorded. Please try again.")
        elif done is None:
            facts, version, errors = form.check(values, procedure)
            if about is not None:  # made from a request: about the version that governs it, for its whole life
                version = about.version
            if place.problem in PLACE_MESSAGES and "town" not in errors:
                errors["town"] = PLACE_MESSAGES[place.problem](place.text)
            if not errors:
                try:
                    done, _secret = operations.file_report(procedure, version, facts, current_language(),
                                                           submission, about, place.office)
                    transaction.commit()
                except sa.exc.IntegrityError:  # the same submission, sent twice at once
                    db.session.rollback()
                    done = operations.existing(submission)
        if done is not None:
            secret = numbers.tracking_secret(current_app.config["SECRET_KEY"], f"report:{submission}")
            proofs.remember(done.number, secret)
            return redirect(url_for(".confirmation", number=done.number))
    version = about.version if about is not None else procedure.version_on(clock.today())
    return render_template("reports/form.html", procedure=procedure, version=version,
        about=about, submission=submission, values=values, errors=errors, place=place,
        kinds=kind_labels(), limits=form.LIMITS, today=clock.today()), 400 if errors else 200


@blueprint.get("/reports/<number>/confirmation")
def confirmation(number):
    found = proofs.accessible(number) or abort(404)
    return render_template("reports/confirmation.html", report=found, kinds=kind_labels(),
                           secret=proofs.secret(number))


@blueprint.route("/reports/follow", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def track():
    error, typed = None, ""
    if request.method == "POST":
        typed = request.form.get("number", "")[:40]
        found = proofs.open(request.form.get("number", ""), request.form.get("secret", ""))
        if found:
            return redirect(url_for(".follow", number=found.number))
        error = _("No report matches this number and secret code. Check both on your confirmation.")
    return render_template("reports/track.html", error=error, number=typed), 400 if error else 200


@blueprint.get("/reports/<number>")
def follow(number):
    found = proofs.accessible(number) or abort(404)
    return render_template("reports/follow.html", report=found, kinds=kind_labels(), steps=timeline(found))
