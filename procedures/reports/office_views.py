"""The back office's side of reports: each administration's queue, the commission's view of all.

Agents and editors act for their administration (acknowledge, answer); the commission (reviewers)
adds findings and closes; admins read. Another administration's report is a 404, and so is, for an
agent, a report about an office they do not work in (``offices.access``: the same rule as requests;
editors, who correct the sheets, see all their administration's reports).
"""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import require_acts_for, role_required
from portal.auth.models import ADMIN, AGENT, EDITOR, REVIEWER
from portal.extensions import db
from procedures.offices import access

from . import operations
from .explain import event_sentence, outcome_labels
from .models import ACKNOWLEDGED, ANSWERED, CLOSED, OPEN, Report
from .notify import notify
from .views import kind_labels

blueprint = Blueprint("reports_office", __name__, url_prefix="/<lang_code>/office/reports")
STAFF = (AGENT, EDITOR, REVIEWER, ADMIN)
STEPS = {  # step -> (roles that may take it, operation)
    "acknowledge": ((AGENT, EDITOR), lambda report, form: operations.acknowledge(current_user, report)),
    "answer": ((AGENT, EDITOR), lambda report, form: operations.answer(
        current_user, report, form.get("outcome", ""), form.get("response", ""))),
    "finding": ((REVIEWER,), lambda report, form: operations.add_finding(current_user, report, form.get("text", ""))),
    "close": ((REVIEWER,), lambda report, form: operations.close(current_user, report, form.get("text", ""))),
}
STEP_MESSAGES = {
    "closed": lambda: _("This report is closed."),
    "already_acknowledged": lambda: _("This report was already acknowledged."),
    "already_answered": lambda: _("This report was already answered."),
    "outcome_required": lambda: _("Choose what became of the demand."),
    "text_required": lambda: _("Write a message."),
    "text_too_long": lambda: _("At most %(num)d characters, please shorten.", num=operations.MAX_TEXT),
}
# Waiting for someone first, then answered, then closed; newest first within each.
PENDING_FIRST = sa.case((Report.state.in_((OPEN, ACKNOWLEDGED)), 0), (Report.state == ANSWERED, 1), else_=2)


@blueprint.get("/")
@role_required(*STAFF)
def queue():
    stmt = sa.select(Report)
    if current_user.has_role(AGENT):
        stmt = access.scoped(stmt, Report)
    elif current_user.administration_id is not None:
        stmt = stmt.filter_by(administration_id=current_user.administration_id)
    show = request.args.get("show", "all")
    if show == "pending":
        stmt = stmt.where(Report.state.in_((OPEN, ACKNOWLEDGED)))
    elif show == "closed":
        stmt = stmt.where(Report.state == CLOSED)
    rows = db.session.scalars(stmt.order_by(PENDING_FIRST, Report.filed_at.desc(), Report.id.desc())
                              .limit(200)).all()
    return render_template("reports/queue.html", reports=rows, show=show, kinds=kind_labels())


def own_report(number):
    found = db.session.scalar(sa.select(Report).filter_by(number=number)) or abort(404)
    require_acts_for(found.administration_id)
    if current_user.has_role(AGENT):
        access.require_sees(found)
    return found


@blueprint.route("/<report>", methods=["GET", "POST"])
@role_required(*STAFF)
def detail(report):
    found = own_report(report)
    error = None
    if request.method == "POST":
        roles, operation = STEPS.get(request.form.get("step"), (None, None))
        if operation is None:
            abort(400)
        if not current_user.has_role(*roles):
            abort(403)
        try:
            event = operation(found, request.form)
            notify(found, event)  # in the same transaction; delivered after the commit
            transaction.commit()
        except operations.StepRefused as refused:
            db.session.rollback()
            error = STEP_MESSAGES[refused.code]()
            found = own_report(report)
        else:
            flash(_("Recorded."))
            return redirect(url_for(".detail", report=report))
    return render_template("reports/detail.html", report=found, error=error, kinds=kind_labels(),
                           outcomes=outcome_labels(), steps={name: current_user.has_role(*roles)
                                                             for name, (roles, _op) in STEPS.items()},
                           form=request.form, event_sentence=event_sentence), 400 if error else 200
