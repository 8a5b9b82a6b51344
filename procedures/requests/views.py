"""The citizen's side: file a request, get the receipt, track it, send what is missing, verify."""
import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.extensions import db, limiter
from portal.i18n import current_language
from procedures import clock
from procedures.catalogue.models import ONLINE_MATURITY
from procedures.catalogue.queries import procedure_by_slug
from procedures.documents import qr_svg, render_pdf

from . import identity as idnumbers
from . import numbers, operations, receipts, staging, uploads
from . import clock as request_clock
from .explain import timeline
from .models import TACITLY_APPROVED, WAITING, Request
from .notify import notify
from .papers import certificate_paper, receipt_paper
from .proof import Proofs

blueprint = Blueprint("requests", __name__, url_prefix="/<lang_code>")
proofs = Proofs(Request, "requests")

UPLOAD_MESSAGES = {
    "empty": lambda p: _("This file is empty."),
    "too_large": lambda p: _("This file is larger than %(limit)s MB.", limit=p["limit"]),
    "wrong_type": lambda p: _("Only PDF, JPEG or PNG files are accepted; this file is none of them."),
    "missing": lambda p: _("This document is required."),
    "request_too_large": lambda p: _("Together, the files are larger than %(limit)s MB.", limit=p["limit"]),
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
    if identity["email"] and ("@" not in identity["email"] or "." not in identity["email"].rsplit("@", 1)[-1]):
        errors["email"] = _("This e-mail address is not valid.")
    return errors


def receive_files(version, submission, required=None):
    """Check and stage the files of the form; errors per document id. Staged files are kept for a retry."""
    store = operations.storage()
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
            staging.stage(store, submission, document.id, checked)
    wanted = [d.id for d in version.documents] if required is None else required
    staged = staging.staged_files(store, submission, wanted)
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
    if request.method == "POST":
        done = operations.existing(submission)
        if done is None:
            errors = identity_errors(identity)
            staged, file_errors = receive_files(version, submission)
            errors.update({f"document-{k}" if isinstance(k, int) else k: v for k, v in file_errors.items()})
        if done is None and not errors:
            try:
                done, secret = operations.file_request(procedure, version, identity, details[:4000],
                                                       current_language(), submission, staged)
                # The files reach their keys before the request is committed: a stored request
                # always has all its files (a crash in between leaves only unreferenced files).
                operations.store_files(done, staged)
                db.session.commit()
            except sa.exc.IntegrityError:  # the same submission, sent twice at once
                db.session.rollback()
                done = operations.existing(submission)
            else:
                operations.storage().delete_tree(f"staging/{submission}")
                notify(done, done.events[0])
        if done is not None:
            proofs.remember(done.number, numbers.tracking_secret(current_app.config["SECRET_KEY"], submission))
            return redirect(url_for(".receipt", number=done.number))
    else:
        staged = {}
    status = 400 if errors else 200
    return render_template("requests/apply.html", procedure=procedure, version=version, submission=submission,
                           identity=identity, details=details, errors=errors, staged=staged), status


@blueprint.get("/requests/<number>/receipt")
def receipt(number):
    found = proofs.accessible(number) or abort(404)
    return render_template("requests/receipt.html", request_=found, secret=proofs.secret(number),
                           verify_url=verify_url(found), qr=receipt_qr(found))


def verify_url(found):
    return url_for("requests.verify", number=found.number, code=found.signature, _external=True)


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
    current = request_clock.status(found)
    return current.deadline.silence_takes_effect if current.state == TACITLY_APPROVED else None


@blueprint.get("/requests/<number>/certificate.pdf")
def certificate(number):
    found = proofs.accessible(number) or abort(404)
    approved_on = tacit_approval_day(found) or abort(404)
    code = receipts.certificate_signature(found, approved_on)
    url = url_for(".verify_certificate", number=found.number, code=code, _external=True)
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
        if found.state != WAITING:
            abort(409)
        missing = found.events_of("incomplete")[0].data["documents"]
        submission = f"complement-{found.number}-{found.secret_hash[:16]}"
        staged, errors = receive_files(found.version, submission, required=missing)
        if not errors:
            try:
                event = operations.record_complement(found, files=staged)
                operations.store_files(found, staged)
                db.session.commit()
            except operations.StepRefused:
                db.session.rollback()
                abort(409)
            notify(found, event)
            operations.storage().delete_tree(f"staging/{submission}")
            return redirect(url_for(".follow", number=number))
    current = request_clock.status(found)
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
