"""Reading the catalogue: which version is in force on a day, listings with filters, pages."""
import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from portal.extensions import db
from portal.pagecache import Generation

from .models import (
    ONLINE_MATURITY, Administration, Audience, Document, Fee, LegalReference, Procedure, Step, Text, Theme, Version,
    procedure_audience,
)

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


# The public pages of one procedure, read as plain values ---------------------------------------------------------
# A sheet is the version it shows with its procedure, theme and administration (one row), and its documents,
# steps, fees, legal references and the procedure's audiences (one query, UNION ALL): two queries however many
# there are, besides ``sheet_state``'s, whose versions' numbers and dates the views reuse. The objects are plain
# (never in the session, nothing to flush or load later), with the models' own rules borrowed as they are.

class Plain:
    """A row's values as attributes."""

    def __init__(self, **values):
        self.__dict__.update(values)


class PlainProcedure(Plain):
    is_withdrawn_on = Procedure.is_withdrawn_on
    version_on = Procedure.version_on
    next_version_after = Procedure.next_version_after


class PlainVersion(Plain):
    where_to_file = Version.where_to_file
    filing = Version.filing
    is_free = Version.is_free
    is_online = Version.is_online


def dated_versions(state):
    """The procedure of a ``sheet_state``, with its versions' ids, numbers and dates only (which one is in force
    on a day, which one comes next)."""
    procedure, versions = state[0], state[1]
    return PlainProcedure(id=procedure[0], withdrawn_on=procedure[1], versions=[
        PlainVersion(id=id, number=number, effective_from=effective_from) for id, number, effective_from in versions])


def prefixed(table, prefix):
    return [column.label(prefix + column.key) for column in table.columns]


def taken(row, prefix):
    return {key[len(prefix):]: value for key, value in row.items() if key.startswith(prefix)}


# The sheet's lists, in one query: (kind, position, id, then the columns each kind fills; the others are NULL).
# The first branch gives the result's types (the JSON texts decoded, the amounts as Decimal, on every database).
LIST_COLUMNS = (("text", Text), ("other_text", Text), ("word", sa.String), ("number", sa.Integer),
                ("flag", sa.Boolean), ("amount", sa.Numeric(12, 2)))
DOCUMENTS, STEPS, FEES, REFERENCES, AUDIENCES = range(5)


def list_branch(kind, table_position, table_id, **filled):
    columns = [sa.literal(kind, sa.Integer).label("kind"), table_position.label("position"), table_id.label("id")]
    for name, type_ in LIST_COLUMNS:
        value = filled.get(name)  # NULLs typed: PostgreSQL would take an untyped one for text
        columns.append((sa.cast(sa.null(), type_) if value is None else sa.type_coerce(value, type_)).label(name))
    return sa.select(*columns)


def sheet_lists(version_id, procedure_id):
    branches = [
        list_branch(DOCUMENTS, Document.position, Document.id, text=Document.name, other_text=Document.note,
                    word=Document.form, number=Document.quantity).where(Document.version_id == version_id),
        list_branch(STEPS, Step.position, Step.id, text=Step.actor, other_text=Step.action)
        .where(Step.version_id == version_id),
        list_branch(FEES, Fee.position, Fee.id, text=Fee.label, amount=Fee.amount_mad)
        .where(Fee.version_id == version_id),
        list_branch(REFERENCES, LegalReference.position, LegalReference.id, text=LegalReference.title,
                    word=LegalReference.url, flag=LegalReference.allows_longer_wait)
        .where(LegalReference.version_id == version_id),
        list_branch(AUDIENCES, Audience.position, Audience.id, text=Audience.name, word=Audience.slug)
        .join(procedure_audience, procedure_audience.c.audience_id == Audience.id)
        .where(procedure_audience.c.procedure_id == procedure_id),
    ]
    union = sa.union_all(*branches).subquery()
    lists = {kind: [] for kind in range(5)}
    for row in db.session.execute(sa.select(union).order_by(union.c.kind, union.c.position, union.c.id)):
        kind = row.kind
        if kind == DOCUMENTS:
            item = Plain(id=row.id, version_id=version_id, position=row.position, name=row.text, note=row.other_text,
                         form=row.word, quantity=row.number)
        elif kind == STEPS:
            item = Plain(id=row.id, version_id=version_id, position=row.position, actor=row.text,
                         action=row.other_text)
        elif kind == FEES:
            item = Plain(id=row.id, version_id=version_id, position=row.position, label=row.text,
                         amount_mad=row.amount)
        elif kind == REFERENCES:
            item = Plain(id=row.id, version_id=version_id, position=row.position, title=row.text, url=row.word,
                         allows_longer_wait=row.flag)
        else:
            item = Plain(id=row.id, slug=row.word, name=row.text, position=row.position)
        lists[kind].append(item)
    return lists


def sheet(version_id):
    """``(procedure, version)`` for a sheet, as plain values: the version with its lists, the procedure with its
    theme, administration and audiences. Two queries."""
    row = db.session.execute(
        sa.select(*prefixed(Version.__table__, "v_"), *prefixed(Procedure.__table__, "p_"),
                  *prefixed(Theme.__table__, "t_"), *prefixed(Administration.__table__, "a_"))
        .join(Procedure, Procedure.id == Version.procedure_id).join(Theme, Theme.id == Procedure.theme_id)
        .join(Administration, Administration.id == Procedure.administration_id)
        .where(Version.id == version_id)).mappings().one()
    lists = sheet_lists(version_id, row["p_id"])
    procedure = PlainProcedure(**taken(row, "p_"), theme=Plain(**taken(row, "t_")),
                               administration=Plain(**taken(row, "a_")), audiences=lists[AUDIENCES])
    version = PlainVersion(**taken(row, "v_"), procedure=procedure, documents=lists[DOCUMENTS], steps=lists[STEPS],
                           fees=lists[FEES], legal_basis=lists[REFERENCES])
    return procedure, version


def history(procedure_id):
    """The procedure (its slug) with every version's number, date of effect, title and note: one query."""
    rows = db.session.execute(
        sa.select(Procedure.slug, Procedure.withdrawn_on, *prefixed(Version.__table__, "v_"))
        .outerjoin(Version, Version.procedure_id == Procedure.id).where(Procedure.id == procedure_id)
        .order_by(Version.number)).mappings().all()
    procedure = PlainProcedure(id=procedure_id, slug=rows[0]["slug"], withdrawn_on=rows[0]["withdrawn_on"])
    procedure.versions = [PlainVersion(**taken(row, "v_"), procedure=procedure) for row in rows
                          if row["v_id"] is not None]
    return procedure
