"""Reports of unlisted demands counted for the statistics: per administration (or per procedure of one
administration), for reports sent in the period. One aggregate query; no personal data is read.
A count from 1 to 4 is withheld, as the deadline statistics withhold figures from fewer than 5 requests."""
from dataclasses import dataclass, replace

import sqlalchemy as sa

from portal.extensions import db
from procedures.reports.models import Report

from .figures import MINIMUM, row_names
from .suppression import complement_counts


@dataclass(frozen=True)
class Count:
    """A number of reports. Between 1 and 4 it is withheld (it could point at a person); zero is not."""

    value: int
    withheld: bool = False  # hidden although not small, so that a small one cannot be derived

    @property
    def small(self):
        return 0 < self.value < MINIMUM

    @property
    def hidden(self):
        return self.small or self.withheld


@dataclass(frozen=True)
class Line:
    code: str
    name: dict
    reports: Count
    slug: str | None = None  # procedures only


@dataclass(frozen=True)
class Counts:
    rows_are: str  # "administration" or "procedure"
    rows: list
    total: Count

    def by_code(self):
        return {line.code: line for line in self.rows}


def counts(period, administration=None):
    """The reports sent from ``period.start`` to ``period.end``, by administration, or by procedure
    of ``administration``."""
    rows_are = "administration" if administration is None else "procedure"
    key = Report.administration_id if administration is None else Report.procedure_id
    stmt = (sa.select(key.label("key"), sa.func.count().label("n"))
            .where(Report.filed_on.between(period.start, period.end)).group_by(key))
    if administration is not None:
        stmt = stmt.where(Report.administration_id == administration.id)
    found = dict(db.session.execute(stmt).all())
    names = row_names(rows_are, list(found))
    rows = [Line(code, name, Count(found[key]), slug)
            for key, (code, name, slug, _order) in sorted(names.items(), key=lambda item: item[1][3])]
    total = Count(sum(found.values()))
    values = [line.reports.value for line in rows]
    small = [index for index, line in enumerate(rows) if line.reports.small]
    chosen, whole = complement_counts(values, small, total.hidden, lowest=1)
    for index in chosen:
        rows[index] = replace(rows[index], reports=replace(rows[index].reports, withheld=True))
    if whole:
        total = replace(total, withheld=True)
    return Counts(rows_are, rows, total)
