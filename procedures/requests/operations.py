"""What happens to a request: each step an event, never an overwrite. Flush, never commit."""
import secrets

import sqlalchemy as sa
from flask import current_app

from portal import audit
from portal.extensions import db
from procedures import clock, deadlines
from procedures.catalogue import article7

from . import clock as request_clock
from . import numbers, signing
from .models import (ACKNOWLEDGED, APPROVAL, COMPLEMENT, EXTENDED, FILED, INCOMPLETE, NOTE, REFUSAL, WAITING, Request,
                     RequestEvent, Upload)
from .receipts import receipt_facts, signing_key
from .storage import from_config as storage_from_config


# A refusal states its legal ground (Law 55-19: refusals are justified): one of the governing version's
# legal bases, a listed document that is missing, or another ground the agent writes out.
GROUND_BASIS, GROUND_MISSING_DOCUMENT, GROUND_OTHER = "basis", "missing_document", "other"


class StepRefused(Exception):
    """``code`` keys a translated message; ``params`` fill it in."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


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
        filed_at=clock.utc(clock.now()), filed_on=today, silence=version.silence,
        receipt={}, signature="")
    filed = RequestEvent(kind=FILED, on=today, data={})
    request.events.append(filed)
    db.session.add(request)
    db.session.flush()
    attach_files(request, filed, files)
    db.session.flush()
    request_clock.state_dates(request, filed, today)
    request_clock.refresh(request, today)
    request.receipt = receipt_facts(request)
    request.signature = signing.sign(signing_key(), request.receipt)
    db.session.flush()
    return request, secret


def attach_files(request, event, files):
    """The request's records of the staged ``files`` (document id -> staged file) received with ``event``,
    online or at the counter; ``store_files`` then gives them their keys."""
    for document_id, staged in files.items():
        request.uploads.append(Upload(event_id=event.id, document_id=document_id, filename=staged.filename,
                                      content_type=staged.content_type, size=staged.size, sha256=staged.sha256,
                                      key=f"requests/{request.number}/{staged.sha256[:16]}-{staged.filename}"))


def store_files(request, files):
    """Before the commit: give the staged files the request's keys. The staged copies stay until the
    commit succeeded (the caller clears staging then), so a failed commit can be retried without them."""
    for upload in request.uploads:
        staged = files.get(upload.document_id)
        if staged is not None and upload.sha256 == staged.sha256 and not storage().exists(upload.key):
            storage().link(staged.key, upload.key)


def _still_open(request, kind):
    """Steps are taken only while the law allows them: after a decision, and once silence has taken
    effect (whether or not the sweep has recorded it), only internal notes (issue 11, item 3)."""
    current = request_clock.standing(request)
    if kind != NOTE and current.fallen:
        raise StepRefused("silence_decided", state=current.state, on=current.decided_on)
    if kind != NOTE and current.state not in (request_clock.OPEN, WAITING):
        raise StepRefused("already_decided")
    return current


def _event(request, kind, account=None, **data):
    _still_open(request, kind)
    event = RequestEvent(kind=kind, on=clock.today(), account_id=account.id if account else None, data=data)
    request.events.append(event)
    try:  # the clock refuses events out of order; their timing was checked against the stated dates
        deadlines.deadline(request_clock.rules_for(request.version), request_clock.calendar(),
                           request_clock.events_for(request), check_timing=False)
    except deadlines.ClockError as error:
        request.events.remove(event)
        raise StepRefused(error.code) from None
    db.session.flush()
    if kind in request_clock.CLOCK_EVENTS:
        request_clock.state_dates(request, event)  # new dates, stated now and kept (the notice prints them)
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
    current = _still_open(request, INCOMPLETE)
    if request.events_of(INCOMPLETE):
        raise StepRefused("incomplete_once")
    if current.due is not None and clock.today() > current.due:
        raise StepRefused("incomplete_after_due", on=current.due)
    listed = {document.id for document in request.version.documents}
    if not document_ids or not set(document_ids) <= listed:
        raise StepRefused("unlisted_document")
    if not message.strip():
        raise StepRefused("message_required")
    forbidden = unlawful_demands(message)
    if forbidden:
        raise StepRefused("unlawful_demand", codes=forbidden)
    return _event(request, INCOMPLETE, account, documents=sorted(document_ids), message=message.strip())


def record_complement(request, account=None, files=None):
    """The missing documents arrived: uploaded by the citizen, or received at the counter (an agent)."""
    if request.state != WAITING:
        raise StepRefused("not_waiting")
    event = _event(request, COMPLEMENT, account, at_counter=account is not None)
    attach_files(request, event, files or {})
    db.session.flush()
    return event


def unlawful_demands(text):
    """What a free text asks for that Article 7 forbids (certified copies, legalised signatures, the
    Official Bulletin, several copies…), by the wordings the commission applies at publication, its own
    additions included (``catalogue.article7``)."""
    return sorted({code for code, _matched in article7.findings(text)})


def extend(account, request, reason):
    current = _still_open(request, EXTENDED)
    if request.version.extension_days is None:
        raise StepRefused("extension_not_allowed")
    if reason not in deadlines.EXTENSION_REASONS:
        raise StepRefused("extension_reason")
    if request.events_of(EXTENDED):
        raise StepRefused("extension_once")
    if current.due is not None and clock.today() > current.due:
        raise StepRefused("extension_after_due", on=current.due)
    return _event(request, EXTENDED, account, reason=reason)


def refusal_ground(request, ground, text=""):
    """The stored ground of a refusal: ``basis:N`` (the N-th legal basis of the governing version, its
    title copied as it reads), ``missing_document`` or ``other`` (with ``text``); None if invalid."""
    bases = request.version.legal_basis
    index = ground.removeprefix(f"{GROUND_BASIS}:")
    if index != ground and index.isascii() and index.isdigit() and int(index) < len(bases):
        return {"kind": GROUND_BASIS, "title": bases[int(index)].title}
    if ground == GROUND_MISSING_DOCUMENT:
        return {"kind": GROUND_MISSING_DOCUMENT}
    if ground == GROUND_OTHER and text.strip():
        return {"kind": GROUND_OTHER, "text": text.strip()[:500]}
    return None


def decide(account, request, approve, reason="", ground="", ground_text=""):
    """An approval, or a refusal with its legal ground and an explanation (both shown to the citizen)."""
    _still_open(request, APPROVAL)
    if approve:
        return _event(request, APPROVAL, account, reason=reason.strip())
    stated_ground = refusal_ground(request, ground, ground_text)
    if stated_ground is None:
        raise StepRefused("ground_required")
    if not reason.strip():
        raise StepRefused("reason_required")
    return _event(request, REFUSAL, account, reason=reason.strip(), ground=stated_ground)


def add_note(account, request, text):
    if not text.strip():
        raise StepRefused("message_required")
    return _event(request, NOTE, account, text=text.strip())


def new_idempotency_key():
    return secrets.token_urlsafe(24)
