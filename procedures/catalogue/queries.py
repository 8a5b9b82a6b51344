"""Reading the catalogue: which version is in force on a day, listings with filters, pages."""
import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from portal.extensions import db

from .models import ONLINE_MATURITY, Administration, Audience, Fee, Procedure, Theme, Version

MAX_PAGE_SIZE = 100


def in_force_on(day):
    """SQL condition: ``Version`` is the version in force on ``day`` for its procedure
    (the latest date of effect not after ``day``; the higher number wins a tie)."""
    later = aliased(Version)
    superseded = sa.exists().where(
        later.procedure_id == Version.procedure_id,
        later.effective_from <= day,
        sa.or_(
            later.effective_from > Version.effective_from,
            sa.and_(later.effective_from == Version.effective_from, later.number > Version.number),
        ),
    )
    procedure = aliased(Procedure)
    withdrawn = sa.exists().where(procedure.id == Version.procedure_id, procedure.withdrawn_on <= day)
    return sa.and_(Version.effective_from <= day, ~superseded, ~withdrawn)


@dataclass(frozen=True)
class Filters:
    theme: str | None = None
    administration: str | None = None
    audience: str | None = None
    maturity: int | None = None
    online: bool | None = None
    free: bool | None = None
    q: str | None = None


def listing(day, filters, lang):
    """``(Procedure, Version in force)`` rows matching ``filters``, by title in ``lang``."""
    stmt = sa.select(Procedure, Version).join(Version, Version.procedure_id == Procedure.id).where(in_force_on(day))
    if filters.theme:
        stmt = stmt.join(Theme, Procedure.theme_id == Theme.id).where(Theme.slug == filters.theme)
    if filters.administration:
        stmt = stmt.join(Administration, Procedure.administration_id == Administration.id).where(
            Administration.code == filters.administration)
    if filters.audience:
        stmt = stmt.where(Procedure.audiences.any(Audience.slug == filters.audience))
    if filters.maturity:
        stmt = stmt.where(Version.maturity == filters.maturity)
    if filters.online is not None:
        stmt = stmt.where((Version.maturity >= ONLINE_MATURITY) == filters.online)
    if filters.free is not None:
        paid = sa.exists().where(Fee.version_id == Version.id, Fee.amount_mad > 0)
        stmt = stmt.where(~paid if filters.free else paid)
    if filters.q:
        pattern = "%" + filters.q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(sa.cast(Version.title, sa.Text).ilike(pattern, escape="\\"))
    return stmt.order_by(Version.title[lang].as_string(), Procedure.code)


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    number: int
    size: int

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.size))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def paginate(stmt, number, size):
    size = min(max(size, 1), MAX_PAGE_SIZE)
    number = max(number, 1)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.execute(stmt.limit(size).offset((number - 1) * size)).all()
    return Page(items=[tuple(row) for row in rows], total=total, number=number, size=size)


def counts_in_force(day, column, join=None):
    """How many procedures in force per value of ``column`` (e.g. ``Procedure.theme_id``);
    ``join`` is an extra ``(table, condition)`` the column needs."""
    stmt = sa.select(column, sa.func.count()).select_from(Procedure).join(Version, Version.procedure_id == Procedure.id)
    if join is not None:
        stmt = stmt.join(*join)
    stmt = stmt.where(in_force_on(day)).group_by(column)
    return dict(db.session.execute(stmt).all())


def procedure_by_slug(slug):
    return db.session.scalar(sa.select(Procedure).where(Procedure.slug == slug))
