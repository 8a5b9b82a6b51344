"""Drafts: proposed changes to the catalogue, on their way to publication.

A draft holds its proposed version as JSON in the catalogue's own format (without
the number, date of effect and change note, which publication gives it), so the
same schema and law checks serve import, drafts and the API. Published versions
live in ``procedure_version`` and never change; a draft is the only thing edited.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.clock import utcnow  # the one clock

DRAFT, SUBMITTED, RETURNED, PUBLISHED = "draft", "submitted", "returned", "published"
STATES = (DRAFT, SUBMITTED, RETURNED, PUBLISHED)
OPEN = (DRAFT, SUBMITTED, RETURNED)
EDITABLE = (DRAFT, RETURNED)
NEW_PROCEDURE, NEW_VERSION, WITHDRAWAL = "procedure", "version", "withdrawal"
KINDS = (NEW_PROCEDURE, NEW_VERSION, WITHDRAWAL)


class Draft(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), default=DRAFT)
    administration_id: Mapped[int] = mapped_column(sa.ForeignKey("administration.id"), index=True)
    procedure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("procedure.id"))
    based_on_id: Mapped[int | None] = mapped_column(sa.ForeignKey("procedure_version.id"))
    content: Mapped[dict] = mapped_column(sa.JSON().with_variant(JSONB(), "postgresql"))
    review_comment: Mapped[str | None] = mapped_column(sa.Text)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    effective_from: Mapped[date | None]
    published_version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("procedure_version.id"))

    administration = relationship("Administration")
    procedure = relationship("Procedure")
    based_on = relationship("Version", foreign_keys=[based_on_id])
    created_by = relationship("Account")

    __table_args__ = (
        sa.CheckConstraint(f"status IN {STATES}", name="status"),
        sa.CheckConstraint(f"kind IN {KINDS}", name="kind"),
        sa.CheckConstraint(f"(kind = '{NEW_PROCEDURE}') = (procedure_id IS NULL) OR status = '{PUBLISHED}'",
                           name="procedure"),
        # At most one change under way per procedure: two drafts could not both be published.
        sa.Index("uq_draft_open_per_procedure", "procedure_id", unique=True,
                 sqlite_where=sa.text(f"status IN {OPEN}"), postgresql_where=sa.text(f"status IN {OPEN}")),
    )

    @property
    def editable(self):
        return self.status in EDITABLE
