"""The search endpoints in the API's OpenAPI description.

``procedures/catalogue/openapi.py`` builds the description; ``search.init_app`` registers ``add_paths(spec)``
so that search documents itself from its own marshmallow schemas.
"""
from .api import SearchArguments, SuggestArguments

BAD_REQUEST = {"400": {"description": "Invalid query parameters; `error.fields` names each one and says why"}}
TEXT = {"type": "string"}
SPANS = {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}}
FACET_VALUES = {"type": "array", "items": {"type": "object", "properties": {
    "value": {}, "count": {"type": "integer"}, "name": {"type": "string"}}}}
SEARCH_RESULT = {"type": "object", "properties": {
    "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
    "pages": {"type": "integer"},
    "suggestion": {"type": "string", "nullable": True,
                   "description": "“Did you mean”: the query with its typos corrected"},
    "respelling": {"type": "string", "nullable": True, "description": (
        "The query read in Arabic letters, where it was typed in Latin ones "
        "(“chahadat sokna” → “شهادة السكنى”) and the catalogue has such words"),},
    "results": {"type": "array", "items": {"type": "object", "properties": {
        "slug": TEXT, "url": TEXT, "score": {"type": "number"},
        "title": {"type": "string", "description": "Plain text (not HTML: escape it before putting it in a page)"},
        "summary": {"type": "string",
                    "description": "Plain text excerpt around the first match, “…” where it was cut"},
        "highlights": {"type": "object", "description": (
            "Where the query's words are: per field, `[start, end]` offsets in characters "
            "(Unicode code points) into that field's plain text, in order, not overlapping"),
            "properties": {"title": SPANS, "summary": SPANS}}}}},
    "facets": {"type": "object", "additionalProperties": FACET_VALUES,
               "description": "Counts per theme, administration, audience, maturity, online and free"}}}
SUGGESTIONS = {"type": "object", "properties": {
    "suggestions": {"type": "array", "description": (
        "Procedures with a word completing the last one typed: in the title first, then through a synonym, "
        "then in a listed document; the words people search most first"),
        "items": {"type": "object", "properties": {"slug": TEXT, "title": TEXT, "url": TEXT}}},
    "words": {"type": "array", "items": TEXT, "description": (
        "Words completing the last one typed, the most searched first (empty when words come before it)")}}}


def _ok(schema):
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def add_paths(spec):
    """Add ``/search`` and ``/suggest`` to an apispec ``APISpec`` (with the marshmallow plugin)."""
    spec.path("/search", operations={"get": {
        "summary": "Full-text search of the procedures in force, in Arabic or French, with facets",
        "parameters": [{"in": "query", "schema": SearchArguments}],
        "responses": {**_ok(SEARCH_RESULT), **BAD_REQUEST}}})
    spec.path("/suggest", operations={"get": {
        "summary": "Procedures and words completing what is being typed (the last word as a prefix, even one letter)",
        "parameters": [{"in": "query", "schema": SuggestArguments}],
        "responses": {**_ok(SUGGESTIONS), **BAD_REQUEST}}})
    return spec
