"""The audit log, read and filtered by administrators."""
from datetime import date, datetime, time

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template, request

from portal.auth.access import role_required
from portal.auth.models import ADMIN
from portal.extensions import db
from portal.paging import page_number
from procedures.clock import MOROCCO, utc

from .models import AuditEntry

blueprint = Blueprint("audit", __name__, url_prefix="/<lang_code>/office/audit")


def day_argument(name):
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@blueprint.get("/")
@role_required(ADMIN)
def index():
    stmt = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    actor, action = request.args.get("actor", "").strip(), request.args.get("action", "").strip()
    since, until = day_argument("since"), day_argument("until")
    if actor:
        stmt = stmt.where(AuditEntry.actor.ilike(f"%{actor}%"))
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if since:  # Moroccan days; the log keeps UTC
        stmt = stmt.where(AuditEntry.at >= utc(datetime.combine(since, time.min, tzinfo=MOROCCO)))
    if until:
        stmt = stmt.where(AuditEntry.at <= utc(datetime.combine(until, time.max, tzinfo=MOROCCO)))
    page = page_number()
    size = current_app.config["PAGE_SIZE"] * 5
    entries = db.session.scalars(stmt.limit(size + 1).offset((page - 1) * size)).all()
    actions = db.session.scalars(sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)).all()
    return render_template("office/audit.html", entries=entries[:size], more=len(entries) > size, page=page,
                           actions=actions, filters={"actor": actor, "action": action,
                                                     "since": since, "until": until})
