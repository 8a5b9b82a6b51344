"""The deadline statistics by territory: per region, province or commune (issue 12).

A request counts where the office that received it sits: the office's unit, walked up to the level
asked (an arrondissement's office counts for its commune, province and region). Requests of an
administration without offices (or filed before offices existed) are in the total only, under "no
office". The same figures, the same small-cell rule (``figures.MINIMUM``) and the same cache.
"""
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from portal.extensions import db
from procedures.offices.models import Office, TerritorialUnit
from procedures.requests.models import Request

from . import figures
from .cache import cached
from .dialect import days_between

LEVELS = ("region", "province", "commune")
DEPTH = 4  # arrondissement, commune, province, region
NO_PLACE = ""  # not NULL: ``summarise`` keeps the key None for the total


def _place_at(level, units):
    """SQL: the code of the unit at ``level`` among an office's unit and its ancestors."""
    return sa.case(*[(unit.level == level, unit.code) for unit in units], else_=NO_PLACE)


def _per_request(period, level, administration_id):
    units = [aliased(TerritorialUnit, name=f"unit_{depth}") for depth in range(DEPTH)]
    decided = Request.decided_on.is_not(None)
    stmt = (sa.select(_place_at(level, units).label("place"), Request.state, Request.due_on, Request.decided_on,
                      Request.incomplete, days_between(Request.filed_on, Request.decided_on).label("days"),
                      sa.case((decided, figures.Version.processing_days)).label("decided_legal_days"))
            .join(figures.Version, figures.Version.id == Request.version_id)
            .outerjoin(Office, Office.id == Request.office_id)
            .outerjoin(units[0], units[0].code == Office.unit_code))
    for child, parent in zip(units, units[1:], strict=False):
        stmt = stmt.outerjoin(parent, parent.code == child.parent_code)
    stmt = stmt.where(Request.filed_on.between(period.start, period.end))
    if administration_id is not None:
        stmt = stmt.where(Request.administration_id == administration_id)
    return stmt.subquery("per_request")


def _compute(period, today, level, administration):
    found = figures._summary(_per_request(period, level, administration.id if administration else None), "place",
                             today)
    for item in found.values():
        for name in ("filed", "decided", "on_time", "known", "tacitly_approved", "implicitly_refused", "incomplete"):
            item[name] = int(item[name] or 0)
    total = found.pop(None)
    found.pop(NO_PLACE, None)  # no office (or an office above this level): in the total only
    names = dict(db.session.execute(sa.select(TerritorialUnit.code, TerritorialUnit.name)
                                    .where(TerritorialUnit.code.in_(list(found)))).all())
    rows = [figures.Row(code, names.get(code, {"ar": code, "fr": code}), figures._cells(found[code]), link=False)
            for code in sorted(found)]
    head = administration and {"code": administration.code, "name": administration.name}
    return figures.Table(period, today, head, rows, figures.Row(None, None, cells=figures._cells(total)))


def table(period, today, level, administration=None):
    """The figures for ``period`` per unit of ``level`` (region, province or commune); cached."""
    key = ("territory", period, today, level, administration.code if administration else None)
    return cached(key, lambda: _compute(period, today, level, administration))
