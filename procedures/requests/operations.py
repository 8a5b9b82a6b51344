"""What happens to a request: each step an event, never an overwrite. Flush, never commit."""
import secrets

import sqlalchemy as sa
from flask import current_app

from portal import audit
from portal.extensions import db
from procedures import clock, deadlines

from . import clock as request_clock
from . import numbers, signing
from .models import (ACKNOWLEDGED, APPROVAL, COMPLEMENT, EXTENDED, FILED, FINAL, INCOMPLETE, NOTE, REFUSAL, WAITING,
                     Request, RequestEvent, Upload)
from .receipts import receipt_facts, signing_key
from .storage import from_config as storage_from_config


class StepRefused(Exception):
    """``code`` keys a translated message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def storage():
    return storage_from_config(current_app.config)


def existing(idempotency_key):
    return db.session.scalar(sa.select(Request).filter_by(idempotency_key=idempotency_key))


def file_request(procedure, version, applicant, details, language, idempotency_key, files, office=None):
    """A complete request (its files, its receipt) or nothing. ``files``: document id -> staged file;
    ``office``: where it was filed and is handled (issue 12), None for an administration without offices."""
    secret = numbers.tracking_secret(current_app.config["SECRET_KEY"], idempotency_key)
    today = clock.today()
    request = Request(
        number=numbers.new_number(), secret_hash=numbers.secret_hash(current_app.config["SECRET_KEY"], secret),
        idempotency_key=idempotency_key, procedure_id=procedure.id, version=version,
        administration_id=procedure.administration_id, office_id=office.id if office else None,
        applicant=applicant, details=details, language=language,
        filed_on=today, silence=version.silence,
        receipt={}, signature="")
    filed = RequestEvent(kind=FILED, on=today, data={})
    request.events.append(filed)
    db.session.add(request)
    db.session.flush()
    for document_id, staged in files.items():
        request.uploads.append(Upload(event_id=filed.id, document_id=document_id, filename=staged.filename,
                                      content_type=staged.content_type, size=staged.size, sha256=staged.sha256,
                                      key=f"requests/{request.number}/{staged.sha256[:16]}-{staged.filename}"))
    db.session.flush()
    request_clock.refresh(request, today)
    request.receipt = receipt_facts(request)
    request.signature = signing.sign(signing_key(), request.receipt)
    db.session.flush()
    return request, secret


def store_files(request, files):
    """Before the commit: give the staged files the request's keys. The staged copies stay until the
    commit succeeded (the caller clears staging then), so a failed commit can be retried without them."""
    for upload in request.uploads:
        staged = files.get(upload.document_id)
        if staged is not None and upload.sha256 == staged.sha256 and not storage().exists(upload.key):
            storage().link(staged.key, upload.key)


def _event(request, kind, account=None, **data):
    if request.state in FINAL and kind != NOTE:
        raise StepRefused("already_decided")
    event = RequestEvent(kind=kind, on=clock.today(), account_id=account.id if account else None, data=data)
    request.events.append(event)
    try:
        request_clock.status(request)  # the clock refuses events it cannot accept (too late, out of order)
    except deadlines.ClockError as error:
        request.events.remove(event)
        raise StepRefused(error.code) from None
    db.session.flush()
    request_clock.refresh(request)
    if account is not None:
        audit.record(f"request_{kind}", f"request:{request.number}", account=account, **data)
    db.session.flush()
    return event


def acknowledge(account, request):
    if request.events_of(ACKNOWLEDGED):
        raise StepRefused("already_acknowledged")
    return _event(request, ACKNOWLEDGED, account)


def declare_incomplete(account, request, document_ids, message):
    """Once, and only for documents the version in force at filing lists (Law 55-19)."""
    if request.events_of(INCOMPLETE):
        raise StepRefused("incomplete_once")
    listed = {document.id for document in request.version.documents}
    if not document_ids or not set(document_ids) <= listed:
        raise StepRefused("unlisted_document")
    if not message.strip():
        raise StepRefused("message_required")
    return _event(request, INCOMPLETE, account, documents=sorted(document_ids), message=message.strip())


def record_complement(request, account=None, files=None):
    """The missing documents arrived: uploaded by the citizen, or received at the counter (an agent)."""
    if request.state != WAITING:
        raise StepRefused("not_waiting")
    event = _event(request, COMPLEMENT, account, at_counter=account is not None)
    for document_id, staged in (files or {}).items():
        request.uploads.append(Upload(event_id=event.id, document_id=document_id, filename=staged.filename,
                                      content_type=staged.content_type, size=staged.size, sha256=staged.sha256,
                                      key=f"requests/{request.number}/{staged.sha256[:16]}-{staged.filename}"))
    db.session.flush()
    return event


def extend(account, request, reason):
    if reason not in deadlines.EXTENSION_REASONS:
        raise StepRefused("extension_reason")
    if request.events_of(EXTENDED):
        raise StepRefused("extension_once")
    return _event(request, EXTENDED, account, reason=reason)


def decide(account, request, approve, reason=""):
    if not approve and not reason.strip():
        raise StepRefused("reason_required")
    return _event(request, APPROVAL if approve else REFUSAL, account, reason=reason.strip())


def add_note(account, request, text):
    if not text.strip():
        raise StepRefused("message_required")
    return _event(request, NOTE, account, text=text.strip())


def new_idempotency_key():
    return secrets.token_urlsafe(24)
