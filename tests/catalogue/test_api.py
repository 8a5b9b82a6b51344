"""The read-only JSON API and its OpenAPI description."""
import pytest
from openapi_spec_validator import validate

from tests import samples


@pytest.fixture
def catalogue(app):
    """The sample catalogue, loaded in an app context of its own: requests must not share one."""
    with app.app_context():
        samples.load()


def test_procedures_are_listed_with_the_version_in_force(client, catalogue):
    body = client.get("/api/v1/procedures?lang=fr").get_json()
    assert body["total"] == 2 and body["page"] == 1
    permit = next(item for item in body["items"] if item["slug"] == "permis-de-construire")
    assert permit["version"]["number"] == 2
    assert permit["version"]["title"] == {"fr": "Permis de construire", "ar": "رخصة البناء"}
    assert permit["version"]["free"] is False and permit["audiences"] == ["citizens", "businesses"]
    assert permit["url"].endswith("/api/v1/procedures/permis-de-construire")


@pytest.mark.parametrize("query, slugs", [
    ("theme=town-planning", ["permis-de-construire"]),
    ("audience=businesses", ["permis-de-construire"]),
    ("maturity=4", ["extrait-acte-naissance"]),
    ("online=true", ["extrait-acte-naissance", "permis-de-construire"]),
    ("free=true", ["extrait-acte-naissance"]),
    ("free=false&theme=civil-status", []),
    ("q=naissance", ["extrait-acte-naissance"]),
    ("date=2027-02-01&maturity=4", ["extrait-acte-naissance", "permis-de-construire"]),
    ("administration=communes&per_page=1&page=2", ["permis-de-construire"]),
])
def test_filters_combine(client, catalogue, query, slugs):
    body = client.get(f"/api/v1/procedures?lang=fr&{query}").get_json()
    assert sorted(item["slug"] for item in body["items"]) == slugs


@pytest.mark.parametrize("query", ["maturity=9", "page=0", "per_page=1000", "online=perhaps", "date=yesterday"])
def test_bad_parameters_are_a_400_that_names_them(client, catalogue, query):
    response = client.get(f"/api/v1/procedures?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.get_json()["error"]["fields"]


def test_one_procedure_with_its_current_version_and_history(client, catalogue):
    body = client.get("/api/v1/procedures/permis-de-construire").get_json()
    assert body["code"] == "CT-002" and body["version"]["number"] == 2
    assert body["version"]["processing_days"] == 30
    assert body["version"]["fees"] == [{"label": {"fr": "Droits d'instruction", "ar": "رسوم الدراسة"},
                                        "amount_mad": "300.00"}]
    assert [v["number"] for v in body["versions"]] == [1, 2, 3]
    past = client.get("/api/v1/procedures/permis-de-construire?date=2022-01-01").get_json()
    assert past["version"]["number"] == 1


def test_a_given_version(client, catalogue):
    assert client.get("/api/v1/procedures/permis-de-construire/versions/1").get_json()["processing_days"] == 45
    assert client.get("/api/v1/procedures/permis-de-construire/versions/9").status_code == 404


def test_unknown_procedure_is_a_json_404(client, catalogue):
    response = client.get("/api/v1/procedures/nope")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_taxonomy_endpoints(client, catalogue):
    assert [t["slug"] for t in client.get("/api/v1/themes").get_json()["items"]] == ["civil-status", "town-planning"]
    assert client.get("/api/v1/administrations").get_json()["items"][0]["code"] == "communes"
    assert len(client.get("/api/v1/audiences").get_json()["items"]) == 2


def test_the_openapi_description_is_valid_and_covers_every_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    api_rules = {rule.rule.removeprefix("/api/v1").replace("<slug>", "{slug}").replace("<int:number>", "{number}")
                 for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert api_rules - {"/openapi.json"} == set(spec["paths"])


def test_the_api_format_is_the_import_format(client, catalogue, app):
    """A version read from the API can be imported as it is."""
    version = client.get("/api/v1/procedures/extrait-acte-naissance/versions/1").get_json()
    data = samples.catalogue()
    data["procedures"][0]["versions"] = [version]
    with app.app_context():
        assert not samples.load(data).changed_anything
