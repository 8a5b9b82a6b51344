"""A draft's content: a version in the catalogue format, without number, date or change note."""
from decimal import Decimal

from portal.extensions import db
from procedures.catalogue.models import Administration, Audience, Procedure, Theme
from procedures.catalogue.schemas import PUBLICATION_FIELDS, VersionSchema, blank, content_fields


def empty():
    """A new draft: every field of a version (``content_fields``), blank."""
    return {name: blank(declared) for name, declared in content_fields().items()}


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
