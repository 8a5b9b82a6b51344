"""What readers said of the sheets: editors see their administration's procedures, the commission
and admins see all. Counts per procedure, then the comments, newest first."""
import sqlalchemy as sa
from flask import Blueprint, abort, render_template
from flask_login import current_user

from portal.auth.access import require_acts_for, role_required
from portal.auth.models import ADMIN, EDITOR, REVIEWER
from portal.extensions import db
from procedures.catalogue.models import Procedure
from procedures.catalogue.queries import procedure_by_slug

from .models import Feedback

blueprint = Blueprint("feedback_office", __name__, url_prefix="/<lang_code>/office/feedback")


def _counts():
    return (sa.func.sum(sa.case((Feedback.useful.is_(True), 1), else_=0)).label("yes"),
            sa.func.sum(sa.case((Feedback.useful.is_(False), 1), else_=0)).label("no"),
            sa.func.count(Feedback.comment).label("comments"))


@blueprint.get("/")
@role_required(EDITOR, REVIEWER, ADMIN)
def index():
    stmt = (sa.select(Procedure, *_counts()).join(Feedback, Feedback.procedure_id == Procedure.id)
            .group_by(Procedure.id).order_by(sa.func.max(Feedback.at).desc()))
    if current_user.administration_id is not None:
        stmt = stmt.where(Procedure.administration_id == current_user.administration_id)
    return render_template("reports/feedback_index.html", rows=db.session.execute(stmt).all())


@blueprint.get("/<slug>")
@role_required(EDITOR, REVIEWER, ADMIN)
def procedure(slug):
    found = procedure_by_slug(slug) or abort(404)
    require_acts_for(found.administration_id)
    counts = db.session.execute(sa.select(*_counts()).where(Feedback.procedure_id == found.id)).one()
    comments = db.session.scalars(sa.select(Feedback).where(Feedback.procedure_id == found.id,
                                                            Feedback.comment.is_not(None))
                                  .order_by(Feedback.at.desc(), Feedback.id.desc()).limit(500)).all()
    return render_template("reports/feedback_procedure.html", procedure=found, counts=counts, comments=comments)
