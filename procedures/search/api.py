"""``/api/v1/search`` and ``/api/v1/suggest``: search for programs and for the page's script."""
from flask import Blueprint, current_app, jsonify, url_for
from marshmallow import Schema, ValidationError, fields, validate, validates

from portal import pagecache
from portal.api import json_errors, query_arguments
from portal.i18n import default_language
from procedures import clock

from . import analysis, facets, service
from .highlight import SNIPPET_LENGTH, excerpt

blueprint = json_errors(Blueprint("search_api", __name__, url_prefix="/api/v1"))

MAX_PAGE = 500
DEPENDS_ON = ("catalogue", "taxonomy", "synonyms")  # the generations search results show
MAX_PER_PAGE = 50


class LanguageArgument(Schema):
    lang = fields.String(metadata={"description": "Language of the texts returned (default: the portal's first)"})

    @validates("lang")
    def known_language(self, value, **_kwargs):
        if value not in current_app.config["LANGUAGES"]:
            raise ValidationError(f"one of {', '.join(current_app.config['LANGUAGES'])}")


class SearchArguments(LanguageArgument):
    q = fields.String(required=True, validate=validate.Length(min=1, max=service.MAX_QUERY_LENGTH),
                      metadata={"description": "Words in Arabic or French, as typed"})
    theme = fields.String(validate=validate.Length(max=64))
    administration = fields.String(validate=validate.Length(max=64))
    audience = fields.String(validate=validate.Length(max=64))
    maturity = fields.Integer(validate=validate.Range(min=1, max=4))
    online = fields.Boolean()
    free = fields.Boolean()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class SuggestArguments(LanguageArgument):
    q = fields.String(required=True, validate=validate.Length(min=1, max=100))
    limit = fields.Integer(load_default=8, validate=validate.Range(min=1, max=10))


@blueprint.get("/search")
def search():
    args = query_arguments(SearchArguments())
    args.setdefault("lang", default_language())
    return pagecache.public(
        lambda: (pagecache.generations(*DEPENDS_ON), analysis.VERSION, clock.today(), sorted(args.items())),
        lambda: jsonify(service.remembered(("api", tuple(sorted(args.items()))), lambda: payload(args))),
        DEPENDS_ON, salt=analysis.VERSION)


def payload(args):
    """The response's body: highlighted in the requested language, facets named in it."""
    lang = args["lang"]
    filters = {name: args.get(name) for name in ("theme", "administration", "audience", "maturity", "online", "free")}
    outcome = service.search(args["q"], filters, args["page"], args["per_page"])
    results = []
    for hit in outcome.found.hits:
        title, title_spans = excerpt(hit.titles.get(lang, ""), outcome.terms)
        summary, summary_spans = excerpt(hit.summaries.get(lang, ""), outcome.terms, SNIPPET_LENGTH)
        results.append({
            "slug": hit.slug, "title": title, "summary": summary,
            "highlights": {"title": [list(span) for span in title_spans],
                           "summary": [list(span) for span in summary_spans]},
            "url": url_for("catalogue.sheet", lang_code=lang, slug=hit.slug),
            "score": hit.score,
        })
    readable = facets.readable(outcome.found.facets)
    return {
        "total": outcome.found.total, "page": outcome.page, "per_page": outcome.size, "pages": outcome.pages,
        "results": results, "suggestion": outcome.suggestion, "respelling": outcome.respelling,
        "facets": {facet: [{"value": value.value, "count": value.count,
                            **({"name": value.name.get(lang)} if value.name else {})} for value in values]
                   for facet, values in readable.items()},
    }


@blueprint.get("/suggest")
def suggest():
    """Not kept whole: suggestions follow the words people search, counted all the time (validators only)."""
    args = query_arguments(SuggestArguments())
    lang = args.get("lang") or default_language()
    found, words = service.complete(args["q"], args["limit"])
    return jsonify(suggestions=[{
        "slug": title.slug,
        "title": title.titles.get(lang) or next(iter(title.titles.values())),
        "url": url_for("catalogue.sheet", lang_code=lang, slug=title.slug),
    } for title in found], words=words)
