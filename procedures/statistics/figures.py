"""The deadline statistics: one aggregate query per page, never a loop over requests.

Per administration (or per procedure of one administration), for requests *filed* in the period:
- ``filed``: requests filed;
- ``decided``: requests with an explicit decision (approved or refused by the administration);
- ``within_deadline``: share of requests decided explicitly on or before their due day, out of the
  requests whose outcome is known: decided in any way (including by silence) or still undecided
  after their due day (as of today);
- ``tacitly_approved`` and ``implicitly_refused``: requests whose silence took effect;
- ``median_days``: median number of calendar days from filing to the explicit decision;
- ``legal_maximum_days``: median of the deadlines the versions set for those same requests
  (their ``processing_days``, in the version's unit), to set beside ``median_days``;
- ``incomplete``: share of requests declared incomplete.

No personal data is read. A cell computed from fewer than ``MINIMUM`` requests (a count below
5, a share or median whose basis is below 5) is withheld: ``Cell.hidden``; so is one more cell of
its column when the others and the total would give it back (``suppression``): ``Cell.withheld``.
"""
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.models import Administration, Procedure, Version
from procedures.requests.models import FINAL, IMPLICITLY_REFUSED, TACITLY_APPROVED, Request

from .cache import cached
from .dialect import days_between, summarise
from .suppression import complement_counts

MINIMUM = 5
METRICS = ("filed", "decided", "within_deadline", "tacitly_approved", "implicitly_refused", "median_days",
           "legal_maximum_days", "incomplete")
SHARES = ("within_deadline", "incomplete")
COUNTS = ("filed", "decided", "tacitly_approved", "implicitly_refused")  # they add up to the total
DAYS = ("median_days", "legal_maximum_days")


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def default(cls, today):
        """The last twelve months, today included."""
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return cls(year_ago + timedelta(days=1), today)


@dataclass(frozen=True)
class Cell:
    value: float | int | None
    basis: int  # how many requests the figure is computed from
    withheld: bool = False  # hidden although not small, so that a small one cannot be derived

    @property
    def small(self):
        return self.basis < MINIMUM

    @property
    def hidden(self):
        return self.small or self.withheld

    @property
    def shown(self):
        return None if self.hidden else self.value


@dataclass
class Row:
    """A line of figures; plain data (no ORM object), so that it can be cached."""

    code: str | None  # the administration's or the procedure's code; None for the total
    name: dict | None  # {"ar": …, "fr": …}: the administration's name or the procedure's latest title
    cells: dict = field(default_factory=dict)
    slug: str | None = None  # procedures only
    link: bool = True  # False: a territorial unit, which has no page of its own


@dataclass
class Table:
    period: Period
    today: date
    administration: dict | None  # {"code", "name"}; None: the overview by administration
    rows: list
    total: Row


def _per_request(period, administration_id):
    """One row per request filed in the period: only what the figures need, nothing personal.

    Every column of ``request`` read here is in the index ``ix_request_statistics``, which starts with
    ``filed_on``: a page is a range scan of that index (no visit to the wide rows, no join to the
    events: ``decided_on`` and ``incomplete`` are kept on the request), joined to the few versions.
    """
    decided = Request.decided_on.is_not(None)
    stmt = (sa.select(Request.administration_id.label("administration"), Request.procedure_id.label("procedure"),
                      Request.state, Request.due_on, Request.decided_on, Request.incomplete,
                      days_between(Request.filed_on, Request.decided_on).label("days"),
                      sa.case((decided, Version.processing_days)).label("decided_legal_days"))
            .join(Version, Version.id == Request.version_id)
            .where(Request.filed_on.between(period.start, period.end)))
    if administration_id is not None:
        stmt = stmt.where(Request.administration_id == administration_id)
    return stmt.subquery("per_request")


def _count_if(condition):
    return sa.func.count().filter(condition)


