"""The bilingual editor form: field names in, draft content out.

Fields are named after the content's paths: ``title-ar``, ``documents-2-name-fr``,
``fees-0-amount_mad``. Repeatable rows work without JavaScript: the form always
shows one blank row more, blank rows are ignored, and a row is dropped by ticking
its ``-remove`` box.
"""
import re
from decimal import Decimal, InvalidOperation

from marshmallow import fields

from procedures.catalogue.schemas import TranslatedText, blank, choices_of, content_fields

LISTS = [name for name, declared in content_fields().items() if isinstance(declared, fields.List)]
ROW_FIELD = re.compile(rf"^({'|'.join(LISTS)})-(\d+)-")


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


def _value(form, name, declared, languages):
    """The field ``name`` as the form sent it, read by the kind of its schema field."""
    raw = form.get(name, "").strip()
    if isinstance(declared, TranslatedText):
        return _text(form, name, languages) or blank(declared)
    if isinstance(declared, fields.Nested):
        return {key: _value(form, f"{name}-{key}", inner, languages) for key, inner in declared.schema.fields.items()}
    if isinstance(declared, fields.Boolean):
        return raw == "yes"
    allowed = choices_of(declared)
    if allowed:
        chosen = _integer(raw) if isinstance(declared, fields.Integer) else raw
        return chosen if chosen in allowed else blank(declared)
    if isinstance(declared, fields.Integer):
        return _integer(raw) if raw else blank(declared)
    if isinstance(declared, fields.Decimal):
        return _amount(raw)
    return raw or None


def _row(form, field, index, languages):
    inner = content_fields()[field].inner.schema.fields
    prefix = f"{field}-{index}"
    row = {name: _value(form, f"{prefix}-{name}", declared, languages) for name, declared in inner.items()}
    given = [name for name, declared in inner.items() if blank(declared) in (None, {})]  # not pre-filled
    if not any(form.get(key, "").strip() for key in form if key.startswith(f"{prefix}-") and
               key.removeprefix(f"{prefix}-").split("-")[0] in given):
        return None  # a blank row
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
    """A draft's content from the form: every field of ``content_fields()``, read by its kind."""
    content = {}
    for name, declared in content_fields().items():
        content[name] = _rows(form, name, languages) if name in LISTS else _value(form, name, declared, languages)
    stated = form.get("fees-stated")
    content["fees"] = [] if stated == "free" else (content["fees"] or None)
    return content
