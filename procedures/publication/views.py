"""The editors' side: their administration's procedures, drafts, the bilingual form, preview."""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import require_acts_for, role_required
from portal.auth.models import EDITOR, REVIEWER
from portal.extensions import db
from portal.i18n import languages
from procedures import clock
from procedures.catalogue.models import Audience, Theme
from procedures.catalogue.queries import procedure_by_slug
from procedures.catalogue.transfer import build_version

from . import content as draft_content
from . import listing
from . import operations
from .form import content_from_form
from .identity import check_identity, check_reason
from procedures.catalogue.law_messages import describe
from .models import OPEN, WITHDRAWAL, Draft

blueprint = Blueprint("publication", __name__, url_prefix="/<lang_code>/office")

WORKFLOW_MESSAGES = {
    "change_under_way": lambda: _("A change to this procedure is already under way: finish it first."),
    "already_withdrawn": lambda: _("This procedure is already withdrawn."),
    "not_editable": lambda: _("This draft is with the commission and cannot be changed now."),
    "has_errors": lambda: _("The draft cannot be submitted yet: correct the fields marked below."),
}


def own_procedure(slug):
    procedure = procedure_by_slug(slug) or abort(404)
    require_acts_for(procedure.administration_id)
    return procedure


def visible_draft(draft_id):
    """A draft the account may see: its administration's (editors) or any (reviewers)."""
    draft = db.session.get(Draft, draft_id) or abort(404)
    require_acts_for(draft.administration_id)
    return draft


def findings_by_field(findings):
    grouped = {}
    for finding in findings:
        grouped.setdefault(finding.field, []).append((finding.severity, describe(finding)))
    return grouped


@blueprint.get("/procedures/")
@role_required(EDITOR)
def procedures():
    q, theme = request.args.get("q", "")[:100], request.args.get("theme", "")[:64]
    state = request.args.get("state", "") if request.args.get("state") in listing.STATES else ""
    page = listing.editor_procedures(current_user.administration_id, q, theme, state,
                                     max(request.args.get("page", 1, type=int) or 1, 1),
                                     current_app.config["PAGE_SIZE"])
    shown = [row[0].id for row in page.items]
    drafts = {d.procedure_id: d for d in db.session.scalars(
        sa.select(Draft).where(Draft.procedure_id.in_(shown), Draft.status.in_(OPEN)))} if shown else {}
    themes = db.session.scalars(sa.select(Theme).order_by(Theme.position)).all()
    return render_template("office/procedures.html", page=page, procedures=[row[0] for row in page.items],
                           drafts=drafts, today=clock.today(), q=q, theme=theme, state=state, themes=themes)


@blueprint.get("/drafts/")
@role_required(EDITOR)
def drafts():
    rows = db.session.scalars(sa.select(Draft).filter_by(administration_id=current_user.administration_id)
                              .order_by(Draft.updated_at.desc())).all()
    return render_template("office/drafts.html", drafts=rows)


@blueprint.route("/drafts/new", methods=["GET", "POST"])
@role_required(EDITOR)
def new_procedure():
    identity, findings = {}, []
    if request.method == "POST":
        identity = {"code": request.form.get("code", "").strip().upper(),
                    "slug": request.form.get("slug", "").strip().lower(),
                    "theme": request.form.get("theme", ""), "audiences": request.form.getlist("audiences")}
        findings = check_identity(identity)
        if not findings:
            draft = operations.start_procedure(current_user, current_user.administration_id, identity)
            transaction.commit()
            return redirect(url_for(".edit", draft_id=draft.id))
    return render_template("office/new_procedure.html", identity=identity, errors=findings_by_field(findings),
                           themes=Theme.query.order_by(Theme.position).all(),
                           audiences=Audience.query.order_by(Audience.position).all())


@blueprint.post("/procedures/<slug>/new-version")
@role_required(EDITOR)
def new_version(slug):
    procedure = own_procedure(slug)
    try:
        draft = operations.start_version(current_user, procedure)
    except operations.WorkflowError as error:
        flash(WORKFLOW_MESSAGES[error.code](), "error")
        return redirect(url_for(".procedures"))
    transaction.commit()
    return redirect(url_for(".edit", draft_id=draft.id))


@blueprint.route("/procedures/<slug>/withdraw", methods=["GET", "POST"])
@role_required(EDITOR)
def withdraw(slug):
    procedure = own_procedure(slug)
    reason, errors = {}, {}
    if request.method == "POST":
        reason = {lang: request.form.get(f"reason-{lang}", "").strip() for lang in languages()}
        errors = findings_by_field(check_reason(reason))
        if not errors:
            try:
                draft = operations.start_withdrawal(current_user, procedure, reason)
            except operations.WorkflowError as error:
                flash(WORKFLOW_MESSAGES[error.code](), "error")
                return redirect(url_for(".procedures"))
            operations.submit(current_user, draft)
            transaction.commit()
            flash(_("The withdrawal has been sent to the commission."))
            return redirect(url_for(".drafts"))
    return render_template("office/withdraw.html", procedure=procedure, reason=reason, errors=errors)


@blueprint.route("/drafts/<int:draft_id>", methods=["GET", "POST"])
@role_required(EDITOR, REVIEWER)
def edit(draft_id):
    draft = visible_draft(draft_id)
    findings = []
    if request.method == "POST":
        if not current_user.has_role(EDITOR):
            abort(403)
        try:
            if draft.kind != WITHDRAWAL:
                operations.save(current_user, draft, content_from_form(request.form, languages()))
            if request.form.get("action") == "submit":
                operations.submit(current_user, draft)
                transaction.commit()
                flash(_("Sent to the national commission for review."))
                return redirect(url_for(".drafts"))
            transaction.commit()
            flash(_("Draft saved."))
            anchor = request.form.get("add", "")
            return redirect(url_for(".edit", draft_id=draft.id) + (f"#{anchor}" if anchor else ""))
        except operations.WorkflowError as error:
            transaction.commit()  # the content was saved; only the submission was refused
            flash(WORKFLOW_MESSAGES[error.code](), "error")
            findings = error.findings
    elif draft.editable:
        findings = [f for f in operations.findings_for(draft) if not f.is_error]  # warnings, shown early
    return render_template("office/draft.html", draft=draft, content=draft.content, languages=languages(),
                           errors=findings_by_field(findings), findings=findings, describe=describe)


@blueprint.get("/drafts/<int:draft_id>/preview")
@role_required(EDITOR, REVIEWER)
def preview(draft_id):
    """The sheet exactly as citizens will see it (the version is built in memory, never stored)."""
    draft = visible_draft(draft_id)
    if draft.kind == WITHDRAWAL:
        abort(404)
    procedure = draft.procedure or draft_content.provisional_procedure(draft)
    number = max((v.number for v in procedure.versions), default=0) + 1
    version = build_version(draft_content.for_preview(draft.content, number, clock.today()))
    return render_template("sheet.html", procedure=procedure, version=version, current=version,
                           asked_day=None, upcoming=None, preview=draft)



@blueprint.app_template_global()
def anchor(path):
    """The id of a form field from its content path: ``documents[2].name.ar`` → ``documents-2-name-ar``."""
    return path.replace("[", "-").replace("].", "-").replace("]", "").replace(".", "-")


@blueprint.app_template_global()
def problems(errors):
    return [(path, message) for path, items in errors.items() for severity, message in items if severity == "error"]
