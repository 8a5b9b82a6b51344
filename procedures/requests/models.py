"""A citizen's request, its events (nothing is overwritten) and the files received.

``state``, ``due_on`` and ``silence_on`` are derived from the events and the clock
(``clock.py``); they are stored only so that lists and the sweep can use indexes.
``decided_on`` and ``incomplete`` are copied from the events too, for the statistics: a page
then reads one narrow index of ``request`` instead of joining the events twice (issue 7).
``keep_statistics_columns`` writes them whenever such an event is flushed, in the same transaction.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.clock import utcnow  # the one clock

JSON = sa.JSON().with_variant(JSONB(), "postgresql")

OPEN, WAITING, APPROVED, REFUSED = "open", "waiting_for_citizen", "approved", "refused"
TACITLY_APPROVED, IMPLICITLY_REFUSED = "tacitly_approved", "implicitly_refused"
STATES = (OPEN, WAITING, APPROVED, REFUSED, TACITLY_APPROVED, IMPLICITLY_REFUSED)
FINAL = (APPROVED, REFUSED, TACITLY_APPROVED, IMPLICITLY_REFUSED)

FILED, ACKNOWLEDGED, INCOMPLETE, COMPLEMENT = "filed", "acknowledged", "incomplete", "complement"
EXTENDED, APPROVAL, REFUSAL, NOTE = "extended", "approved", "refused", "note"
TACIT_APPROVAL, IMPLICIT_REFUSAL = "tacit_approval", "implicit_refusal"
ONCE = (FILED, INCOMPLETE, COMPLEMENT, EXTENDED, TACIT_APPROVAL, IMPLICIT_REFUSAL)
EVENT_KINDS = (FILED, ACKNOWLEDGED, INCOMPLETE, COMPLEMENT, EXTENDED, APPROVAL, REFUSAL, NOTE,
               TACIT_APPROVAL, IMPLICIT_REFUSAL)


class Request(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    procedure_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure.id"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure_version.id"))
    administration_id: Mapped[int] = mapped_column(sa.ForeignKey("administration.id"))
    # The office that receives and handles it (issue 12); None for requests filed before offices existed.
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("office.id"), index=True)
    applicant: Mapped[dict] = mapped_column(JSON)  # name, cin, phone, email: personal data
    details: Mapped[str] = mapped_column(sa.Text, default="")
    language: Mapped[str] = mapped_column(sa.String(8))
    filed_at: Mapped[datetime] = mapped_column(default=utcnow)
    filed_on: Mapped[date]
    silence: Mapped[str] = mapped_column(sa.String(16))  # copied from the version: what silence means
    state: Mapped[str] = mapped_column(sa.String(24), default=OPEN)
    due_on: Mapped[date | None]
    silence_on: Mapped[date | None]  # the day silence takes effect, if no decision comes first
    decided_on: Mapped[date | None]  # the day of the administration's decision (approval or refusal) event
    incomplete: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # declared incomplete
    receipt: Mapped[dict] = mapped_column(JSON)  # what the receipt certifies, as signed
    signature: Mapped[str] = mapped_column(sa.String(128))

    procedure = relationship("Procedure")
    version = relationship("Version")
    administration = relationship("Administration")
    office = relationship("Office")
    events: Mapped[list["RequestEvent"]] = relationship(order_by="RequestEvent.id", back_populates="request")
    uploads: Mapped[list["Upload"]] = relationship(order_by="Upload.id", back_populates="request")

    __table_args__ = (
        sa.CheckConstraint(f"state IN {STATES}", name="state"),
        sa.Index("ix_request_queue", "administration_id", "state", "due_on"),
        sa.Index("ix_request_sweep", "state", "silence_on"),
        # Covers every column the statistics read: a page is a range scan of this index alone.
        sa.Index("ix_request_statistics", "filed_on", "administration_id", "procedure_id", "version_id", "state",
                 "due_on", "decided_on", "incomplete"),
    )

    def events_of(self, kind):
        return [event for event in self.events if event.kind == kind]


class RequestEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(24))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    on: Mapped[date]  # the Moroccan day it counts for
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("account.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    request = relationship("Request", back_populates="events")
    account = relationship("Account")

    __table_args__ = (
        sa.CheckConstraint(f"kind IN {EVENT_KINDS}", name="kind"),
        # The law allows further documents to be asked for once, and one extension: the database says so too.
        sa.Index("uq_request_event_once", "request_id", "kind", unique=True,
                 sqlite_where=sa.text(f"kind IN {ONCE}"), postgresql_where=sa.text(f"kind IN {ONCE}")),
    )


@sa.event.listens_for(sa.orm.Session, "before_flush")
def keep_statistics_columns(session, _context, _instances):
    """Copy each new decision or incompleteness event onto its request before it is written, so that
    ``Request.decided_on`` and ``Request.incomplete`` never disagree with the events, whichever code
    adds them. (The sweep's bulk insert adds only silence events, which neither column records.)"""
    for event in session.new:
        if not isinstance(event, RequestEvent) or event.kind not in (APPROVAL, REFUSAL, INCOMPLETE):
            continue
        request = event.request
        if request is None and event.request_id is not None:
            request = session.get(Request, event.request_id)
        if request is None:
            continue
        if event.kind == INCOMPLETE:
            request.incomplete = True
        elif request.decided_on is None or event.on < request.decided_on:
            request.decided_on = event.on


class Upload(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request.id"), index=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("request_event.id"))
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("version_document.id"))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    key: Mapped[str] = mapped_column(sa.String(200))  # where the storage keeps it

    request = relationship("Request", back_populates="uploads")
    document = relationship("Document")


class CalendarDay(db.Model):
    """The administrator's overlay on the holidays package: an exceptional day off
    (``off``) or a package holiday that is worked after all (``worked``: the moon was
    sighted a day later, and the holiday moved)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(sa.String(8))
    label: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.CheckConstraint("kind IN ('off', 'worked')", name="kind"),)
