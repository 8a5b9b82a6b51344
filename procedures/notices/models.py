"""The outbox: one row per notice, written with its event, delivered at most once.

``state``: pending (to deliver), sending (a worker claimed it until ``claimed_until``), sent.
A worker that dies while sending leaves its claim to expire; the notice is then pending again
for the others. ``key`` names what the notice announces (``request-event:42``): the same event
can never be announced twice.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db

PENDING, SENDING, SENT = "pending", "sending", "sent"
STATES = (PENDING, SENDING, SENT)


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class Notice(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(8))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(sa.String(12), default=PENDING, server_default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(300))

    __table_args__ = (
        sa.CheckConstraint(f"state IN {STATES}", name="state"),
        sa.Index("ix_notice_due", "state", "claimed_until"),
    )
