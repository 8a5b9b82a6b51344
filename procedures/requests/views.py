"""The citizen's side: file a request, get the receipt, track it, send what is missing, verify."""
import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import addresses, links, transaction
from portal.extensions import db, limiter
from portal.i18n import current_language
from procedures import clock
from procedures.catalogue.models import ONLINE_MATURITY
from procedures.catalogue.queries import procedure_by_slug
from procedures.documents import qr_svg, render_pdf
from procedures.offices import choice


from . import identity as idnumbers
from . import clock as request_clock
from . import conditions, numbers, operations, receipts, staging, storage, uploads
from .explain import timeline
from .models import TACITLY_APPROVED, WAITING, Request
from .notify import notify
from .papers import certificate_paper, receipt_paper
from .proof import REQUESTS

blueprint = Blueprint("requests", __name__, url_prefix="/<lang_code>")
proofs = REQUESTS

UPLOAD_MESSAGES = {
    "empty": lambda p: _("This file is empty."),
    "too_large": lambda p: _("This file is larger than %(limit)s MB.", limit=p["limit"]),
    "wrong_type": lambda p: _("Only PDF, JPEG or PNG files are accepted; this file is none of them."),
    "missing": lambda p: _("This document is required."),
    "request_too_large": lambda p: _("Together, the files are larger than %(limit)s MB.", limit=p["limit"]),
    "over_cap": lambda p: _("This file was not kept: too many files sent from your connection are waiting for "
                            "forms not yet accepted. Finish a form you started, or try again tomorrow."),
}


PLACE_MESSAGES = {
    "missing": lambda text: _("Type the name of the commune."),
    "unknown": lambda text: _("No commune is called “%(text)s”. Check the spelling, or type its first letters "
                              "and press “Find the commune”.", text=text),
    "ambiguous": lambda text: _("Several communes match “%(text)s”: choose yours in the list.", text=text),
    "no_office": lambda text: _("This administration has no office for this commune yet; choose a nearby one."),
}


def online_version(slug):
    procedure = procedure_by_slug(slug) or abort(404)
    version = procedure.version_on(clock.today()) or abort(404)
    if version.maturity < ONLINE_MATURITY:
        abort(404)
    return procedure, version


def read_identity(form):
    return {name: form.get(name, "").strip()[:200] for name in ("name", "cin", "phone", "email")}


def identity_errors(identity):
    errors = {}
    if not identity["name"]:
        errors["name"] = _("Give your full name.")
    if idnumbers.cnie(identity["cin"]):
        identity["cin"] = idnumbers.cnie(identity["cin"])
    else:
        errors["cin"] = _("Give the number of your national identity card (CNIE): one or two letters, then "
                          "digits, as in BK123456.")
    if identity["phone"] and idnumbers.phone(identity["phone"]):
        identity["phone"] = idnumbers.phone(identity["phone"])
    elif identity["phone"]:
        errors["phone"] = _("This telephone number is not valid: write it as 06 12 34 56 78, or +212 6 12 34 56 78 "
                            "(from abroad, with the country code).")
    if not identity["phone"] and not identity["email"]:
        errors["contact"] = _("Give a telephone number or an e-mail address, so that the administration can reach you.")
    if identity["email"]:
        try:
            identity["email"] = addresses.one_address(identity["email"])
        except addresses.NotAnAddress:
            errors["email"] = _("Give one e-mail address only, such as name@example.ma: "
                                "no list, no name before it, no line break.")
    return errors


