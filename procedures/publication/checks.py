"""What a draft must hold before it can be submitted: complete, in both languages, lawful.

Completeness findings use the same ``Finding`` as the law checks, with the field at
fault as a path (``documents[2].name.ar``), so the form can show each beside its field.
"""
from decimal import Decimal

from marshmallow import ValidationError, validate

from procedures.catalogue.schemas import MAX_DAYS, MAX_TEXT, REQUIRED_LANGUAGES
from procedures.law import Finding, check_version

URL = validate.URL(schemes={"http", "https"})  # what the catalogue format (fields.Url) accepts
MAX_AMOUNT = Decimal("9999999999.99")  # the fee's column: Numeric(12, 2)
TEXTS = ("title", "summary", "eligibility")
LISTS = {  # list field -> its translated texts, required and optional
    "documents": (("name",), ("note",)),
    "steps": (("actor", "action"), ()),
    "fees": (("label",), ()),
    "legal_basis": (("title",), ()),
}


def _text(path, value, required=True):
    value = value or {}
    if not required and not any((value.get(lang) or "").strip() for lang in REQUIRED_LANGUAGES):
        return []
    return [Finding("error", f"{path}.{lang}", "missing_text") for lang in REQUIRED_LANGUAGES
            if not (value.get(lang) or "").strip()] + [
        Finding("error", f"{path}.{lang}", "too_long", {"max": MAX_TEXT}) for lang, words in value.items()
        if len(words or "") > MAX_TEXT]


def _url(path, value):
    try:
        if value:
            URL(value)
    except ValidationError:
        return [Finding("error", path, "invalid_url")]
    return []


def check_completeness(content):
    findings = []
    for field in TEXTS:
        findings += _text(field, content.get(field))
    findings += _text("filing.places", (content.get("filing") or {}).get("places"))
    findings += _url("filing.online_url", (content.get("filing") or {}).get("online_url"))
    for field, (required, optional) in LISTS.items():
        for index, item in enumerate(content.get(field) or []):
            for name in required:
                findings += _text(f"{field}[{index}].{name}", item.get(name))
            for name in optional:
                findings += _text(f"{field}[{index}].{name}", item.get(name), required=False)
    if not content.get("steps"):
        findings.append(Finding("error", "steps", "no_steps"))
    for index, document in enumerate(content.get("documents") or []):
        if not isinstance(document.get("quantity"), int) or not 1 <= document["quantity"] <= 20:
            findings.append(Finding("error", f"documents[{index}].quantity", "invalid_number"))
    for index, fee in enumerate(content.get("fees") or []):
        if fee.get("amount_mad") is None or Decimal(fee["amount_mad"]) > MAX_AMOUNT:
            findings.append(Finding("error", f"fees[{index}].amount_mad", "invalid_amount"))
    for index, reference in enumerate(content.get("legal_basis") or []):
        findings += _url(f"legal_basis[{index}].url", reference.get("url"))
    days = content.get("processing_days")
    if days is not None and not 0 <= days <= 365:
        findings.append(Finding("error", "processing_days", "invalid_number"))
    silence_days, extension_days = content.get("silence_days"), content.get("extension_days")
    if silence_days is not None and not 0 <= silence_days <= MAX_DAYS:
        findings.append(Finding("error", "silence_days", "invalid_number"))
    elif silence_days is not None and days is not None and silence_days < days:
        findings.append(Finding("error", "silence_days", "silence_before_deadline"))
    if extension_days is not None and not 1 <= extension_days <= 365:
        findings.append(Finding("error", "extension_days", "invalid_number"))
    if content.get("silence") == "approval":
        findings += _text("tacit_authority", content.get("tacit_authority"))
    if content.get("maturity") not in (1, 2, 3, 4):
        findings.append(Finding("error", "maturity", "missing_choice"))
    return findings


def check_draft(content):
    """Every finding for a draft's content, errors first, each field reported once per problem."""
    findings, seen = [], set()
    for finding in check_completeness(content) + check_version(content):
        key = (finding.field, finding.code)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return sorted(findings, key=lambda finding: not finding.is_error)
