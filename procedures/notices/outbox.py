"""Record a notice with its event; deliver one, claiming it first so that no two workers send it."""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from portal import mail
from portal.extensions import db

from .models import PENDING, SENDING, SENT, Notice, utcnow

DEFAULT_LEASE_SECONDS = 300  # longer than an SMTP conversation may last (mail's timeout is 10 s)


def record(key, recipient, language, subject, body):
    """Add the notice to the current transaction (once per ``key``); the caller commits."""
    if db.session.scalar(sa.select(Notice.id).filter_by(key=key)) is not None:
        return None
    notice = Notice(key=key, recipient=recipient, language=language, subject=subject[:300], body=body)
    db.session.add(notice)
    return notice


class DeliveryFailed(Exception):
    pass


def deliver(notice_id):
    """Send one notice, in a session of its own. ``"sent"``, or ``"skipped"`` when it is already sent
    or another worker holds it; raises ``DeliveryFailed`` (the notice pending again) when SMTP fails."""
    with Session(db.engine) as session:
        now = utcnow()
        lease = timedelta(seconds=current_app.config.get("NOTICE_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
        claimed = session.execute(
            sa.update(Notice).where(Notice.id == notice_id, sa.or_(
                Notice.state == PENDING, sa.and_(Notice.state == SENDING, Notice.claimed_until < now)))
            .values(state=SENDING, claimed_until=now + lease, attempts=Notice.attempts + 1))
        session.commit()
        if claimed.rowcount != 1:
            return "skipped"
        notice = session.get(Notice, notice_id)
        try:
            mail.deliver(notice.recipient, notice.subject, notice.body,
                         message_id=f"<notice-{notice.id}.{notice.key.replace(':', '-')}@masatir.ma>")
        except mail.MailError as error:
            session.execute(sa.update(Notice).where(Notice.id == notice_id)
                            .values(state=PENDING, claimed_until=None, last_error=str(error)[:300]))
            session.commit()
            raise DeliveryFailed(str(error)) from error
        session.execute(sa.update(Notice).where(Notice.id == notice_id)
                        .values(state=SENT, sent_at=utcnow(), claimed_until=None, last_error=None))
        session.commit()
        return "sent"


def due_ids(now=None):
    """Notices waiting for delivery: pending, or claimed by a worker whose claim has expired."""
    now = now or utcnow()
    with Session(db.engine) as session:
        return session.scalars(sa.select(Notice.id).where(sa.or_(
            Notice.state == PENDING, sa.and_(Notice.state == SENDING, Notice.claimed_until < now)))
            .order_by(Notice.id)).all()


def mail_configured():
    return bool(current_app.config.get("MAIL_SERVER"))
