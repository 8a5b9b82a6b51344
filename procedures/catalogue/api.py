"""The read-only JSON API (``/api/v1/``): the catalogue in its documented format."""
from flask import Blueprint, abort, jsonify
from marshmallow import Schema, fields, validate

from portal import links
from portal.api import json_errors, query_arguments
from portal.paging import MAX_PAGE
from procedures import clock

from . import openapi, queries
from .models import Administration, Audience, Theme
from .schemas import (
    LANGUAGE_CODE,
    AdministrationSchema,
    AudienceSchema,
    ProcedureDetailSchema,
    ProcedureListItemSchema,
    ThemeSchema,
    VersionSchema,
)

blueprint = json_errors(Blueprint("api", __name__, url_prefix="/api/v1"))


class ListArguments(Schema):
    theme = fields.String(validate=validate.Length(max=64))
    administration = fields.String(validate=validate.Length(max=64))
    audience = fields.String(validate=validate.Length(max=64))
    maturity = fields.Integer(validate=validate.Range(min=1, max=4))
    online = fields.Boolean()
    free = fields.Boolean()
    q = fields.String(validate=validate.Length(max=200))
    lang = fields.String(validate=validate.Regexp(LANGUAGE_CODE, error="a language code, e.g. ar or fr"))
    date = fields.Date()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=queries.MAX_PAGE_SIZE))


class DayArgument(Schema):
    date = fields.Date()


@blueprint.get("/procedures")
def procedures():
    args = query_arguments(ListArguments())
    filter_names = ("theme", "administration", "audience", "maturity", "online", "free", "q")
    filters = queries.Filters(**{name: args.get(name) for name in filter_names})
    stmt = queries.listing(args.get("date") or clock.today(), filters, args.get("lang") or "fr")
    page = queries.paginate(stmt, args["page"], args["per_page"])
    items = []
    for procedure, version in page.items:
        item = ProcedureListItemSchema().dump({**vars_of(procedure), "version": version})
        item["url"] = links.external("api.procedure", slug=procedure.slug)
        items.append(item)
    return jsonify(total=page.total, page=page.number, per_page=page.size, pages=page.pages, items=items)


def vars_of(procedure):
    return {"code": procedure.code, "slug": procedure.slug, "administration": procedure.administration,
            "theme": procedure.theme, "audiences": procedure.audiences}


@blueprint.get("/procedures/<slug>")
def procedure(slug):
    """The procedure with the version in force today (or on ``?date=``)."""
    day = query_arguments(DayArgument()).get("date") or clock.today()
    procedure = queries.procedure_by_slug(slug) or abort(404)
    version = procedure.version_on(day) or abort(404)
    return jsonify(ProcedureDetailSchema().dump({**vars_of(procedure), "version": version,
                                                 "versions": procedure.versions}))


@blueprint.get("/procedures/<slug>/versions/<int:number>")
def version(slug, number):
    procedure = queries.procedure_by_slug(slug) or abort(404)
    version = next((v for v in procedure.versions if v.number == number), None) or abort(404)
    return jsonify(VersionSchema().dump(version))


@blueprint.get("/themes")
def themes():
    return jsonify(items=ThemeSchema(many=True).dump(Theme.query.order_by(Theme.position).all()))


@blueprint.get("/administrations")
def administrations():
    rows = Administration.query.order_by(Administration.position).all()
    return jsonify(items=AdministrationSchema(many=True).dump(rows))


@blueprint.get("/audiences")
def audiences():
    return jsonify(items=AudienceSchema(many=True).dump(Audience.query.order_by(Audience.position).all()))


@blueprint.get("/openapi.json")
def openapi_description():
    return jsonify(openapi.describe(ListArguments, server=links.external("api.procedures").rsplit("/", 1)[0]))
