"""Reading the catalogue: which version is in force on a day, listings with filters, pages."""
import math
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from portal.extensions import db
from portal.generations import Generation, public_rows

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


def sheet_state(slug, today):
    """What a procedure's pages show, as plain values, in one indexed query: the procedure's own fields and
    every version's id and date of effect, with the version in force ``today`` and those scheduled after it,
    and the taxonomy's generation (the names of its theme, administration and audiences).
    None if there is no such procedure."""
    return procedure_pages(slug, today)[0]


def listing_state(day, filters, lang, number, size):
    """What a listing page shows, as plain values: the total and the (procedure, version) ids of the page."""
    stmt = listing(day, filters, lang)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
    size = min(max(size, 1), MAX_PAGE_SIZE)
    ids = db.session.execute(stmt.with_only_columns(Procedure.id, Version.id)
                             .limit(size).offset((max(number, 1) - 1) * size)).all()
    return total, tuple(tuple(row) for row in ids)


# The public pages of one procedure, read as plain values ---------------------------------------------------------
# One query reads the procedure by its slug with its theme, administration and every version (``procedure_pages``):
# the page cache names the page by its plain values (``sheet_state``), and the render reuses what was read. A
# sheet then reads the lists of the version it shows (documents, steps, fees, legal references, and the
# procedure's audiences) in one more query, however many there are; the history needs none. The objects are plain
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


# The statements are built once: SQLAlchemy then keeps their cache key, and their compiled form, for good.
# They are Core statements on the tables (no ORM entity), executed without the ORM's result machinery.

def table_slices(*tables, offset=0):
    """The columns of ``tables`` in one row, and for each table its columns' names and where they are in it."""
    columns, slices = [], []
    for table in tables:
        start = offset + len(columns)
        slices.append((tuple(column.key for column in table.columns), start, start + len(table.columns)))
        columns += list(table.columns)
    return columns, slices


def values(row, cut):
    names, start, end = cut
    return dict(zip(names, row[start:end], strict=True))


@cache
def procedure_statement():
    """A procedure by its slug, with its theme and administration, the taxonomy's generation, and every
    version (whole), by number: one row per version (one without any if it has none)."""
    procedure, version, generation = Procedure.__table__, Version.__table__, Generation.__table__
    theme, administration = Theme.__table__, Administration.__table__
    taxonomy = sa.select(generation.c.value).where(generation.c.name == "taxonomy").scalar_subquery()
    columns, slices = table_slices(procedure, theme, administration, version, offset=1)
    joined = (procedure.join(theme, theme.c.id == procedure.c.theme_id)
              .join(administration, administration.c.id == procedure.c.administration_id)
              .outerjoin(version, version.c.procedure_id == procedure.c.id))
    return (sa.select(taxonomy, *columns).select_from(joined).where(procedure.c.slug == sa.bindparam("slug"))
            .order_by(version.c.number)), slices


def procedure_pages(slug, today):
    """``(state, procedure)``: ``sheet_state``'s plain values, and the procedure they were read from, as plain
    objects (its theme, administration and every version, whole), for the pages to show. One query.
    ``(None, None)`` if there is no such procedure."""
    statement, (procedure_cut, theme_cut, administration_cut, version_cut) = procedure_statement()
    rows = public_rows(statement, {"slug": slug})
    if not rows:
        return None, None
    first = rows[0]
    procedure = PlainProcedure(**values(first, procedure_cut), theme=Plain(**values(first, theme_cut)),
                               administration=Plain(**values(first, administration_cut)))
    id_at = version_cut[0].index("id") + version_cut[1]
    procedure.versions = [PlainVersion(**values(row, version_cut), procedure=procedure) for row in rows
                          if row[id_at] is not None]
    versions = tuple((v.id, v.number, v.effective_from) for v in procedure.versions)
    withdrawn = procedure.withdrawn_on is not None and procedure.withdrawn_on <= today
    in_force = [v for v in versions if v[2] <= today]
    current = None if withdrawn else max(in_force, key=lambda v: (v[2], v[1]), default=(None,))[0]
    upcoming = tuple(v[0] for v in versions if v[2] > today)
    state = ((procedure.id, procedure.withdrawn_on, procedure.theme_id, procedure.administration_id, first[0]),
             versions, current, upcoming)
    return state, procedure


