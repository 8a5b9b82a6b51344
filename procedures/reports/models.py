"""A citizen's report of an unlisted demand, and its handling: each step an event, never an overwrite.

``state`` is derived from the events; it is stored only so that the queues can use an index.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.requests.models import JSON, utcnow

# What the administration asked for that the sheet does not list.
KINDS = ("document", "fee", "step", "delay", "other")

OPEN, ACKNOWLEDGED, ANSWERED, CLOSED = "open", "acknowledged", "answered", "closed"
STATES = (OPEN, ACKNOWLEDGED, ANSWERED, CLOSED)

FILED, ACKNOWLEDGEMENT, ANSWER, FINDING, CLOSING = "filed", "acknowledged", "answered", "finding", "closed"
EVENT_KINDS = (FILED, ACKNOWLEDGEMENT, ANSWER, FINDING, CLOSING)
ONCE = (FILED, ACKNOWLEDGEMENT, ANSWER, CLOSING)

# The administration's answer: what became of the demand.
OUTCOMES = ("withdrawn", "sheet_corrected", "listed", "other")


class Report(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    procedure_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure.id"))
    # The version in force on the day of the demand: the sheet the administration was bound by.
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure_version.id"))
    administration_id: Mapped[int] = mapped_column(sa.ForeignKey("administration.id"))
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("request.id"))
    # The office where the demand was made (issue 12): found from the commune the citizen chose, or the
    # request's office. None for an administration without offices, and for reports filed before offices.
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("office.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    asked: Mapped[str] = mapped_column(sa.Text)
    office: Mapped[str] = mapped_column(sa.String(200))
    town: Mapped[str] = mapped_column(sa.String(100))
    asked_on: Mapped[date]
    contact: Mapped[str] = mapped_column(sa.String(200), default="")  # personal data, optional
    language: Mapped[str] = mapped_column(sa.String(8))
    filed_at: Mapped[datetime] = mapped_column(default=utcnow)
    filed_on: Mapped[date]
    state: Mapped[str] = mapped_column(sa.String(16), default=OPEN)

    procedure = relationship("Procedure")
    version = relationship("Version")
    administration = relationship("Administration")
    request = relationship("Request")
    receiving_office = relationship("Office")  # ``office`` is what the citizen typed
    events: Mapped[list["ReportEvent"]] = relationship(order_by="ReportEvent.id", back_populates="report")

    __table_args__ = (
        sa.CheckConstraint(f"state IN {STATES}", name="state"),
        sa.CheckConstraint(f"kind IN {KINDS}", name="kind"),
        sa.Index("ix_report_queue", "administration_id", "state", "filed_at"),
        sa.Index("ix_report_filed_on", "filed_on"),
    )

    def events_of(self, kind):
        return [event for event in self.events if event.kind == kind]

    @property
    def email(self):
        return self.contact if "@" in self.contact else None


class ReportEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("report.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    on: Mapped[date]
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("account.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    report = relationship("Report", back_populates="events")
    account = relationship("Account")

    __table_args__ = (
        sa.CheckConstraint(f"kind IN {EVENT_KINDS}", name="kind"),
        # Acknowledged, answered and closed once: the database says so too.
        sa.Index("uq_report_event_once", "report_id", "kind", unique=True,
                 sqlite_where=sa.text(f"kind IN {ONCE}"), postgresql_where=sa.text(f"kind IN {ONCE}")),
    )


class ReportHistoryIsAppendOnly(Exception):
    pass


@sa.event.listens_for(sa.orm.Session, "before_flush")
def refuse_rewriting_history(session, flush_context, instances):
    changed = [obj for obj in session.dirty if session.is_modified(obj)]
    for obj in (*changed, *session.deleted):
        if isinstance(obj, ReportEvent):
            raise ReportHistoryIsAppendOnly("report events are never changed or deleted")
