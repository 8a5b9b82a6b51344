"""The catalogue's JSON format (docs/catalogue-format.md), shared by the API, export and import.

``VersionSchema`` is the one list of a version's fields and their rules: the import and the
export, the API, the editor's form (``publication/form.py``), the completeness checks
(``publication/checks.py``), the commission's diff (``publication/diff.py``), a version's
storage (``transfer.build_version``) and the open-data CSV all read it, through
``content_fields()``. Each field's ``metadata`` carries its ``label`` (the review page and the
editor) and its ``meaning`` (the open-data field list).

Adding a field to a version: a line in ``VersionSchema`` (with its label and meaning), a column
in ``models.Version`` and its migration, and the templates that show it (the sheet, the editor's
form; the review page shows any field, a translated text or a plain value, by itself).
"""
import re

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from marshmallow.utils import missing as marshmallow_missing

from .models import (DAY_UNITS, DOCUMENT_FORMS, MATURITY_LEVELS, ON_INCOMPLETE, SILENCE_MEANINGS, THEME_SCOPES,
                     WHERE_TO_FILE)

FORMAT = "masatir-catalogue/1"
# Arabic is the official language and French the working one: a text must exist in
# both. Other languages (Tamazight, …) may be added to any text.
REQUIRED_LANGUAGES = ("ar", "fr")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
MAX_TEXT = 4000
# A bound on any number of days a version states, so that a typo cannot store 10,000; the law's
# caps on the whole wait (60 days, 30 for investment acts) are checked in procedures.law.
DAYS_BOUND = 365
MAX_QUANTITY = 20
PUBLICATION_FIELDS = ("number", "effective_from", "change_note")  # set when a version is published


class TranslatedText(fields.Dict):
    """``{"ar": "…", "fr": "…"}``: both required languages present and not blank."""

    def __init__(self, **kwargs):
        super().__init__(
            keys=fields.String(validate=validate.Regexp(LANGUAGE_CODE, error="not a language code")),
            values=fields.String(validate=validate.Length(max=MAX_TEXT)),
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        text = {lang: words.strip() for lang, words in super()._deserialize(value, attr, data, **kwargs).items()}
        missing = [lang for lang in REQUIRED_LANGUAGES if not text.get(lang)]
        if missing:
            raise ValidationError(f"missing text in {', '.join(missing)}")
        return {lang: words for lang, words in text.items() if words}


def url_field():
    return fields.Url(allow_none=True, load_default=None, schemes={"http", "https"})


class NamedSchema(Schema):
    name = TranslatedText(required=True)


class AudienceSchema(NamedSchema):
    slug = fields.String(required=True, validate=validate.Regexp(SLUG))


class ThemeSchema(NamedSchema):
    slug = fields.String(required=True, validate=validate.Regexp(SLUG))
    scope = fields.String(required=True, validate=validate.OneOf(THEME_SCOPES))


class AdministrationSchema(NamedSchema):
    code = fields.String(required=True, validate=validate.Regexp(SLUG))
    kind = fields.String(required=True, validate=validate.Length(min=1, max=32))


class DocumentSchema(Schema):
    name = TranslatedText(required=True)
    form = fields.String(required=True, validate=validate.OneOf(DOCUMENT_FORMS), metadata={"blank": "copy"})
    quantity = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=1, max=MAX_QUANTITY))
    note = TranslatedText(allow_none=True, load_default=None)


class StepSchema(Schema):
    actor = TranslatedText(required=True)
    action = TranslatedText(required=True)


class FilingSchema(Schema):
    places = TranslatedText(required=True, metadata={"meaning": _l("where to file")})
    online_url = fields.Url(allow_none=True, load_default=None, schemes={"http", "https"},
                            metadata={"meaning": _l("where to file online (may be empty)")})


def not_negative(amount):
    if amount < 0:
        raise ValidationError("Must be greater than or equal to 0.")


