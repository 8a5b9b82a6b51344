"""What a receipt certifies, signed by the portal, and how anyone checks it."""
import os
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from flask import current_app

from . import signing
from .models import FILED


def receipt_facts(request):
    """The facts the receipt binds the administration to. No personal data: it is shown to anyone
    who has the receipt's number and code."""
    version = request.version
    filed = request.events_of(FILED)[0]
    received = {upload.document_id: upload for upload in request.uploads if upload.event_id == filed.id}
    return {
        "number": request.number,
        "filed_at": request.filed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "filed_on": request.filed_on.isoformat(),
        "procedure": request.procedure.code,
        "version": version.number,
        "title": version.title,
        "administration": request.administration.code,
        "documents": [{"id": document.id, "name": document.name,
                       "sha256": received[document.id].sha256 if document.id in received else None}
                      for document in version.documents],
        "processing_days": version.processing_days,
        "day_unit": version.day_unit,
        "due_on": request.due_on.isoformat() if request.due_on else None,
        "silence": version.silence,
        "silence_days": version.silence_days,
        "silence_on": request.silence_on.isoformat() if request.silence_on else None,
        **office_facts(request),
    }


def stated_on_receipt(request):
    """``(due_on, silence_on)`` as the receipt stated them at filing: the signed facts, never the request's
    dates in force (an incompleteness or an extension states new dates in its own notice)."""
    facts = request.receipt
    return tuple(date.fromisoformat(facts[key]) if facts.get(key) else None for key in ("due_on", "silence_on"))
def office_facts(request):
    """The office that received the request, named on the receipt (issue 12); none for a request
    of an administration without offices, whose receipt stays as it was."""
    office = request.office
    if office is None:
        return {}
    return {"office": {"code": office.code, "name": office.name, "address": office.address}}


@cache
def _key_from(pem):
    return signing.load_key(pem)


def _create_once(path, text):
    """Write ``path`` whole, unless it exists: the first filings after a start may race to create the
    key, and a receipt signed with a key that another worker then overwrote would never verify."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as out:
        out.write(text)
    os.chmod(out.name, 0o600)
    try:
        os.link(out.name, path)  # atomic, and refused if another worker created it first
    except FileExistsError:
        pass
    finally:
        os.unlink(out.name)


def signing_key():
    """The portal's signing key: ``RECEIPT_SIGNING_KEY`` (PEM), or one kept under instance/ in development."""
    pem = current_app.config.get("RECEIPT_SIGNING_KEY")
    if not pem:
        path = Path(current_app.instance_path) / "receipt_signing_key.pem"
        if not path.exists():
            _create_once(path, signing.new_key_pem())
        pem = path.read_text()
    return _key_from(pem)


def is_genuine(request, code):
    return request is not None and signing.genuine(signing_key(), request.receipt, request.signature, code)


def certificate_facts(request, approved_on):
    """What the certificate of tacit approval attests; derived from the request, so it needs no storage."""
    version = request.version
    return {"number": request.number, "procedure": request.procedure.code, "version": version.number,
            "title": version.title, "filed_on": request.filed_on.isoformat(),
            "approved_on": approved_on.isoformat(),
            "authority": version.tacit_authority or request.administration.name}


def certificate_signature(request, approved_on):
    return signing.sign(signing_key(), certificate_facts(request, approved_on))


def certificate_is_genuine(request, approved_on, code):
    if request is None or approved_on is None:
        return False
    facts = certificate_facts(request, approved_on)
    return signing.genuine(signing_key(), facts, signing.sign(signing_key(), facts), code)
