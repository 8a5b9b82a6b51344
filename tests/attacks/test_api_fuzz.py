"""The whole JSON API, fuzzed from its own OpenAPI description (schemathesis, in-process over WSGI).

Every operation the description lists is fuzzed with valid data (positive) and with data the
description forbids (negative), on the sample catalogue, and every response must be no 500,
one of the operation's documented status codes, of its documented content type and, when
documented, of its schema; and no body may show a traceback.

(Operations are named here rather than through ``schemathesis.pytest.from_fixture``, which
pytest 9 broke; ``test_every_operation_is_fuzzed`` keeps the list complete.)
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from portal.extensions import db, limiter
from procedures.search import synonyms
from tests import samples
from tests.attacks.leaks import assert_no_leak

OPERATIONS = [
    "GET /procedures",
    "GET /procedures/{slug}",
    "GET /procedures/{slug}/versions/{number}",
    "GET /themes",
    "GET /administrations",
    "GET /audiences",
    "GET /search",
    "GET /statistics",
    "GET /suggest",
    "POST /track",
]
WITHOUT_INPUT = {"GET /themes", "GET /administrations", "GET /audiences"}  # nothing to send wrong
# Path parameters that reach real data, besides the generated ones (which mostly give 404).
KNOWN = {"slug": "permis-de-construire", "number": 2}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture
def api_schema(app):
    """The description, as the app serves it, over the sample catalogue (indexed for search)."""
    with app.app_context():
        samples.load()
        synonyms.load_seed()
        db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def operation(api_schema, label):
    method, path = label.split(" ", 1)
    return api_schema[path][method]


def test_every_operation_is_fuzzed(api_schema):
    described = sorted(result.ok().label for result in api_schema.get_all_operations())
    assert described == sorted(OPERATIONS)


def fuzzed():
    for label in OPERATIONS:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and label in WITHOUT_INPUT:
                continue
            yield pytest.param(label, mode, id=f"{label}-{mode.value}")


@pytest.mark.parametrize(("label", "mode"), list(fuzzed()))
def test_every_operation(api_schema, label, mode):
    found = operation(api_schema, label)

    @FUZZ
    @given(case=found.as_strategy(generation_mode=mode))
    def fuzz(case):
        limiter.reset()  # throttling is tested on its own; here every attempt must reach the view
        response = case.call_and_validate(checks=CHECKS)
        assert_no_leak(response.text)

    fuzz()


def test_list_items_are_described_as_they_are(app, api_schema):
    client = app.test_client()
    item = client.get("/api/v1/procedures").get_json()["items"][0]
    described = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["ProcedureListItem"]
    assert set(item) <= set(described["properties"])


def test_the_400_of_a_procedure_is_described(app, api_schema):
    client = app.test_client()
    assert client.get("/api/v1/procedures/permis-de-construire?date=demain").status_code == 400
    responses = client.get("/api/v1/openapi.json").get_json()["paths"]["/procedures/{slug}"]["get"]["responses"]
    assert "400" in responses


@pytest.mark.parametrize("label", [label for label in OPERATIONS if "{" in label])
def test_operations_on_a_real_procedure(api_schema, label):
    """Valid data on the real slug and version: 200s, checked against their documented schemas."""
    found = operation(api_schema, label)
    fixed = {name: value for name, value in KNOWN.items() if "{" + name + "}" in label}

    @FUZZ
    @given(case=found.as_strategy(path_parameters=fixed))
    def fuzz(case):
        response = case.call_and_validate(checks=CHECKS)
        assert_no_leak(response.text)

    fuzz()
