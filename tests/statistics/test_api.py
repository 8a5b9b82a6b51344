"""The same figures as JSON and CSV, and their place in the OpenAPI description."""
import csv
import io

import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from procedures.statistics import openapi
from tests.statistics import dataset


def values(figures):
    return {metric: cell["value"] for metric, cell in figures.items()}


def published(expected, *withheld):
    """The hand figures as published: ``withheld`` ones protect a small one (test_suppression.py)."""
    return {metric: None if metric in withheld else value for metric, value in expected.items()}


def assert_same(found, expected):
    for metric, value in expected.items():
        assert found[metric] == (None if value is None else pytest.approx(value, abs=5e-5)), metric


def test_json_by_administration(client, requests_data):
    body = client.get("/api/v1/statistics").get_json()
    assert body["period"] == {"from": "2025-11-24", "to": "2026-11-23"} and body["rows_are"] == "administration"
    assert body["minimum_requests"] == 5 and body["administration"] is None
    communes, justice = body["rows"]
    assert communes["administration"] == "communes" and communes["name"]["ar"] == "الجماعات"
    # Justice decided once (hidden): the communes' 8 would give it back from the total's 9. The communes'
    # zero implicit refusals (hidden) would come back from 5 - 5: justice's 5 and the total go.
    assert_same(values(communes["figures"]), published(dataset.COMMUNES, "decided"))
    assert_same(values(justice["figures"]), published(dataset.JUSTICE, "implicitly_refused"))
    assert_same(values(body["total"]), published(dataset.TOTAL, "implicitly_refused"))
    assert justice["figures"]["decided"] == {"value": None, "fewer_than_5": True, "withheld": False}
    assert justice["figures"]["implicitly_refused"] == {"value": None, "fewer_than_5": False, "withheld": True}
    assert justice["figures"]["within_deadline"] == {"value": 0.0, "fewer_than_5": False, "withheld": False}


def test_json_by_procedure_for_a_period(client, requests_data):
    body = client.get("/api/v1/statistics?administration=communes&from=2026-01-01&to=2026-06-30").get_json()
    assert body["rows_are"] == "procedure" and body["administration"] == "communes"
    permit = next(row for row in body["rows"] if row["procedure"] == "CT-002")
    assert permit["slug"] == "permis-de-construire"
    # the birth certificates' 3 filed and 2 decided would come back from the total
    assert_same(values(permit["figures"]), published(dataset.PERMIT_FIRST_HALF, "filed", "decided"))


def test_nothing_personal_in_the_json(client, requests_data):
    text = client.get("/api/v1/statistics?administration=communes").get_data(as_text=True)
    assert "Citizen" not in text and "TEST-" not in text and "CIN" not in text


@pytest.mark.parametrize("query, status", [("from=2026-13-01", 400), ("from=2026-06-30&to=2026-01-01", 400),
                                           ("administration=nowhere", 404)])
def test_bad_queries(client, query, status):
    response = client.get(f"/api/v1/statistics?{query}")
    assert response.status_code == status and response.get_json()["error"]["status"] == status
    assert client.get(f"/statistics.csv?{query}").status_code == status


def test_csv(client, requests_data):
    response = client.get("/statistics.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 with a byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["level"], r["administration"]) for r in rows] == [
        ("total", ""), ("administration", "communes"), ("administration", "justice")]
    justice = rows[2]
    assert justice["name_ar"] == "وزارة العدل" and justice["from"] == "2025-11-24" and justice["to"] == "2026-11-23"
    assert justice["filed"] == "6" and justice["implicitly_refused"] == "" and justice["within_deadline"] == "0.0"
    assert justice["withheld"].split() == ["implicitly_refused"]
    assert justice["decided"] == "" and justice["fewer_than_5"].split() == [
        "decided", "tacitly_approved", "median_days", "legal_maximum_days"]
    assert rows[0]["filed"] == "19" and float(rows[0]["within_deadline"]) == pytest.approx(6 / 16, abs=5e-5)


def test_csv_by_procedure(client, requests_data):
    rows = list(csv.DictReader(io.StringIO(
        client.get("/statistics.csv?administration=communes").get_data().decode("utf-8-sig"))))
    assert [(r["level"], r["procedure"]) for r in rows] == [("total", ""), ("procedure", "CT-001"),
                                                            ("procedure", "CT-002")]
    assert rows[2]["median_days"] == "15.0" and rows[2]["filed"] == "" and rows[1]["filed"] == ""
    assert "filed" in rows[2]["withheld"].split() and "filed" in rows[1]["fewer_than_5"].split()


def test_openapi_paths():
    spec = APISpec(title="t", version="1", openapi_version="3.0.3", plugins=[MarshmallowPlugin()])
    described = openapi.add_paths(spec).to_dict()["paths"]["/statistics"]["get"]
    assert {p["name"] for p in described["parameters"]} == {"from", "to", "administration"}
    assert set(described["responses"]) == {"200", "400", "404"}
