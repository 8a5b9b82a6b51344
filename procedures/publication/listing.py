"""The editor's list of the administration's procedures: a search on code and titles, filters by
theme and by state, and pages (an administration may record hundreds of procedures)."""
import sqlalchemy as sa

from procedures.catalogue.models import Procedure, Theme, Version
from procedures.catalogue.queries import paginate

from .models import OPEN, Draft

STATES = ("in_force", "changing", "withdrawn")


def _like(text):
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def editor_procedures(administration_id, q="", theme="", state="", number=1, size=20):
    """A ``Page`` of ``(procedure,)`` rows, by code."""
    stmt = sa.select(Procedure).where(Procedure.administration_id == administration_id)
    if q.strip():
        pattern = _like(q)
        titled = sa.exists().where(Version.procedure_id == Procedure.id,
                                   sa.cast(Version.title, sa.Text).ilike(pattern, escape="\\"))
        stmt = stmt.where(sa.or_(Procedure.code.ilike(pattern, escape="\\"), titled))
    if theme:
        stmt = stmt.where(Procedure.theme_id == sa.select(Theme.id).where(Theme.slug == theme).scalar_subquery())
    changing = sa.exists().where(Draft.procedure_id == Procedure.id, Draft.status.in_(OPEN))
    if state == "withdrawn":
        stmt = stmt.where(Procedure.withdrawn_on.is_not(None))
    elif state == "in_force":
        stmt = stmt.where(Procedure.withdrawn_on.is_(None))
    elif state == "changing":
        stmt = stmt.where(changing)
    return paginate(stmt.order_by(Procedure.code), number, size)
