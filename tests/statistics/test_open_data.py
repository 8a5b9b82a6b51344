"""The catalogue as open data: JSON exactly as exported, CSV one row per version; both import back."""
import csv
import io
import json

from portal.extensions import db
from procedures.catalogue.transfer import export_catalogue, import_documents
from procedures.statistics import opendata
from tests import samples
from tests.conftest import TODAY, empty_tables
from tests.statistics import dataset


def empty_catalogue(app):
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            empty_tables(connection)


def test_json_is_the_export_format(app, client):
    with app.app_context():
        samples.load(dataset.catalogue())
        exported = export_catalogue()
    response = client.get("/open-data/catalogue.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == exported
    assert sum(len(p["versions"]) for p in exported["procedures"]) == 5


def test_json_round_trips_through_the_importer(app, client):
    with app.app_context():
        samples.load(dataset.catalogue())
    document = client.get("/open-data/catalogue.json").get_json()
    empty_catalogue(app)
    with app.app_context():
        summary = import_documents([("catalogue.json", document)])
        assert summary.created["procedures"] == 3 and summary.created["versions"] == 5
        assert export_catalogue() == document


def test_csv_one_row_per_version_and_back(app, client):
    with app.app_context():
        samples.load(dataset.catalogue())
        exported = export_catalogue()
    raw = client.get("/open-data/catalogue.csv").get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["procedure_code"], r["version_number"]) for r in rows] == [
        ("CT-001", "1"), ("CT-002", "1"), ("CT-002", "2"), ("CT-002", "3"), ("NAT-JUS-01", "1")]
    permit = rows[2]
    assert permit["title_ar"] == "رخصة البناء" and permit["processing_days"] == "30"
    assert permit["effective_from"] == "2024-03-01" and permit["fees_total_mad"] == "300.00"
    assert permit["audiences"] == "citizens businesses" and json.loads(permit["fees"])[0]["amount_mad"] == "300.00"
    assert list(rows[0]) == opendata.columns(["ar", "fr"])
    # back through the importer: the taxonomy from the JSON file, the procedures from the CSV
    document = {**exported, "procedures": opendata.from_csv(raw.decode("utf-8"))}
    empty_catalogue(app)
    with app.app_context():
        import_documents([("catalogue.csv", document)])
        assert export_catalogue() == exported


def test_regenerated_when_a_version_is_published(app, client):
    with app.app_context():
        samples.load(dataset.catalogue())
    first = client.get("/open-data/catalogue.csv")
    etag = first.headers["ETag"]
    assert client.get("/open-data/catalogue.csv", headers={"If-None-Match": etag}).status_code == 304
    with app.app_context():
        data = dataset.catalogue()
        birth = data["procedures"][0]
        birth["versions"].append(samples.version(2, TODAY.isoformat(), change_note=samples.text(
            "Délivrance en ligne", "التسليم عبر الإنترنت")))
        import_documents([("new.json", data)])
    second = client.get("/open-data/catalogue.csv")
    assert second.headers["ETag"] != etag and second.get_data().count(b"\r\nCT-001,") == 2
    assert len(client.get("/open-data/catalogue.json").get_json()["procedures"][0]["versions"]) == 2


def test_regenerated_when_the_taxonomy_changes(app, client):
    with app.app_context():
        samples.load(dataset.catalogue())
    etag = client.get("/open-data/catalogue.json").headers["ETag"]
    with app.app_context():
        data = dataset.catalogue()
        data["administrations"][0]["name"] = samples.text("Communes du Royaume", "جماعات المملكة")
        import_documents([("renamed.json", data)])
    response = client.get("/open-data/catalogue.json")
    assert response.headers["ETag"] != etag
    assert response.get_json()["administrations"][0]["name"]["fr"] == "Communes du Royaume"


def test_unknown_file(client):
    assert client.get("/open-data/catalogue.xml").status_code == 404


def test_cli_writes_both_files(app, tmp_path):
    with app.app_context():
        samples.load(dataset.catalogue())
    result = app.test_cli_runner().invoke(args=["open-data", "write", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "masatir-catalogue.json").read_text())["format"] == "masatir-catalogue/1"
    assert (tmp_path / "masatir-catalogue.csv").read_bytes().startswith("\ufeff".encode())