class FeeSchema(Schema):
    label = TranslatedText(required=True)
    amount_mad = fields.Decimal(required=True, places=2, as_string=True, validate=not_negative,
                                metadata={"type": "string", "pattern": r"^\d+(\.\d{1,2})?$", "example": "75.00"})


class LegalReferenceSchema(Schema):
    title = TranslatedText(required=True)
    url = url_field()
    # The text sets a longer period than Law 55-19's caps (art. 16): the wait is then flagged to the commission.
    allows_longer_wait = fields.Boolean(load_default=False)


def described(label, meaning):
    return {"label": label, "meaning": meaning}


class VersionSchema(Schema):
    number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    effective_from = fields.Date(required=True)
    change_note = TranslatedText(required=True)
    # What the version states, in the order the commission reads it:
    title = TranslatedText(required=True, metadata=described(_l("Title"), _l("the procedure's name")))
    summary = TranslatedText(required=True, metadata=described(_l("Summary"), _l("what it is for")))
    eligibility = TranslatedText(required=True, metadata=described(_l("Who may apply"), _l("who may apply")))
    documents = fields.List(fields.Nested(DocumentSchema), required=True, metadata=described(
        _l("Documents required"), _l("the documents, as a JSON list in the import format")))
    steps = fields.List(fields.Nested(StepSchema), required=True, validate=validate.Length(min=1),
                        metadata=described(_l("Steps"), _l("the steps, as a JSON list in the import format")))
    filing = fields.Nested(FilingSchema, required=True,
                           metadata=described(_l("Where and how to apply"), _l("where to file")))
    processing_days = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=0, max=DAYS_BOUND),
        metadata=described(_l("Maximum processing time"), _l("the legal maximum processing time; 0: on the spot")))
    fees = fields.List(fields.Nested(FeeSchema), required=True,  # an empty list says "free": a draft starts unstated
                       metadata={**described(_l("Fees"), _l("the fees, as a JSON list in the import format")),
                                 "blank": None})
    legal_basis = fields.List(fields.Nested(LegalReferenceSchema), required=True, validate=validate.Length(min=1),
                              metadata=described(_l("Legal basis"),
                                                 _l("the legal texts, as a JSON list in the import format")))
    silence = fields.String(required=True, validate=validate.OneOf(SILENCE_MEANINGS), metadata=described(
        _l("If the administration does not answer in time"),
        _l("what the administration's silence means: approval, refusal or none")))
    maturity = fields.Integer(required=True, strict=True, validate=validate.OneOf(MATURITY_LEVELS), metadata=described(
        _l("Online"), _l("1 information only, 2 interaction, 3 partly online, 4 fully online")))
    investment = fields.Boolean(required=True, metadata=described(_l("Investment"), _l("true for an investment act")))
    day_unit = fields.String(load_default="calendar", validate=validate.OneOf(DAY_UNITS),
                             metadata=described(_l("The deadline counts"), _l("calendar or working days")))
    silence_days = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=0, max=DAYS_BOUND),
        metadata=described(_l("Silence takes effect after (days; empty: at the end of the deadline)"),
                           _l("after how many days silence takes effect (empty: at the end of the deadline)")))
    extension_days = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=1, max=DAYS_BOUND),
        metadata=described(_l("One extension for an expertise or a public inquiry, in days (empty: none)"),
                           _l("length of the one extension allowed (empty: none)")))
    on_incomplete = fields.String(load_default="restart", validate=validate.OneOf(ON_INCOMPLETE), metadata=described(
        _l("When the file is declared incomplete, once the missing documents arrive"),
        _l("restart or suspend: what a complement does to the clock")))
    tacit_authority = TranslatedText(allow_none=True, load_default=None, metadata=described(
        _l("Who issues the certificate of tacit approval (when silence means approval)"),
        _l("who certifies a tacit approval (may be empty)")))
    filing_place = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(WHERE_TO_FILE),
                                 metadata=described(_l("Where one files"), _l(
                                     "residence, property, any_office or central (empty: a version published before "
                                     "the field existed; read from its administration)")))

    @validates_schema(skip_on_field_errors=True)
    def silence_not_before_deadline(self, data, **kwargs):
        if data.get("silence_days") is not None and data["silence_days"] < data["processing_days"]:
            raise ValidationError("silence cannot take effect before the end of the deadline", "silence_days")


