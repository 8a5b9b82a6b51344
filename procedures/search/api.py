"""``/api/v1/search`` and ``/api/v1/suggest``: search for programs and for the page's script."""
from flask import Blueprint, current_app, jsonify, url_for
from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates

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


FACETS = ("theme", "administration", "audience", "maturity", "online", "free")
MAX_VALUES = 20


def facet(field, description):
    return fields.List(field, validate=validate.Length(max=MAX_VALUES), metadata={"description": (
        f"{description}; repeat the parameter for several values: any of them (a facet's values are "
        "united, facets intersect)")})


class SearchArguments(LanguageArgument):
    q = fields.String(required=True, validate=validate.Length(min=1, max=service.MAX_QUERY_LENGTH),
                      metadata={"description": "Words in Arabic or French, as typed"})
    theme = facet(fields.String(validate=validate.Length(max=64)), "Theme slugs")
    administration = facet(fields.String(validate=validate.Length(max=64)), "Administration codes")
    audience = facet(fields.String(validate=validate.Length(max=64)), "Audience slugs")
    maturity = facet(fields.Integer(validate=validate.Range(min=1, max=4)), "Levels of digital maturity, 1 to 4")
    online = facet(fields.Boolean(), "true: can be done online; false: at the counter only")
    free = facet(fields.Boolean(), "true: free; false: fees apply")
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))

    @pre_load
    def repeated(self, data, **_kwargs):
        """A facet's parameter may be repeated (``?theme=a&theme=b``): every value is read."""
        if not hasattr(data, "getlist"):
            return data
        return {name: data.getlist(name) if name in FACETS else data.get(name) for name in data}


class SuggestArguments(LanguageArgument):
    q = fields.String(required=True, validate=validate.Length(min=1, max=100))
    limit = fields.Integer(load_default=8, validate=validate.Range(min=1, max=10))


@blueprint.get("/search")
def search():
    args = query_arguments(SearchArguments())
    args.setdefault("lang", default_language())
    key = tuple(sorted((name, tuple(value) if isinstance(value, list) else value) for name, value in args.items()))
    return pagecache.public(
        lambda: (pagecache.generations(*DEPENDS_ON), analysis.VERSION, clock.today(), key),
        lambda: jsonify(service.remembered(("api", key), lambda: payload(args))),
        DEPENDS_ON, salt=analysis.VERSION)


def payload(args):
    """The response's body: highlighted in the requested language, facets named in it."""
    lang = args["lang"]
    filters = service.chosen({name: args.get(name) for name in FACETS})
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
    readable = facets.readable(outcome.found.facets, filters)
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
