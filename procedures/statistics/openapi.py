"""The statistics and open-data paths in the API's OpenAPI description (``add_paths(spec)``)."""
from .figures import METRICS

CELL = {"type": "object", "properties": {
    "value": {"type": "number", "nullable": True,
              "description": "null when the figure is computed from fewer than 5 requests, or withheld"},
    "fewer_than_5": {"type": "boolean"},
    "withheld": {"type": "boolean", "description": "not small, withheld so that a small one cannot be derived"}}}
FIGURES = {"type": "object", "properties": {metric: CELL for metric in METRICS}}
COUNT = {"type": "object", "properties": {
    "value": {"type": "integer", "nullable": True, "description": "null when fewer than 5, or withheld"},
    "fewer_than_5": {"type": "boolean"},
    "withheld": {"type": "boolean", "description": "not small, withheld so that a small one cannot be derived"}}}
REPORTS = {"type": "object", "description": "Citizens' reports of demands a sheet does not list, sent in the period",
           "properties": {
               "rows_are": {"type": "string", "enum": ["administration", "procedure"]},
               "total": COUNT,
               "rows": {"type": "array", "items": {"type": "object", "properties": {
                   "administration": {"type": "string"}, "procedure": {"type": "string"},
                   "slug": {"type": "string"}, "name": {"type": "object", "additionalProperties": {"type": "string"}},
                   "reports": COUNT}}}}}
STATISTICS = {"type": "object", "properties": {
    "period": {"type": "object", "properties": {"from": {"type": "string", "format": "date"},
                                                "to": {"type": "string", "format": "date"}}},
    "as_of": {"type": "string", "format": "date"},
    "administration": {"type": "string", "nullable": True},
    "rows_are": {"type": "string", "enum": ["administration", "procedure"]},
    "minimum_requests": {"type": "integer", "example": 5},
    "total": FIGURES,
    "rows": {"type": "array", "items": {"type": "object", "properties": {
        "administration": {"type": "string"}, "procedure": {"type": "string"}, "slug": {"type": "string"},
        "name": {"type": "object", "additionalProperties": {"type": "string"}}, "figures": FIGURES}}},
    "reports": REPORTS}}
PARAMETERS = [
    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "First filing day counted (default: twelve months before `to`)"},
    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "Last filing day counted (default: today, Morocco time)"},
    {"name": "administration", "in": "query", "schema": {"type": "string"},
     "description": "An administration's code: its procedures instead of all administrations"},
]
ERRORS = {"400": {"description": "Invalid dates; `error.fields` names each one"},
          "404": {"description": "No such administration"}}


def add_paths(spec):
    """Add ``/statistics`` to an apispec ``APISpec`` whose server is ``/api/v1``."""
    spec.path("/statistics", operations={"get": {
        "summary": "Deadline statistics per administration, or per procedure of one administration, "
                   "for requests filed in a period; also as CSV at /statistics.csv (same parameters)",
        "parameters": PARAMETERS,
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": STATISTICS}}},
                      **ERRORS}}})
    return spec