def content_fields():
    """``{name: field}`` of what a version states (without its number, date and change note), in order."""
    return {name: field for name, field in VersionSchema._declared_fields.items() if name not in PUBLICATION_FIELDS}


def blank(declared):
    """What a new draft holds for a field before the editor writes anything."""
    if "blank" in declared.metadata:
        return declared.metadata["blank"]
    if isinstance(declared, TranslatedText):
        return None if declared.allow_none else {}
    if isinstance(declared, fields.List):
        return []
    if isinstance(declared, fields.Nested):
        return {name: blank(inner) for name, inner in declared.schema.fields.items()}
    if isinstance(declared, fields.Boolean):
        return False
    return None if declared.load_default is marshmallow_missing else declared.load_default


def choices_of(declared):
    """The values a field may take (its ``OneOf``), or ``()`` when it is not a choice."""
    return next((tuple(rule.choices) for rule in declared.validators if isinstance(rule, validate.OneOf)), ())


class ProcedureSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(max=32), validate.Regexp(CODE)])
    slug = fields.String(required=True, validate=[validate.Length(max=128), validate.Regexp(SLUG)])
    withdrawn_on = fields.Date(allow_none=True, load_default=None)
    administration = fields.Pluck(AdministrationSchema, "code", required=True)
    theme = fields.Pluck(ThemeSchema, "slug", required=True)
    audiences = fields.Pluck(AudienceSchema, "slug", many=True, required=True, validate=validate.Length(min=1))
    versions = fields.List(fields.Nested(VersionSchema), required=True, validate=validate.Length(min=1))

    @validates_schema(skip_on_field_errors=True)
    def numbered_in_order(self, data, **kwargs):
        numbers = [version["number"] for version in data["versions"]]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError(f"versions must be numbered 1, 2, 3… in order; found {numbers}", "versions")


class CatalogueSchema(Schema):
    format = fields.String(required=True, validate=validate.Equal(FORMAT))
    audiences = fields.List(fields.Nested(AudienceSchema), load_default=list)
    themes = fields.List(fields.Nested(ThemeSchema), load_default=list)
    administrations = fields.List(fields.Nested(AdministrationSchema), load_default=list)
    procedures = fields.List(fields.Nested(ProcedureSchema), load_default=list)


# --- API-only shapes, built from the same pieces -------------------------------------

class VersionSummarySchema(Schema):
    number = fields.Integer()
    effective_from = fields.Date()
    title = TranslatedText()
    summary = TranslatedText()
    processing_days = fields.Integer()
    silence = fields.String()
    maturity = fields.Integer()
    investment = fields.Boolean()
    is_free = fields.Boolean(data_key="free")


class VersionHistorySchema(Schema):
    number = fields.Integer()
    effective_from = fields.Date()
    change_note = TranslatedText()


class ProcedureListItemSchema(Schema):
    url = fields.String(dump_only=True, metadata={"format": "uri", "description": "The procedure in this API"})
    code = fields.String()
    slug = fields.String()
    administration = fields.Pluck(AdministrationSchema, "code")
    theme = fields.Pluck(ThemeSchema, "slug")
    audiences = fields.Pluck(AudienceSchema, "slug", many=True)
    version = fields.Nested(VersionSummarySchema)


class ProcedureDetailSchema(Schema):
    code = fields.String()
    slug = fields.String()
    administration = fields.Pluck(AdministrationSchema, "code")
    theme = fields.Pluck(ThemeSchema, "slug")
    audiences = fields.Pluck(AudienceSchema, "slug", many=True)
    version = fields.Nested(VersionSchema)
    versions = fields.List(fields.Nested(VersionHistorySchema))
