"""The catalogue's tables.

A procedure is a stable identity (code, slug, administration, theme, audiences);
what the law makes enforceable lives in its versions. A version, once stored, is
never edited: a change is a new version with the next number and its own date
of effect (see ``immutability.py``). Texts a citizen reads are stored as
``{"ar": "…", "fr": "…"}`` objects so that adding a language is data, not schema.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.deadlines import DAY_UNITS, ON_INCOMPLETE, SILENCE_MEANINGS  # the clock's own words
from procedures.clock import utcnow  # the one clock

Text = sa.JSON().with_variant(JSONB(), "postgresql")

DOCUMENT_FORMS = ("original", "copy")
THEME_SCOPES = ("local", "national")
MATURITY_LEVELS = (1, 2, 3, 4)
FILING_COLUMNS = {"places": "filing_places", "online_url": "online_url"}  # the format's "filing" group
# Where one files (issue 12): with the commune one lives in, the commune where the property lies,
# at any office of the administration, or at its one central office. ``None``: a version published
# before the field existed, read by ``Version.where_to_file`` from its administration.
WHERE_TO_FILE = ("residence", "property", "any_office", "central")
ONLINE_MATURITY = 3  # from level 3 on, at least part of the procedure is done online


procedure_audience = sa.Table(
    "procedure_audience",
    db.metadata,
    sa.Column("procedure_id", sa.ForeignKey("procedure.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("audience_id", sa.ForeignKey("audience.id", ondelete="RESTRICT"), primary_key=True),
)


class Audience(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[dict] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)


class Theme(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scope: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[dict] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)

    __table_args__ = (sa.CheckConstraint(f"scope IN {THEME_SCOPES}", name="scope"),)


class Administration(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    name: Mapped[dict] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)


class Procedure(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    slug: Mapped[str] = mapped_column(sa.String(128), unique=True)
    administration_id: Mapped[int] = mapped_column(sa.ForeignKey("administration.id"), index=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("theme.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by a reviewed withdrawal: from that day no version is in force; the history stays public.
    withdrawn_on: Mapped[date | None]

    administration: Mapped[Administration] = relationship(lazy="joined")
    theme: Mapped[Theme] = relationship(lazy="joined")
    audiences: Mapped[list[Audience]] = relationship(
        secondary=procedure_audience, order_by="Audience.position"
    )
    versions: Mapped[list["Version"]] = relationship(
        back_populates="procedure", order_by="Version.number", cascade="all, delete-orphan"
    )

    def is_withdrawn_on(self, day: date):
        return self.withdrawn_on is not None and self.withdrawn_on <= day

    def version_on(self, day: date):
        """The version in force on ``day``: the latest date of effect not after it,
        unless the procedure was withdrawn by then."""
        if self.is_withdrawn_on(day):
            return None
        in_force = [v for v in self.versions if v.effective_from <= day]
        return max(in_force, key=lambda v: (v.effective_from, v.number), default=None)

    def next_version_after(self, day: date):
        """The first version that takes effect after ``day``, if one is scheduled."""
        later = [v for v in self.versions if v.effective_from > day]
        return min(later, key=lambda v: (v.effective_from, v.number), default=None)


class Version(db.Model):
    __tablename__ = "procedure_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(sa.ForeignKey("procedure.id", ondelete="CASCADE"))
    number: Mapped[int]
    effective_from: Mapped[date]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    change_note: Mapped[dict] = mapped_column(Text)
    title: Mapped[dict] = mapped_column(Text)
    summary: Mapped[dict] = mapped_column(Text)
    eligibility: Mapped[dict] = mapped_column(Text)
    filing_places: Mapped[dict] = mapped_column(Text)
    online_url: Mapped[str | None] = mapped_column(sa.String(500))
    processing_days: Mapped[int]
    silence: Mapped[str] = mapped_column(sa.String(16))
    maturity: Mapped[int]
    investment: Mapped[bool] = mapped_column(default=False)
    # How the clock of a request runs (the texts leave these to each procedure, so they are data):
    day_unit: Mapped[str] = mapped_column(sa.String(16), default="calendar", server_default="calendar")
    silence_days: Mapped[int | None]  # None: silence takes effect at the end of the deadline
    extension_days: Mapped[int | None]  # None: no extension; else one, for an expertise or a public inquiry
    on_incomplete: Mapped[str] = mapped_column(sa.String(16), default="restart", server_default="restart")
    tacit_authority: Mapped[dict | None] = mapped_column(Text)  # who certifies a tacit approval
    filing_place: Mapped[str | None] = mapped_column(sa.String(16))  # one of WHERE_TO_FILE

    procedure: Mapped[Procedure] = relationship(back_populates="versions")
    documents: Mapped[list["Document"]] = relationship(
        order_by="Document.position", cascade="all, delete-orphan"
    )
    steps: Mapped[list["Step"]] = relationship(order_by="Step.position", cascade="all, delete-orphan")
    fees: Mapped[list["Fee"]] = relationship(order_by="Fee.position", cascade="all, delete-orphan")
    legal_basis: Mapped[list["LegalReference"]] = relationship(
        order_by="LegalReference.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.UniqueConstraint("procedure_id", "number", name="uq_procedure_version_number"),
        sa.Index("ix_procedure_version_in_force", "procedure_id", "effective_from", "number"),
        sa.CheckConstraint("number >= 1", name="number"),
        sa.CheckConstraint("processing_days >= 0", name="processing_days"),
        sa.CheckConstraint(f"maturity BETWEEN {min(MATURITY_LEVELS)} AND {max(MATURITY_LEVELS)}", name="maturity"),
        sa.CheckConstraint(f"silence IN {SILENCE_MEANINGS}", name="silence"),
        sa.CheckConstraint(f"day_unit IN {DAY_UNITS}", name="day_unit"),
        sa.CheckConstraint(f"on_incomplete IN {ON_INCOMPLETE}", name="on_incomplete"),
        sa.CheckConstraint("silence_days IS NULL OR silence_days >= processing_days", name="silence_days"),
        sa.CheckConstraint("extension_days IS NULL OR extension_days > 0", name="extension_days"),
        sa.CheckConstraint(f"filing_place IS NULL OR filing_place IN {WHERE_TO_FILE}", name="filing_place"),
    )

    @property
    def where_to_file(self):
        """What the version states, or for a version that states nothing (published before the field
        existed): local governments take requests where one lives, the others at their central office."""
        if self.filing_place:
            return self.filing_place
        administration = self.procedure.administration if self.procedure else None
        return "residence" if administration is not None and administration.kind == "local-government" else "central"

    @property
    def filing(self):
        return {key: getattr(self, column) for key, column in FILING_COLUMNS.items()}

    @property
    def is_free(self):
        return all(fee.amount_mad == 0 for fee in self.fees)

    @property
    def is_online(self):
        return self.maturity >= ONLINE_MATURITY


class Document(db.Model):
    __tablename__ = "version_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("procedure_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[dict] = mapped_column(Text)
    form: Mapped[str] = mapped_column(sa.String(16))
    quantity: Mapped[int] = mapped_column(default=1)
    note: Mapped[dict | None] = mapped_column(Text)

    __table_args__ = (
        sa.CheckConstraint(f"form IN {DOCUMENT_FORMS}", name="form"),
        sa.CheckConstraint("quantity >= 1", name="quantity"),
    )


class Step(db.Model):
    __tablename__ = "version_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("procedure_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    actor: Mapped[dict] = mapped_column(Text)
    action: Mapped[dict] = mapped_column(Text)


class Fee(db.Model):
    __tablename__ = "version_fee"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("procedure_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    label: Mapped[dict] = mapped_column(Text)
    amount_mad = mapped_column(sa.Numeric(12, 2), nullable=False)

    __table_args__ = (sa.CheckConstraint("amount_mad >= 0", name="amount_mad"),)


class LegalReference(db.Model):
    __tablename__ = "version_legal_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("procedure_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[dict] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(sa.String(500))
    # This text allows a longer wait than Law 55-19's caps (procedures.law.check_deadline flags it).
    allows_longer_wait: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
