"""What happens to a report: filed by a citizen, then acknowledged and answered by the administration,
examined and closed by the commission. Each step an event and an audit entry. Flush, never commit."""
import sqlalchemy as sa
from flask import current_app

from portal import audit
from portal.extensions import db
from procedures import clock
from procedures.requests import numbers

from .models import (
    ACKNOWLEDGED,
    ACKNOWLEDGEMENT,
    ANSWER,
    ANSWERED,
    CLOSED,
    CLOSING,
    FILED,
    FINDING,
    OUTCOMES,
    Report,
    ReportEvent,
)

MAX_TEXT = 2000


class StepRefused(Exception):
    """``code`` keys a translated message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def existing(idempotency_key):
    return db.session.scalar(sa.select(Report).filter_by(idempotency_key=idempotency_key))


def file_report(procedure, version, facts, language, idempotency_key, request=None, office=None):
    """``facts``: kind, asked, office, town, asked_on, contact, already checked; ``office``: the office the
    demand was made at (a report made from a request concerns the request's office). Returns ``(report, secret)``;
    the secret is derived from the submission, so that sending the form twice gives the same confirmation."""
    key = current_app.config["SECRET_KEY"]
    secret = numbers.tracking_secret(key, f"report:{idempotency_key}")
    report = Report(number=numbers.new_number(), secret_hash=numbers.secret_hash(key, secret),
                    idempotency_key=idempotency_key, procedure_id=procedure.id, version=version,
                    administration_id=procedure.administration_id, request=request, language=language,
                    office_id=request.office_id if request is not None else getattr(office, "id", None),
                    filed_on=clock.today(), **facts)
    report.events.append(ReportEvent(kind=FILED, on=clock.today(), data={}))
    db.session.add(report)
    db.session.flush()
    return report, secret


def _event(account, report, kind, state=None, **data):
    if report.state == CLOSED:
        raise StepRefused("closed")
    event = ReportEvent(kind=kind, on=clock.today(), account_id=account.id, data=data)
    report.events.append(event)
    if state:
        report.state = state
    audit.record(f"report_{kind}", f"report:{report.number}", account=account, **data)
    db.session.flush()
    return event


def _text(value, required=True):
    value = (value or "").strip()
    if required and not value:
        raise StepRefused("text_required")
    if len(value) > MAX_TEXT:
        raise StepRefused("text_too_long")
    return value


def acknowledge(account, report):
    if report.state != "open":
        raise StepRefused("already_acknowledged")
    return _event(account, report, ACKNOWLEDGEMENT, ACKNOWLEDGED)


def answer(account, report, outcome, response):
    """The administration's public answer, in its own words, with what became of the demand."""
    if report.events_of(ANSWER):
        raise StepRefused("already_answered")
    if outcome not in OUTCOMES:
        raise StepRefused("outcome_required")
    return _event(account, report, ANSWER, ANSWERED, outcome=outcome, response=_text(response))


def add_finding(account, report, text):
    """The commission's finding; it may come at any time before the report is closed."""
    return _event(account, report, FINDING, text=_text(text))


def close(account, report, text):
    return _event(account, report, CLOSING, CLOSED, text=_text(text, required=False))
