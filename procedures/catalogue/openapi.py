"""The OpenAPI 3 description of the API, generated from its marshmallow schemas.

The catalogue describes its own paths; every other area adds its paths through the
``api_paths`` hook it registers in its ``init_app`` (search, statistics, requests).
"""
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from portal import hooks

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
    for add_paths in hooks.registered("api_paths"):
        add_paths(spec)
    return spec.to_dict()
