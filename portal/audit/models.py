"""The audit log: who did what, when, from where. Rows are only ever added."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from procedures.clock import utcnow  # the one clock


class AuditEntry(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("account.id"), index=True)
    # The e-mail as it was, so that the entry still says who even if the account changes.
    actor: Mapped[str] = mapped_column(sa.String(254))
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    target: Mapped[str] = mapped_column(sa.String(200))
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    address: Mapped[str | None] = mapped_column(sa.String(64))


class AuditLogIsAppendOnly(Exception):
    pass


@sa.event.listens_for(sa.orm.Session, "before_flush")
def refuse_rewriting_history(session, flush_context, instances):
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            raise AuditLogIsAppendOnly("audit entries are never changed or deleted")
