"""The territory, the administrations' offices, and which agents work in which office.

Territorial units are Morocco's regions, prefectures and provinces, communes and arrondissements
as the HCP publishes them (``territory.py`` loads them); their codes are HCP's and never change.
An office belongs to one administration and sits in one unit: a commune's bureau, a province's
division, a ministry's central service. An agent may work in several offices (``account_office``).
"""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from procedures.catalogue.models import Text

LEVELS = ("region", "province", "commune", "arrondissement")

account_office = sa.Table(
    "account_office",
    db.metadata,
    sa.Column("account_id", sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("office_id", sa.ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class TerritorialUnit(db.Model):
    __tablename__ = "territorial_unit"

    code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)  # HCP's code, e.g. 04.441.01.0
    level: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str | None] = mapped_column(sa.String(32))  # urban/rural, province/prefecture…
    parent_code: Mapped[str | None] = mapped_column(sa.ForeignKey("territorial_unit.code"), index=True)
    name: Mapped[dict] = mapped_column(Text)
    population: Mapped[int | None]

    parent = relationship("TerritorialUnit", remote_side=[code])

    __table_args__ = (sa.CheckConstraint(f"level IN {LEVELS}", name="level"),)

    def chain(self):
        """This unit, then its commune, province and region: where to look for an office, nearest first."""
        unit, found = self, []
        while unit is not None:
            found.append(unit)
            unit = unit.parent
        return found


class Office(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    administration_id: Mapped[int] = mapped_column(sa.ForeignKey("administration.id"))
    unit_code: Mapped[str] = mapped_column(sa.ForeignKey("territorial_unit.code"))
    central: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    name: Mapped[dict] = mapped_column(Text)
    address: Mapped[dict] = mapped_column(Text)
    hours: Mapped[dict] = mapped_column(Text)

    administration = relationship("Administration")
    unit = relationship("TerritorialUnit")

    __table_args__ = (sa.Index("ix_office_administration_unit", "administration_id", "unit_code"),)
