"""What a draft must hold before it can be submitted: complete, in both languages, lawful.

Completeness findings use the same ``Finding`` as the law checks, with the field at
fault as a path (``documents[2].name.ar``), so the form can show each beside its field.
"""
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields, validate

from procedures.catalogue import article7
from procedures.catalogue.schemas import MAX_TEXT, REQUIRED_LANGUAGES, TranslatedText, content_fields
from procedures.law import Finding, check_version

MAX_AMOUNT = Decimal("9999999999.99")  # the fee's column: Numeric(12, 2)
# Fields whose absence the law's checks report in their own words (procedures.law.check_deadline, check_statements).
STATED_BY_LAW = {"processing_days", "silence", "fees", "legal_basis"}


def _text(path, value, required=True):
    value = value or {}
    if not required and not any((value.get(lang) or "").strip() for lang in REQUIRED_LANGUAGES):
        return []
    return [Finding("error", f"{path}.{lang}", "missing_text") for lang in REQUIRED_LANGUAGES
            if not (value.get(lang) or "").strip()] + [
        Finding("error", f"{path}.{lang}", "too_long", {"max": MAX_TEXT}) for lang, words in value.items()
        if len(words or "") > MAX_TEXT]


def _refused(declared, value):
    try:
        declared.deserialize(value)
    except ValidationError:
        return True
    return False


def _amount_refused(value):
    try:
        return value is None or not 0 <= Decimal(value) <= MAX_AMOUNT
    except (InvalidOperation, TypeError, ValueError):
        return True


def _check(path, declared, value):
    """The findings for one field of a version, by the rules its schema field declares."""
    if isinstance(declared, TranslatedText):
        return _text(path, value, required=not declared.allow_none)
    if isinstance(declared, fields.Nested):
        return [finding for name, inner in declared.schema.fields.items()
                for finding in _check(f"{path}.{name}", inner, (value or {}).get(name))]
    if isinstance(declared, fields.List):
        inner = declared.inner.schema.fields
        return [finding for index, item in enumerate(value or []) for name, field in inner.items()
                for finding in _check(f"{path}[{index}].{name}", field, item.get(name))]
    if value is None and (declared.allow_none or path in STATED_BY_LAW):
        return []
    if any(isinstance(rule, validate.OneOf) for rule in declared.validators):
        return [Finding("error", path, "missing_choice")] if _refused(declared, value) else []
    if isinstance(declared, fields.Url):
        return [Finding("error", path, "invalid_url")] if _refused(declared, value) else []
    if isinstance(declared, fields.Decimal):
        return [Finding("error", path, "invalid_amount")] if _amount_refused(value) else []
    if isinstance(declared, fields.Integer):
        return [Finding("error", path, "invalid_number")] if _refused(declared, value) else []
    return []


def check_completeness(content):
    """Every field of ``content_fields()`` checked against its own rules, then what ties fields together."""
    findings = []
    for name, declared in content_fields().items():
        findings += _check(name, declared, content.get(name))
    if not content.get("steps"):
        findings.append(Finding("error", "steps", "no_steps"))
    days, silence_days = content.get("processing_days"), content.get("silence_days")
    if (isinstance(days, int) and isinstance(silence_days, int) and silence_days < days
            and not any(finding.field == "silence_days" for finding in findings)):
        findings.append(Finding("error", "silence_days", "silence_before_deadline"))
    if content.get("silence") == "approval":
        findings += _text("tacit_authority", content.get("tacit_authority"))
    return findings


def check_draft(content):
    """Every finding for a draft's content, errors first, each field reported once per problem."""
    findings, seen = [], set()
    for finding in check_completeness(content) + check_version(content, article7.rules()):
        key = (finding.field, finding.code)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return sorted(findings, key=lambda finding: not finding.is_error)