def _summary(per_request, group, today):
    """Counts and medians per group and in total, from one aggregate query."""
    r = per_request.c
    known = r.state.in_(FINAL) | (r.due_on < today)
    aggregates = {
        "filed": sa.func.count(), "decided": sa.func.count(r.decided_on),
        "on_time": _count_if(r.decided_on <= r.due_on), "known": _count_if(known),
        "tacitly_approved": _count_if(r.state == TACITLY_APPROVED),
        "implicitly_refused": _count_if(r.state == IMPLICITLY_REFUSED),
        "incomplete": _count_if(r.incomplete),
    }
    return summarise(per_request, group, aggregates, ("days", "decided_legal_days"))


def _cells(counts):
    def share(part, whole):
        return Cell(part / whole if whole else None, whole)
    return {
        "filed": Cell(counts["filed"], counts["filed"]),
        "decided": Cell(counts["decided"], counts["decided"]),
        "within_deadline": share(counts["on_time"], counts["known"]),
        "tacitly_approved": Cell(counts["tacitly_approved"], counts["tacitly_approved"]),
        "implicitly_refused": Cell(counts["implicitly_refused"], counts["implicitly_refused"]),
        "median_days": Cell(counts["median_days"], counts["decided"]),
        "legal_maximum_days": Cell(counts["median_decided_legal_days"], counts["decided"]),
        "incomplete": share(counts["incomplete"], counts["filed"]),
    }


def _compute(period, today, administration):
    group = "administration" if administration is None else "procedure"
    per_request = _per_request(period, administration.id if administration else None)
    found = _summary(per_request, group, today)
    for item in found.values():
        for name in ("filed", "decided", "on_time", "known", "tacitly_approved", "implicitly_refused", "incomplete"):
            item[name] = int(item[name] or 0)
    total = found.pop(None)
    names = row_names(group, list(found))
    ordered = sorted(found, key=lambda key: names[key][3])
    rows = [Row(names[key][0], names[key][1], _cells(found[key]), names[key][2]) for key in ordered]
    total = Row(None, None, cells=_cells(total))
    _protect(rows, total)
    head = administration and {"code": administration.code, "name": administration.name}
    return Table(period, today, head, rows, total)


def _protect(rows, total):
    """Withhold, per count column, more cells when a small one could be derived from the others and the
    total. Shares and medians are not sums: they cannot be subtracted, and their bases (how many requests
    were known, or late) are not published; the share of incomplete requests is a share of ``filed``,
    which is protected here."""
    for metric in COUNTS:
        cells = [row.cells[metric] for row in rows]
        chosen, whole = complement_counts([cell.value for cell in cells],
                                          [index for index, cell in enumerate(cells) if cell.small],
                                          total.cells[metric].hidden)
        if whole:
            total.cells[metric] = replace(total.cells[metric], withheld=True)
        for index in chosen:
            rows[index].cells[metric] = replace(cells[index], withheld=True)


def row_names(group, keys):
    """``{id: (code, name, slug, sort key)}`` for the administrations or procedures ``keys``
    (a procedure under the title of its latest version); the report counts use it too."""
    if group == "administration":
        return {a.id: (a.code, a.name, None, (a.position, a.code)) for a in db.session.execute(
            sa.select(Administration.id, Administration.code, Administration.name, Administration.position)
            .where(Administration.id.in_(keys)))}
    latest = (sa.select(Version.procedure_id, sa.func.max(Version.number).label("number"))
              .where(Version.procedure_id.in_(keys)).group_by(Version.procedure_id).subquery())
    stmt = (sa.select(Procedure.id, Procedure.code, Version.title, Procedure.slug)
            .join(latest, latest.c.procedure_id == Procedure.id)
            .join(Version, (Version.procedure_id == Procedure.id) & (Version.number == latest.c.number)))
    return {p.id: (p.code, p.title, p.slug, p.code) for p in db.session.execute(stmt)}


def table(period, today, administration=None):
    """The figures for ``period``, by administration, or by procedure of ``administration``; cached."""
    key = ("table", period, today, administration.code if administration else None)
    return cached(key, lambda: _compute(period, today, administration))
