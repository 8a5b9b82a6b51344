"""A request deposited at a counter and registered by an agent (issue 12 §3).

The same request as online: the same number, secret code, signed receipt, QR code, clock and
tracking. What differs is said in the receipt's facts: ``channel`` is "counter", each listed
document says whether it was handed over (on paper; a scan is optional), and the filing time is
the deposit's, as the agent records it. Flush, never commit.
"""
from datetime import UTC, datetime, timedelta

from flask import current_app

from portal import audit
from portal.extensions import db

from procedures.clock import MOROCCO

from . import clock as request_clock
from . import numbers, signing
from .models import FILED, Request, RequestEvent
from .operations import attach_files
from .receipts import receipt_facts, signing_key

LATE_DAYS = 3  # a deposit may be registered up to three days after it was made


class CounterRefused(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def deposit_time(local_text, now, today):
    """The deposit's time from the agent's "YYYY-MM-DDTHH:MM" (Morocco's time) as (UTC naive, Moroccan day),
    given the portal's clock (``now``: aware, Morocco; ``today``: its day). Refused: unreadable, in the
    future, or older than ``LATE_DAYS``."""
    try:
        local = datetime.fromisoformat(local_text.strip()).replace(tzinfo=MOROCCO, second=0, microsecond=0)
    except ValueError:
        raise CounterRefused("deposit_time") from None
    if local.date() > today or (local.date() == now.date() and local > now + timedelta(minutes=1)):
        raise CounterRefused("deposit_in_future")
    if local.date() < today - timedelta(days=LATE_DAYS):
        raise CounterRefused("deposit_too_old")
    return local.astimezone(UTC).replace(tzinfo=None), local.date()


def file_at_counter(account, procedure, version, applicant, details, language, idempotency_key, handed_over,
                    files, filed_at, filed_on, office=None):
    """``handed_over``: ids of the version's documents received on paper; ``files``: optional scans."""
    listed = {document.id for document in version.documents}
    if not set(handed_over) <= listed or not set(files) <= listed:
        raise CounterRefused("unlisted_document")
    secret = numbers.tracking_secret(current_app.config["SECRET_KEY"], idempotency_key)
    request = Request(
        number=numbers.new_number(), secret_hash=numbers.secret_hash(current_app.config["SECRET_KEY"], secret),
        idempotency_key=idempotency_key, procedure_id=procedure.id, version=version,
        administration_id=procedure.administration_id, office_id=office.id if office else None,
        applicant=applicant, details=details, language=language, filed_at=filed_at, filed_on=filed_on,
        silence=version.silence, receipt={}, signature="")
    filed = RequestEvent(kind=FILED, on=filed_on, at=filed_at, account_id=account.id,
                         data={"channel": "counter", "handed_over": sorted(handed_over)})
    request.events.append(filed)
    db.session.add(request)
    db.session.flush()
    attach_files(request, filed, files)
    db.session.flush()
    request_clock.state_dates(request, filed, filed_on)  # stated once, as for an online filing (issue 11)
    request_clock.refresh(request)
    facts = receipt_facts(request)
    facts["channel"] = "counter"
    for document in facts["documents"]:
        document["handed_over"] = document["id"] in handed_over
    request.receipt = facts
    request.signature = signing.sign(signing_key(), facts)
    audit.record("request_filed_at_counter", f"request:{request.number}", account=account,
                 procedure=procedure.code, handed_over=sorted(handed_over))
    db.session.flush()
    return request, secret
