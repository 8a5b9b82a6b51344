"""The catalogue's JSON format (docs/catalogue-format.md), shared by the API, export and import."""
import re

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

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
MAX_DAYS = 365  # a sanity bound; the law's 60/30-day caps are checked in procedures.law


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
    form = fields.String(required=True, validate=validate.OneOf(DOCUMENT_FORMS))
    quantity = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=1, max=20))
    note = TranslatedText(allow_none=True, load_default=None)


class StepSchema(Schema):
    actor = TranslatedText(required=True)
    action = TranslatedText(required=True)


class FilingSchema(Schema):
    places = TranslatedText(required=True)
    online_url = url_field()


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


class VersionSchema(Schema):
    number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    effective_from = fields.Date(required=True)
    change_note = TranslatedText(required=True)
    title = TranslatedText(required=True)
    summary = TranslatedText(required=True)
    eligibility = TranslatedText(required=True)
    documents = fields.List(fields.Nested(DocumentSchema), required=True)
    steps = fields.List(fields.Nested(StepSchema), required=True, validate=validate.Length(min=1))
    filing = fields.Nested(FilingSchema, required=True)
    processing_days = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=MAX_DAYS))
    fees = fields.List(fields.Nested(FeeSchema), required=True)
    legal_basis = fields.List(fields.Nested(LegalReferenceSchema), required=True, validate=validate.Length(min=1))
    silence = fields.String(required=True, validate=validate.OneOf(SILENCE_MEANINGS))
    maturity = fields.Integer(required=True, strict=True, validate=validate.OneOf(MATURITY_LEVELS))
    investment = fields.Boolean(required=True)
    day_unit = fields.String(load_default="calendar", validate=validate.OneOf(DAY_UNITS))
    silence_days = fields.Integer(strict=True, allow_none=True, load_default=None,
                                  validate=validate.Range(min=0, max=MAX_DAYS))
    extension_days = fields.Integer(strict=True, allow_none=True, load_default=None,
                                    validate=validate.Range(min=1, max=MAX_DAYS))
    on_incomplete = fields.String(load_default="restart", validate=validate.OneOf(ON_INCOMPLETE))
    tacit_authority = TranslatedText(allow_none=True, load_default=None)
    # Where one files (issue 12); null in versions published before the field existed.
    filing_place = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(WHERE_TO_FILE))

    @validates_schema(skip_on_field_errors=True)
    def silence_not_before_deadline(self, data, **kwargs):
        if data.get("silence_days") is not None and data["silence_days"] < data["processing_days"]:
            raise ValidationError("silence cannot take effect before the end of the deadline", "silence_days")


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
