"""The administration's side: its requests by due date, and the steps an agent records."""
from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from portal.i18n import format_date
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import role_required
from portal.auth.models import AGENT
from portal.extensions import db
from portal.i18n import tr_plain
from procedures import clock
from procedures.catalogue.law_messages import MESSAGES
from procedures.offices.access import require_sees, scoped

from . import clock as request_clock
from . import operations
from .explain import timeline
from .models import FINAL, OPEN, TACITLY_APPROVED, WAITING, Request
from .notify import notify

blueprint = Blueprint("agent", __name__, url_prefix="/<lang_code>/office/requests")
WARNING_DAYS = 3

STEP_MESSAGES = {
    "already_decided": lambda: _("This request is already decided."),
    "already_acknowledged": lambda: _("This request was already acknowledged."),
    "incomplete_once": lambda: _("A file may be declared incomplete only once."),
    "unlisted_document": lambda: _("Choose among the documents the procedure lists."),
    "message_required": lambda: _("Write a message."),
    "not_waiting": lambda: _("This request is not waiting for documents."),
    "extension_reason": lambda: _("An extension is only for an expertise or a public inquiry."),
    "extension_once": lambda: _("The deadline may be extended only once."),
    "extension_not_allowed": lambda: _("This procedure does not allow an extension."),
    "extension_after_due": lambda: _("The deadline has already passed."),
    "incomplete_after_due": lambda: _("The deadline has already passed."),
    "complement_before_incompleteness": lambda: _("This request is not waiting for documents."),
    "complement_without_incompleteness": lambda: _("This request is not waiting for documents."),
    "before_filing": lambda: _("This request is already decided."),
    "reason_required": lambda: _("A refusal must give its reason."),
    "ground_required": lambda: _("A refusal must state its legal ground: choose one (for another ground, "
                                 "write it out)."),
    "after_decision": lambda: _("This request is already decided."),
}


def silence_decided(params):
    when = format_date(params["on"], "long")
    if params["state"] == TACITLY_APPROVED:
        return _("Silence has already decided: the request was approved by silence on %(date)s. That decision "
                 "is final; nothing can be approved, refused, declared incomplete or extended any more.", date=when)
    return _("Silence has already decided: the request was refused by silence on %(date)s. That decision is "
             "final; nothing can be approved, refused, declared incomplete or extended any more.", date=when)


def step_message(refused):
    if refused.code == "silence_decided":
        return silence_decided(refused.params)
    if refused.code == "unlawful_demand":
        return _("The message asks for something Law 55-19 (art. 7) forbids: %(what)s Ask only for the documents "
                 "the procedure lists.", what=" ".join(str(MESSAGES[code]) for code in refused.params["codes"]))
    return STEP_MESSAGES[refused.code]()


@blueprint.get("/")
@role_required(AGENT)
def queue():

    today = clock.today()
    state = request_clock.state_sql(today).label("state_today")  # a fallen silence shows before the sweep
    stmt = scoped(sa.select(Request, state), Request)  # this agent's offices only (issue 12)
    show = request.args.get("show", "open")
    if show == "waiting":
        stmt = stmt.where(state == WAITING)
    elif show == "overdue":
        stmt = stmt.where(state == OPEN, Request.due_on < today)
    elif show == "soon":
        days = max(0, min(request.args.get("days", 3, type=int) or 3, 60))
        stmt = stmt.where(state == OPEN, Request.due_on <= today + timedelta(days=days))
    elif show == "decided":
        stmt = stmt.where(state.in_(FINAL))
    else:
        stmt = stmt.where(state.in_((OPEN, WAITING)))
    rows = db.session.execute(stmt.order_by(Request.due_on.is_(None), Request.due_on, Request.id).limit(200)).all()
    # Warn before silence decides for the administration (Law 55-19): approvals falling within three days.
    falling = db.session.scalar(scoped(sa.select(sa.func.count()).select_from(Request), Request).where(
        Request.state == OPEN, Request.silence == "approval", Request.silence_on > today,
        Request.silence_on <= today + timedelta(days=WARNING_DAYS)))
    return render_template("requests/queue.html", rows=rows, show=show, today=today, falling=falling,
                           warning_days=WARNING_DAYS)


def own_request(number):
    found = db.session.scalar(sa.select(Request).filter_by(number=number)) or abort(404)
    require_sees(found)  # its administration and, for an agent assigned to offices, one of them
    return found


@blueprint.route("/<number>", methods=["GET", "POST"])
@role_required(AGENT)
def detail(number):
    found = own_request(number)
    error = None
    if request.method == "POST":
        step = request.form.get("step")
        try:
            if step == "acknowledge":
                event = operations.acknowledge(current_user, found)
            elif step == "incomplete":
                ids = [int(i) for i in request.form.getlist("documents") if i.isascii() and i.isdigit()]
                event = operations.declare_incomplete(current_user, found, ids, request.form.get("message", ""))
            elif step == "complement":
                event = operations.record_complement(found, account=current_user)
            elif step == "extend":
                event = operations.extend(current_user, found, request.form.get("reason", ""))
            elif step in ("approve", "refuse"):
                event = operations.decide(current_user, found, step == "approve", request.form.get("reason", ""),
                                          request.form.get("ground", ""), request.form.get("ground_text", ""))
            elif step == "note":
                event = operations.add_note(current_user, found, request.form.get("text", ""))
            else:
                abort(400)
            notify(found, event)  # in the same transaction; delivered after the commit
            transaction.commit()
            flash(_("Recorded."))
            return redirect(url_for(".detail", number=number))
        except operations.StepRefused as refused:
            db.session.rollback()
            error = step_message(refused)
            found = own_request(number)
    status = request_clock.standing(found)
    return render_template("requests/detail.html", request_=found, status=status, steps=timeline(found, status),
                           error=error, grounds=refusal_grounds(found)), 400 if error else 200


def refusal_grounds(found):
    """The grounds an agent may give for a refusal: the version's legal bases, a missing document, other."""
    grounds = [(f"{operations.GROUND_BASIS}:{index}", tr_plain(basis.title))
               for index, basis in enumerate(found.version.legal_basis)]
    return grounds + [(operations.GROUND_MISSING_DOCUMENT, _("A document the procedure lists is missing")),
                      (operations.GROUND_OTHER, _("Another ground (write it out)"))]
