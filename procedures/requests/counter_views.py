"""The counter: an agent registers a deposit made in person, and prints the citizen's receipt on A4
or on the 80 mm receipt printer, in the citizen's language whatever the agent's (issue 12 §3)."""
import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import require_acts_for, role_required
from portal.auth.models import AGENT
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Procedure
from procedures.catalogue.queries import procedure_by_slug
from procedures.documents import render_pdf, render_roll_pdf
from procedures.offices.access import office_ids
from procedures.offices.models import Office

from . import counter, numbers, operations, staging
from .agent_views import own_request
from .notify import notify
from .papers import receipt_paper
from .views import identity_errors, read_identity, receive_files, verify_url

blueprint = Blueprint("counter", __name__, url_prefix="/<lang_code>/office/counter")
LANGUAGES = ("ar", "fr")

COUNTER_MESSAGES = {
    "deposit_time": lambda: _("Give the date and time of the deposit."),
    "deposit_in_future": lambda: _("The deposit cannot be in the future."),
    "deposit_too_old": lambda: _("A deposit is registered within three days of it."),
    "unlisted_document": lambda: _("Choose among the documents the procedure lists."),
}


@blueprint.get("/")
@role_required(AGENT)
def index():
    today = clock.today()
    procedures = db.session.scalars(sa.select(Procedure).filter_by(administration_id=current_user.administration_id)
                                    .order_by(Procedure.code)).all()
    in_force = [(p, p.version_on(today)) for p in procedures if p.version_on(today) is not None]
    return render_template("requests/counter_index.html", procedures=in_force)


def agent_offices():
    ids = office_ids(current_user)
    return db.session.scalars(sa.select(Office).where(Office.id.in_(ids)).order_by(Office.code)).all() if ids else []


def now_in_morocco():
    """The default deposit time: the portal's day, at the time of day it is now in Morocco."""
    return f"{clock.today().isoformat()}T{clock.now().strftime('%H:%M')}"


@blueprint.route("/<slug>", methods=["GET", "POST"])
@role_required(AGENT)
def file(slug):
    procedure = procedure_by_slug(slug) or abort(404)
    require_acts_for(procedure.administration_id)
    version = procedure.version_on(clock.today()) or abort(404)
    offices = agent_offices()
    submission = request.form.get("submission") or operations.new_idempotency_key()
    if not staging.SUBMISSION.match(submission):
        abort(400)
    identity, details = read_identity(request.form), request.form.get("details", "").strip()
    language = request.form.get("language") if request.form.get("language") in LANGUAGES else "ar"
    handed = {int(i) for i in request.form.getlist("handed_over") if i.isascii() and i.isdigit()}
    deposit = request.form.get("deposit", "") or now_in_morocco()
    errors, staged = {}, {}
    if request.method == "POST":
        done = operations.existing(submission)
        if done is None:
            errors = identity_errors(identity)
            staged, file_errors = receive_files(version, submission, required=[])
            errors.update({f"document-{k}" if isinstance(k, int) else k: v for k, v in file_errors.items()})
            office = next((o for o in offices if str(o.id) == request.form.get("office")), None) \
                if len(offices) > 1 else (offices[0] if offices else None)
            if len(offices) > 1 and office is None:
                errors["office"] = _("Choose the office where the deposit was made.")
            try:
                filed_at, filed_on = counter.deposit_time(deposit, clock.now(), clock.today())
            except counter.CounterRefused as refused:
                errors["deposit"] = COUNTER_MESSAGES[refused.code]()
        if done is None and not errors:
            try:
                done, _secret = counter.file_at_counter(current_user, procedure, version, identity, details[:4000],
                                                        language, submission, handed, staged, filed_at, filed_on,
                                                        office=office)
                operations.store_files(done, staged)
                notify(done, done.events[0])  # in the same transaction; delivered after the commit
                transaction.commit()
            except counter.CounterRefused as refused:
                db.session.rollback()
                errors["documents"] = COUNTER_MESSAGES[refused.code]()
                done = None
            except sa.exc.IntegrityError:  # the same form sent twice at once
                db.session.rollback()
                done = operations.existing(submission)
            else:
                operations.storage().delete_tree(f"staging/{submission}")
        if done is not None:
            return redirect(url_for(".receipt", number=done.number))
    return render_template("requests/counter.html", procedure=procedure, version=version, submission=submission,
                           identity=identity, details=details, language=language, handed=handed, deposit=deposit,
                           offices=offices, chosen_office=request.form.get("office", ""), errors=errors,
                           staged=staged), 400 if errors else 200


def secret_of(found):
    return numbers.tracking_secret(current_app.config["SECRET_KEY"], found.idempotency_key)


@blueprint.get("/receipts/<number>")
@role_required(AGENT)
def receipt(number):
    found = own_request(number)
    return render_template("requests/counter_receipt.html", request_=found, secret=secret_of(found))


@blueprint.get("/receipts/<number>/<paper>.pdf")
@role_required(AGENT)
def receipt_pdf(number, paper):
    """The citizen's receipt, in the language of the URL (the citizen's, linked from the receipt page)."""
    if paper not in ("a4", "80mm"):
        abort(404)
    found = own_request(number)
    render = render_pdf if paper == "a4" else render_roll_pdf
    data = render(receipt_paper(found, verify_url(found), secret_of(found)), created=found.filed_at)
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="receipt-{found.number}-{paper}.pdf"',
        "Cache-Control": "no-store"})
