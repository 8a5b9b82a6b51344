"""The national commission's side: the queue of submissions, the diff, publish or return."""
from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import role_required
from portal.auth.models import REVIEWER
from portal.extensions import db
from portal.i18n import languages
from procedures import clock

from . import content as draft_content
from . import operations
from .diff import compare
from procedures.catalogue.law_messages import describe
from .models import SUBMITTED, WITHDRAWAL, Draft

blueprint = Blueprint("review", __name__, url_prefix="/<lang_code>/office/review")

REVIEW_MESSAGES = {
    "not_submitted": lambda: _("This draft is not waiting for review."),
    "comment_required": lambda: _("Say what the editor should change."),
    "date_in_the_past": lambda: _("The date of effect must be today or later."),
    "change_note_required": lambda: _("Write the public change note in Arabic and in French."),
    "has_errors": lambda: _("The draft no longer passes the checks; return it to the editor."),
    "invalid_date": lambda: _("Give the date of effect as a date."),
}


@blueprint.get("/")
@role_required(REVIEWER)
def queue():
    drafts = db.session.scalars(sa.select(Draft).filter_by(status=SUBMITTED).order_by(Draft.submitted_at)).all()
    return render_template("office/review_queue.html", drafts=drafts)


def submitted_draft(draft_id):
    draft = db.session.get(Draft, draft_id) or abort(404)
    if draft.status != SUBMITTED:
        abort(404)
    return draft


def page(draft, error=None, status=200):
    current = draft.procedure.version_on(clock.today()) if draft.procedure else None
    old = draft_content.from_version(current) if current else None
    rows = compare(old, draft.content) if draft.kind != WITHDRAWAL else []
    findings = operations.findings_for(draft)
    return render_template("office/review.html", draft=draft, current=current, rows=rows, error=error,
                           findings=findings, describe=describe, languages=languages(),
                           today=clock.today(), form=request.form,
                           change_note={lang: request.form.get(f"change_note-{lang}", "")
                                        for lang in languages()}), status


@blueprint.get("/<int:draft_id>")
@role_required(REVIEWER)
def show(draft_id):
    return page(submitted_draft(draft_id))


@blueprint.post("/<int:draft_id>/publish")
@role_required(REVIEWER)
def publish(draft_id):
    draft = submitted_draft(draft_id)
    try:
        effective_from = date.fromisoformat(request.form.get("effective_from", ""))
    except ValueError:
        return page(draft, REVIEW_MESSAGES["invalid_date"](), 400)
    note = {lang: request.form.get(f"change_note-{lang}", "").strip() for lang in languages()}
    try:
        operations.publish(current_user, draft, effective_from, {k: v for k, v in note.items() if v})
    except operations.WorkflowError as error:
        db.session.rollback()
        return page(draft, REVIEW_MESSAGES[error.code](), 400)
    transaction.commit()
    flash(_("Published. It takes effect on %(date)s.", date=effective_from.isoformat()))
    return redirect(url_for(".queue"))


@blueprint.post("/<int:draft_id>/return")
@role_required(REVIEWER)
def send_back(draft_id):
    draft = submitted_draft(draft_id)
    try:
        operations.return_to_editor(current_user, draft, request.form.get("comment", ""))
    except operations.WorkflowError as error:
        return page(draft, REVIEW_MESSAGES[error.code](), 400)
    transaction.commit()
    flash(_("Returned to the editor with your comment."))
    return redirect(url_for(".queue"))