def receive_files(version, submission, required=None, optional=()):
    """Check and stage the files of the form; errors per document id. Staged files are kept for a retry.
    ``required``: the documents that must be there (default: all); ``optional``: also taken if sent."""
    store, config = operations.storage(), current_app.config
    owner = staging.owner(config["SECRET_KEY"], request.remote_addr)
    errors = {}
    for document in version.documents:
        upload = request.files.get(f"document-{document.id}")
        if upload and upload.filename:
            try:
                checked = uploads.check(upload.filename, upload.read(current_app.config["MAX_FILE_BYTES"] + 1),
                                        current_app.config["MAX_FILE_BYTES"])
            except uploads.Rejected as rejected:
                errors[document.id] = UPLOAD_MESSAGES[rejected.code](rejected.params)
                continue
            try:
                staging.check_cap(store, owner, len(checked.data), config["STAGING_BYTES_PER_ADDRESS"],
                                  config["STAGING_BYTES_TOTAL"])
            except staging.OverCap:
                errors[document.id] = UPLOAD_MESSAGES["over_cap"]({})
                continue
            staging.stage(store, submission, document.id, checked, owner)
    wanted = [d.id for d in version.documents] if required is None else required
    staged = staging.staged_files(store, submission, [*wanted, *optional])
    for document_id in wanted:
        if document_id not in staged and document_id not in errors:
            errors[document_id] = UPLOAD_MESSAGES["missing"]({})
    total = sum(file.size for file in staged.values())
    if total > current_app.config["MAX_REQUEST_BYTES"]:
        errors["total"] = UPLOAD_MESSAGES["request_too_large"](
            {"limit": current_app.config["MAX_REQUEST_BYTES"] // (1024 * 1024)})
    return staged, errors


@blueprint.route("/procedures/<slug>/apply", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def apply(slug):
    procedure, version = online_version(slug)
    submission = request.form.get("submission") or operations.new_idempotency_key()
    if not staging.SUBMISSION.match(submission):
        abort(400)
    identity, details, errors, staged = read_identity(request.form), request.form.get("details", "").strip(), {}, {}
    finding = request.form.get("action") == "find"  # "find the commune": a round trip that files nothing
    place = choice.read(request.form, version, procedure.administration_id, posted=request.method == "POST")
    if request.method == "POST":
        try:
            done, errors, staged = file_once(procedure, version, submission, identity, details, place, finding)
        except (sa.exc.IntegrityError, storage.Missing):
            # An identical post (a double tap, a retry) was filed meanwhile: this one shares its
            # submission token, lost the race to commit, or found the staged files already cleared.
            db.session.rollback()
            done = operations.existing(submission)
            if done is None:
                raise
        if done is not None:
            proofs.remember(done.number, numbers.tracking_secret(current_app.config["SECRET_KEY"], submission))
            return redirect(url_for(".receipt", number=done.number))
    else:
        staged = {}
    status = 400 if errors else 200
    return render_template("requests/apply.html", procedure=procedure, version=version, submission=submission,
                           identity=identity, details=details, errors=errors, staged=staged, place=place), status


def file_once(procedure, version, submission, identity, details, place, finding=False):
    """``(request filed or None, errors, staged files)`` for a post of the apply form. ``finding``: the
    "find the commune" round trip, which keeps what was typed and uploaded and files nothing."""
    done = operations.existing(submission)
    if done is not None:
        return done, {}, {}
    errors = {} if finding else identity_errors(identity)
    required = conditions.required_ids(version)  # conditional documents: optional, condition shown
    staged, file_errors = receive_files(version, submission, required,
                                        [d.id for d in version.documents if d.id not in required])
    if not finding:
        errors.update({f"document-{k}" if isinstance(k, int) else k: v for k, v in file_errors.items()})
    if place.problem and not (finding and place.problem == "missing"):
        errors["place"] = PLACE_MESSAGES[place.problem](place.text)
    if errors or finding:  # files cleared by an identical post filed meanwhile read as missing: that post answers
        return operations.existing(submission), errors, staged
    done, _secret = operations.file_request(procedure, version, identity, details[:4000], current_language(),
                                            submission, staged, office=place.office)
    # The files reach their keys before the request is committed: a stored request always has all
    # its files (a crash in between leaves only unreferenced files).
    operations.store_files(done, staged)
    notify(done, done.events[0])  # in the same transaction (the outbox); delivered after the commit
    transaction.commit()
    operations.storage().delete_tree(f"staging/{submission}")
    return done, {}, staged


@blueprint.get("/requests/<number>/receipt")
def receipt(number):
    found = proofs.accessible(number) or abort(404)
    return render_template("requests/receipt.html", request_=found, secret=proofs.secret(number),
                           verify_url=verify_url(found), qr=receipt_qr(found), stated=receipts.stated_on_receipt(found))


def verify_url(found):
    return links.external("requests.verify", number=found.number, code=found.signature)


def receipt_qr(found):
    return qr_svg(verify_url(found))


def pdf_response(paper, name):
    return Response(render_pdf(paper), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


@blueprint.get("/requests/<number>/receipt.pdf")
def receipt_pdf(number):
    found = proofs.accessible(number) or abort(404)
    return pdf_response(receipt_paper(found, verify_url(found), proofs.secret(number)),
                        f"receipt-{found.number}")


def tacit_approval_day(found):
    """The day silence approved the request, from its stored facts: the same every day after (so the
    certificate verifies forever), whether or not the sweep has recorded it."""
    current = request_clock.standing(found)
    return current.decided_on if current.state == TACITLY_APPROVED else None


@blueprint.get("/requests/<number>/certificate.pdf")
def certificate(number):
    found = proofs.accessible(number) or abort(404)
    approved_on = tacit_approval_day(found) or abort(404)
    code = receipts.certificate_signature(found, approved_on)
    url = links.external("requests.verify_certificate", number=found.number, code=code)
    return pdf_response(certificate_paper(found, approved_on, url, code), f"tacit-approval-{found.number}")


@blueprint.get("/verify/<number>/tacit-approval")
def verify_certificate(number):
    found = db.session.scalar(sa.select(Request).filter_by(number=numbers.normalise(number) or number))
    approved_on = tacit_approval_day(found) if found else None
    code = request.args.get("code", "")
    genuine = bool(code) and receipts.certificate_is_genuine(found, approved_on, code)
    return render_template("requests/verify_certificate.html", number=number, code=code, genuine=genuine,
                           facts=receipts.certificate_facts(found, approved_on) if genuine else None)


@blueprint.route("/track", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def track():
    error, typed = None, ""
    if request.method == "POST":
        typed = request.form.get("number", "")[:40]
        found = proofs.open(request.form.get("number", ""), request.form.get("secret", ""))
        if found:
            return redirect(url_for(".follow", number=found.number))
        error = _("No request matches this number and secret code. Check both on your receipt.")
    return render_template("requests/track.html", error=error, number=typed), 400 if error else 200


@blueprint.route("/requests/<number>", methods=["GET", "POST"])
def follow(number):
    found = proofs.accessible(number) or abort(404)
    errors = {}
    if request.method == "POST":
        if request_clock.standing(found).state != WAITING:
            abort(409)
        missing = found.events_of("incomplete")[0].data["documents"]
        submission = f"complement-{found.number}-{found.secret_hash[:16]}"
        staged, errors = receive_files(found.version, submission, required=missing)
        if not errors:
            try:
                event = operations.record_complement(found, files=staged)
                operations.store_files(found, staged)
                notify(found, event)
                transaction.commit()
            except (operations.StepRefused, storage.Missing):  # decided, or sent by an identical post meanwhile
                db.session.rollback()
                abort(409)
            operations.storage().delete_tree(f"staging/{submission}")
            return redirect(url_for(".follow", number=number))
    current = request_clock.standing(found)
    return render_template("requests/follow.html", request_=found, status=current,
                           steps=timeline(found, current), errors=errors), 400 if errors else 200


@blueprint.get("/verify/<number>")
def verify(number):
    normalised = numbers.normalise(number) or number
    found = db.session.scalar(sa.select(Request).filter_by(number=normalised))
    code = request.args.get("code", "")
    genuine = bool(code) and receipts.is_genuine(found, code)
    return render_template("requests/verify.html", number=number, code=code, genuine=genuine,
                           facts=found.receipt if genuine else None), 200
