"""Checks on what a new procedure is called and where it is listed, and on a withdrawal's reason."""
import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.models import Audience, Procedure, Theme
from procedures.catalogue.schemas import CODE, REQUIRED_LANGUAGES, SLUG
from procedures.law import Finding


def check_identity(identity):
    findings = []
    code, slug = identity.get("code") or "", identity.get("slug") or ""
    if not CODE.match(code) or len(code) > 32:
        findings.append(Finding("error", "procedure.code", "invalid_code"))
    elif db.session.scalar(sa.select(Procedure.id).filter_by(code=code)):
        findings.append(Finding("error", "procedure.code", "code_taken"))
    if not SLUG.match(slug) or len(slug) > 128:
        findings.append(Finding("error", "procedure.slug", "invalid_slug"))
    elif db.session.scalar(sa.select(Procedure.id).filter_by(slug=slug)):
        findings.append(Finding("error", "procedure.slug", "slug_taken"))
    if not db.session.scalar(sa.select(Theme.id).filter_by(slug=identity.get("theme") or "")):
        findings.append(Finding("error", "procedure.theme", "missing_choice"))
    audiences = identity.get("audiences") or []
    known = db.session.scalars(sa.select(Audience.slug).where(Audience.slug.in_(audiences))).all()
    if not audiences or set(known) != set(audiences):
        findings.append(Finding("error", "procedure.audiences", "missing_choice"))
    return findings


def check_reason(reason):
    reason = reason or {}
    return [Finding("error", f"reason.{lang}", "missing_text") for lang in REQUIRED_LANGUAGES
            if not (reason.get(lang) or "").strip()]
