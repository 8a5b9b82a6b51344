"""The bilingual editor form: field names in, draft content out.

Fields are named after the content's paths: ``title-ar``, ``documents-2-name-fr``,
``fees-0-amount_mad``. Repeatable rows work without JavaScript: the form always
shows one blank row more, blank rows are ignored, and a row is dropped by ticking
its ``-remove`` box.
"""
import re
from decimal import Decimal, InvalidOperation

from procedures.catalogue.models import WHERE_TO_FILE

from .content import empty

ROWS = {  # list -> (translated texts, plain fields)
    "documents": (("name", "note"), ("form", "quantity")),
    "steps": (("actor", "action"), ()),
    "fees": (("label",), ("amount_mad",)),
    "legal_basis": (("title",), ("url",)),
}
ROW_FIELD = re.compile(r"^(documents|steps|fees|legal_basis)-(\d+)-")


def _text(form, name, languages):
    return {lang: form.get(f"{name}-{lang}", "").strip() for lang in languages
            if form.get(f"{name}-{lang}", "").strip()}


def _integer(raw):
    try:
        return int(raw.strip())
    except (AttributeError, ValueError):
        return None


def _amount(raw):
    try:
        amount = Decimal(raw.strip().replace(",", ".").replace(" ", ""))
    except (AttributeError, InvalidOperation):
        return None
    return f"{amount:.2f}" if amount.is_finite() and amount >= 0 else None


def _row(form, field, index, languages):
    texts, plain = ROWS[field]
    prefix = f"{field}-{index}"
    row = {name: _text(form, f"{prefix}-{name}", languages) for name in texts}
    values = {name: form.get(f"{prefix}-{name}", "").strip() for name in plain}
    if not any(row.values()) and not any(v for k, v in values.items() if k not in ("form", "quantity")):
        return None  # a blank row
    if field == "documents":
        row["form"] = values["form"] if values["form"] in ("original", "copy") else "copy"
        row["quantity"] = _integer(values["quantity"] or "1")
        row["note"] = row["note"] or None
    elif field == "fees":
        row["amount_mad"] = _amount(values["amount_mad"])
    elif field == "legal_basis":
        row["url"] = values["url"] or None
    return row


def _rows(form, field, languages):
    indices = sorted({int(m.group(2)) for key in form for m in [ROW_FIELD.match(key)] if m and m.group(1) == field})
    rows = []
    for index in indices:
        if form.get(f"{field}-{index}-remove"):
            continue
        row = _row(form, field, index, languages)
        if row is not None:
            rows.append(row)
    return rows


def content_from_form(form, languages):
    content = empty()
    for name in ("title", "summary", "eligibility"):
        content[name] = _text(form, name, languages)
    content["filing"] = {"places": _text(form, "filing-places", languages),
                         "online_url": form.get("filing-online_url", "").strip() or None}
    for field in ROWS:
        content[field] = _rows(form, field, languages)
    stated = form.get("fees-stated")
    content["fees"] = [] if stated == "free" else (content["fees"] or None)
    content["processing_days"] = _integer(form.get("processing_days", ""))
    content["silence"] = form.get("silence") if form.get("silence") in ("approval", "refusal", "none") else None
    content["maturity"] = _integer(form.get("maturity", ""))
    content["investment"] = form.get("investment") == "yes"
    content["day_unit"] = "working" if form.get("day_unit") == "working" else "calendar"
    content["on_incomplete"] = "suspend" if form.get("on_incomplete") == "suspend" else "restart"
    content["silence_days"] = _integer(form.get("silence_days", ""))
    content["extension_days"] = _integer(form.get("extension_days", ""))
    content["tacit_authority"] = _text(form, "tacit_authority", languages) or None
    content["filing_place"] = form.get("filing_place") if form.get("filing_place") in WHERE_TO_FILE else None
    return content
