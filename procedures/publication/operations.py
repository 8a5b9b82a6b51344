"""The publishing workflow's writes. Each flushes, none commits: the caller commits once.

draft ⇄ (save) → submitted → returned → submitted … → published
Every step is written to the audit log with the change it describes.
"""
import sqlalchemy as sa

from functools import partial

from portal import audit, transaction
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Audience, Procedure, Theme
from procedures.catalogue.transfer import build_version
from procedures.search import indexing

from . import content as draft_content
from .checks import check_draft
from .identity import check_identity, check_reason
from .models import EDITABLE, NEW_PROCEDURE, NEW_VERSION, OPEN, PUBLISHED, RETURNED, SUBMITTED, WITHDRAWAL, Draft


class WorkflowError(Exception):
    """A step that is not allowed now; ``code`` keys a translated message."""

    def __init__(self, code, findings=()):
        super().__init__(code)
        self.code = code
        self.findings = list(findings)


def open_draft_of(procedure):
    return db.session.scalar(sa.select(Draft).where(Draft.procedure_id == procedure.id, Draft.status.in_(OPEN)))


def start_procedure(account, administration_id, identity):
    """A draft of a new procedure; ``identity`` holds its proposed code, slug, theme and audiences."""
    draft = Draft(kind=NEW_PROCEDURE, administration_id=administration_id, created_by_id=account.id,
                  content={**draft_content.empty(), "procedure": identity})
    db.session.add(draft)
    db.session.flush()
    audit.record("draft_created", f"draft:{draft.id}", account=account, kind=NEW_PROCEDURE, code=identity.get("code"))
    return draft


def start_version(account, procedure):
    """A draft of the next version, starting from the version in force (or the latest one)."""
    if open_draft_of(procedure):
        raise WorkflowError("change_under_way")
    base = procedure.version_on(clock.today()) or procedure.versions[-1]
    draft = Draft(kind=NEW_VERSION, administration_id=procedure.administration_id, procedure_id=procedure.id,
                  based_on_id=base.id, created_by_id=account.id, content=draft_content.from_version(base))
    db.session.add(draft)
    db.session.flush()
    audit.record("draft_created", f"draft:{draft.id}", account=account, kind=NEW_VERSION, procedure=procedure.code)
    return draft


def start_withdrawal(account, procedure, reason):
    if open_draft_of(procedure):
        raise WorkflowError("change_under_way")
    if procedure.withdrawn_on is not None:
        raise WorkflowError("already_withdrawn")
    draft = Draft(kind=WITHDRAWAL, administration_id=procedure.administration_id, procedure_id=procedure.id,
                  created_by_id=account.id, content={"reason": reason})
    db.session.add(draft)
    db.session.flush()
    audit.record("withdrawal_proposed", f"draft:{draft.id}", account=account, procedure=procedure.code)
    return draft


def save(account, draft, new_content):
    if draft.status not in EDITABLE:
        raise WorkflowError("not_editable")
    if draft.kind == NEW_PROCEDURE:
        new_content = {**new_content, "procedure": draft.content.get("procedure", {})}
    draft.content = new_content
    audit.record("draft_saved", f"draft:{draft.id}", account=account)
    db.session.flush()


def findings_for(draft):
    """Everything to fix (errors) or to consider (warnings) before publication."""
    if draft.kind == WITHDRAWAL:
        return check_reason(draft.content.get("reason"))
    identity = check_identity(draft.content.get("procedure", {})) if draft.kind == NEW_PROCEDURE else []
    return identity + check_draft(draft.content)


def submit(account, draft):
    if draft.status not in EDITABLE:
        raise WorkflowError("not_editable")
    findings = findings_for(draft)
    if any(finding.is_error for finding in findings):
        raise WorkflowError("has_errors", findings)
    draft.status, draft.submitted_at = SUBMITTED, clock.utcnow()
    audit.record("draft_submitted", f"draft:{draft.id}", account=account,
                 warnings=[f"{f.field}:{f.code}" for f in findings])
    db.session.flush()


def return_to_editor(account, draft, comment):
    if draft.status != SUBMITTED:
        raise WorkflowError("not_submitted")
    if not comment.strip():
        raise WorkflowError("comment_required")
    draft.status, draft.review_comment = RETURNED, comment.strip()
    audit.record("draft_returned", f"draft:{draft.id}", account=account, comment=comment.strip())
    db.session.flush()


def publish(account, draft, effective_from, change_note):
    """Publish a submitted draft: a new immutable version (or a withdrawal) from ``effective_from``."""
    if draft.status != SUBMITTED:
        raise WorkflowError("not_submitted")
    if effective_from < clock.today():
        raise WorkflowError("date_in_the_past")
    if draft.kind != WITHDRAWAL and not all((change_note or {}).get(lang) for lang in ("ar", "fr")):
        raise WorkflowError("change_note_required")
    findings = findings_for(draft)
    if any(finding.is_error for finding in findings):
        raise WorkflowError("has_errors", findings)
    procedure = _procedure_for(draft)
    if draft.kind == WITHDRAWAL:
        procedure.withdrawn_on = effective_from
    else:
        number = max((v.number for v in procedure.versions), default=0) + 1
        version = build_version(draft_content.as_version(draft.content, number, effective_from, change_note))
        procedure.versions.append(version)
        db.session.flush()
        draft.published_version_id = version.id
    draft.status, draft.effective_from, draft.procedure_id = PUBLISHED, effective_from, procedure.id
    # After the commit: the search index shows the version in force (or drops a withdrawn procedure);
    # versions dated later are picked up on their day by the index's freshness check.
    transaction.after_commit(partial(indexing.reindex_procedure, procedure.id))
    audit.record("withdrawal_published" if draft.kind == WITHDRAWAL else "version_published", f"draft:{draft.id}",
                 account=account, procedure=procedure.code, effective_from=effective_from.isoformat())
    db.session.flush()
    return procedure


def _procedure_for(draft):
    if draft.kind != NEW_PROCEDURE:
        return draft.procedure
    identity = draft.content["procedure"]
    procedure = Procedure(
        code=identity["code"], slug=identity["slug"], administration_id=draft.administration_id,
        theme=db.session.scalar(sa.select(Theme).filter_by(slug=identity["theme"])),
        audiences=db.session.scalars(sa.select(Audience).where(Audience.slug.in_(identity["audiences"]))).all(),
    )
    db.session.add(procedure)
    return procedure

