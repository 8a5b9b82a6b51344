""""Was this page useful?": a vote and perhaps a comment, tied to the version shown. No address, no account."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.requests.models import utcnow


class Feedback(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure.id"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure_version.id"))
    useful: Mapped[bool]
    comment: Mapped[str | None] = mapped_column(sa.Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    version = relationship("Version")

    __table_args__ = (sa.Index("ix_feedback_procedure", "procedure_id", "at"),)