# A version's lists, in one query: (kind, position, id, then the columns each kind fills; the others are NULL).
# The first branch gives the result's types (the JSON texts decoded, the amounts as Decimal, on every database).
LIST_COLUMNS = (("text", Text), ("other_text", Text), ("word", sa.String), ("number", sa.Integer),
                ("flag", sa.Boolean), ("amount", sa.Numeric(12, 2)))
DOCUMENTS, STEPS, FEES, REFERENCES, AUDIENCES = range(5)


def list_branch(kind, table, **filled):
    columns = [sa.literal_column(str(kind), sa.Integer).label("kind"), table.c.position.label("position"),
               table.c.id.label("id")]
    for name, type_ in LIST_COLUMNS:
        value = filled.get(name)  # NULLs typed: PostgreSQL would take an untyped one for text
        columns.append((sa.cast(sa.null(), type_) if value is None else sa.type_coerce(value, type_)).label(name))
    return sa.select(*columns)


@cache
def lists_statement():
    documents, steps, fees = Document.__table__, Step.__table__, Fee.__table__
    references, audiences, links = LegalReference.__table__, Audience.__table__, procedure_audience
    union = sa.union_all(
        list_branch(DOCUMENTS, documents, text=documents.c.name, other_text=documents.c.note, word=documents.c.form,
                    number=documents.c.quantity).where(documents.c.version_id == sa.bindparam("version_id")),
        list_branch(STEPS, steps, text=steps.c.actor, other_text=steps.c.action)
        .where(steps.c.version_id == sa.bindparam("version_id")),
        list_branch(FEES, fees, text=fees.c.label, amount=fees.c.amount_mad)
        .where(fees.c.version_id == sa.bindparam("version_id")),
        list_branch(REFERENCES, references, text=references.c.title, word=references.c.url,
                    flag=references.c.allows_longer_wait).where(references.c.version_id == sa.bindparam("version_id")),
        list_branch(AUDIENCES, audiences, text=audiences.c.name, word=audiences.c.slug)
        .join(links, links.c.audience_id == audiences.c.id).where(links.c.procedure_id == sa.bindparam("procedure_id")),
    ).subquery()
    return sa.select(union).order_by(union.c.kind, union.c.position, union.c.id)


def with_lists(procedure, version):
    """``version`` (one of ``procedure_pages``' versions) given its documents, steps, fees and legal references,
    and ``procedure`` its audiences: one query, however many there are."""
    found = {kind: [] for kind in range(5)}
    version_id = version.id
    for kind, position, id, text, other_text, word, number, flag, amount in public_rows(
            lists_statement(), {"version_id": version_id, "procedure_id": procedure.id}):
        if kind == DOCUMENTS:
            item = Plain(id=id, version_id=version_id, position=position, name=text, note=other_text, form=word,
                         quantity=number)
        elif kind == STEPS:
            item = Plain(id=id, version_id=version_id, position=position, actor=text, action=other_text)
        elif kind == FEES:
            item = Plain(id=id, version_id=version_id, position=position, label=text, amount_mad=amount)
        elif kind == REFERENCES:
            item = Plain(id=id, version_id=version_id, position=position, title=text, url=word,
                         allows_longer_wait=flag)
        else:
            item = Plain(id=id, slug=word, name=text, position=position)
        found[kind].append(item)
    version.documents, version.steps, version.fees = found[DOCUMENTS], found[STEPS], found[FEES]
    version.legal_basis, procedure.audiences = found[REFERENCES], found[AUDIENCES]
    return version
