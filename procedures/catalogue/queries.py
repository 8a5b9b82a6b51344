"""Reading the catalogue: which version is in force on a day, listings with filters, pages."""
import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from portal.extensions import db
from portal.generations import Generation

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
    # Each row's fees come with the page (is_free), not in a query per row.
    return stmt.order_by(Version.title[lang].as_string(), Procedure.code).options(selectinload(Version.fees))


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


def procedure_for_sheet(slug):
    """The procedure with its theme, administration (joined), audiences and versions (one query each)."""
    return db.session.scalar(sa.select(Procedure).where(Procedure.slug == slug)
                             .options(selectinload(Procedure.versions), selectinload(Procedure.audiences)))


def load_details(version):
    """A version's documents, steps, fees and legal references: one query each, however many there are."""
    if version is not None:
        db.session.scalars(sa.select(Version).where(Version.id == version.id).options(
            selectinload(Version.documents), selectinload(Version.steps), selectinload(Version.fees),
            selectinload(Version.legal_basis))).all()
    return version


def sheet_state(slug, today):
    """What a procedure's pages show, as plain values, in one indexed query: the procedure's own fields and
    every version's id and date of effect, with the version in force ``today`` and those scheduled after it,
    and the taxonomy's generation (the names of its theme, administration and audiences).
    None if there is no such procedure."""
    taxonomy = sa.select(Generation.value).where(Generation.name == "taxonomy").scalar_subquery()
    rows = db.session.execute(
        sa.select(Procedure.id, Procedure.withdrawn_on, Procedure.theme_id, Procedure.administration_id,
                  taxonomy, Version.id, Version.number, Version.effective_from)
        .outerjoin(Version, Version.procedure_id == Procedure.id).where(Procedure.slug == slug)
        .order_by(Version.number)).all()
    if not rows:
        return None
    procedure = tuple(rows[0][:5])
    versions = tuple((row[5], row[6], row[7]) for row in rows if row[5] is not None)
    withdrawn = procedure[1] is not None and procedure[1] <= today
    in_force = [v for v in versions if v[2] <= today]
    current = None if withdrawn else max(in_force, key=lambda v: (v[2], v[1]), default=(None,))[0]
    upcoming = tuple(v[0] for v in versions if v[2] > today)
    return procedure, versions, current, upcoming


def listing_state(day, filters, lang, number, size):
    """What a listing page shows, as plain values: the total and the (procedure, version) ids of the page."""
    stmt = listing(day, filters, lang)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
    size = min(max(size, 1), MAX_PAGE_SIZE)
    ids = db.session.execute(stmt.with_only_columns(Procedure.id, Version.id)
                             .limit(size).offset((max(number, 1) - 1) * size)).all()
    return total, tuple(tuple(row) for row in ids)
