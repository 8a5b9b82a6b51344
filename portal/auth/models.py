"""Accounts of the back office: who may draft, review, handle requests or administer."""
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from procedures.clock import utcnow  # the one clock

EDITOR, REVIEWER, AGENT, ADMIN = "editor", "reviewer", "agent", "admin"
ROLES = (EDITOR, REVIEWER, AGENT, ADMIN)
# Editors and agents act for one administration; reviewers (the national commission)
# and admins act for all.
ROLES_WITH_ADMINISTRATION = (EDITOR, AGENT)


class Account(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(16))
    administration_id: Mapped[int | None] = mapped_column(sa.ForeignKey("administration.id"), index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    # Bumped on every password change: sessions opened before it no longer load.
    session_generation: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    administration = db.relationship("Administration", lazy="joined")

    __table_args__ = (
        sa.CheckConstraint(f"role IN {ROLES}", name="role"),
        sa.CheckConstraint(
            f"(role IN {ROLES_WITH_ADMINISTRATION}) = (administration_id IS NOT NULL)", name="administration"),
    )

    def get_id(self):
        """Flask-Login's session token: the id and the generation, so a password change logs out everywhere."""
        return f"{self.id}:{self.session_generation}"

    @property
    def is_active(self):
        return self.active

    def has_role(self, *roles):
        return self.role in roles
