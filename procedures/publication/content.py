"""A draft's content: a version in the catalogue format, without number, date or change note."""
from decimal import Decimal

from procedures.catalogue.models import Administration, Audience, Procedure, Theme
from procedures.catalogue.schemas import VersionSchema
from portal.extensions import db

PUBLICATION_FIELDS = ("number", "effective_from", "change_note")


def empty():
    return {
        "title": {}, "summary": {}, "eligibility": {}, "documents": [], "steps": [],
        "filing": {"places": {}, "online_url": None}, "processing_days": None, "fees": None,
        "legal_basis": [], "silence": None, "maturity": None, "investment": False,
        "day_unit": "calendar", "silence_days": None, "extension_days": None, "on_incomplete": "restart",
        "tacit_authority": None, "filing_place": None,
    }


def from_version(version):
    """The content of a published version, as the starting point of the next one."""
    data = VersionSchema(exclude=PUBLICATION_FIELDS).dump(version)
    return {**empty(), **data}


def as_version(content, number, effective_from, change_note):
    """The loaded version (Python types) that publication stores."""
    return VersionSchema().load({**content, "number": number, "effective_from": effective_from.isoformat(),
                                 "change_note": change_note})


def for_preview(content, number, day):
    """What ``build_version`` needs, from a draft that may still be incomplete."""
    data = {**empty(), **content}
    data.pop("procedure", None)
    return {
        **data,
        "number": number, "effective_from": day, "change_note": {},
        "processing_days": data["processing_days"] or 0,
        "silence": data["silence"] or "none",
        "maturity": data["maturity"] or 1,
        "fees": [{**fee, "amount_mad": Decimal(fee.get("amount_mad") or 0)} for fee in data["fees"] or []],
        "documents": [{**d, "quantity": d.get("quantity") or 1} for d in data["documents"]],
    }


def provisional_procedure(draft):
    """An unsaved procedure for previewing a new one's sheet."""
    identity = draft.content.get("procedure", {})
    return Procedure(
        code=identity.get("code", ""), slug=identity.get("slug", ""),
        administration=db.session.get(Administration, draft.administration_id),
        theme=Theme.query.filter_by(slug=identity.get("theme")).first() or Theme(slug="", name={}),
        audiences=Audience.query.filter(Audience.slug.in_(identity.get("audiences", []))).all(),
    )
