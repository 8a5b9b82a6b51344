"""The OpenAPI 3 description of the read-only API, generated from its marshmallow schemas."""
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from procedures.search import openapi as search_openapi
from procedures.statistics import openapi as statistics_openapi

from .schemas import (
    AdministrationSchema,
    AudienceSchema,
    ProcedureDetailSchema,
    ProcedureListItemSchema,
    ThemeSchema,
    VersionSchema,
)


def _ok(schema, many=False, description="OK"):
    body = {"type": "array", "items": schema} if many else schema
    return {"200": {"description": description, "content": {"application/json": {"schema": body}}}}


def _listed(name):
    return _ok({"type": "object", "properties": {"items": {"type": "array", "items": name}}})


NOT_FOUND = {"404": {"description": "No such procedure or version"}}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
DATE = {"name": "date", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
        "description": "Show what was in force on this day (default: today, Morocco time)"}


def describe(list_arguments, server):
    spec = APISpec(
        title="Masatir catalogue API",
        version="1",
        openapi_version="3.0.3",
        info={"description": "Published administrative procedures under Law 55-19, in Arabic and French. "
                             "Texts are objects keyed by language code. Format: docs/catalogue-format.md."},
        servers=[{"url": server}],
        plugins=[MarshmallowPlugin()],
    )
    for schema in (AudienceSchema, ThemeSchema, AdministrationSchema, VersionSchema,
                   ProcedureListItemSchema, ProcedureDetailSchema):
        spec.components.schema(schema.__name__.removesuffix("Schema"), schema=schema)
    page = {"type": "object", "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "pages": {"type": "integer"}, "items": {"type": "array", "items": "ProcedureListItem"}}}
    spec.path("/procedures", operations={"get": {
        "summary": "Procedures in force, filtered and paginated",
        "parameters": [{"in": "query", "schema": list_arguments}],
        "responses": {**_ok(page), "400": {"description": "Invalid query parameters"}}}})
    spec.path("/procedures/{slug}", operations={"get": {
        "summary": "One procedure with the version in force and the list of its versions",
        "parameters": [SLUG, DATE],
        "responses": {**_ok("ProcedureDetail"), **NOT_FOUND, "400": {"description": "Invalid query parameters"}}}})
    spec.path("/procedures/{slug}/versions/{number}", operations={"get": {
        "summary": "One version of a procedure, as it was published",
        "parameters": [SLUG, {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {**_ok("Version"), **NOT_FOUND}}})
    for path, name, summary in (("/themes", "Theme", "Themes"), ("/administrations", "Administration",
                                "Administrations"), ("/audiences", "Audience", "Audiences")):
        spec.path(path, operations={"get": {"summary": summary, "responses": _listed(name)}})
    search_openapi.add_paths(spec)
    statistics_openapi.add_paths(spec)
    spec.path("/track", operations={"post": {
        "summary": "A request's state, deadline and story, from its tracking number and secret code",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["number", "secret"],
            "properties": {"number": {"type": "string", "example": "K7Q2-9XPD-4MC"},
                           "secret": {"type": "string"}, "lang": {"type": "string", "example": "ar"}}}}}},
        "responses": {"200": {"description": "The request"}, "400": {"description": "Invalid body"},
                      "404": {"description": "No request matches"}, "429": {"description": "Too many attempts"}}}})
    return spec.to_dict()
