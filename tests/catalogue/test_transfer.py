"""Import and export: one format, all or nothing, idempotent, errors that say where."""
import json

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.models import Procedure, Version
from procedures.catalogue.transfer import ImportRejected, export_catalogue, import_documents
from tests import samples
from tests.conftest import empty_tables


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def rejected(data):
    with pytest.raises(ImportRejected) as caught:
        samples.load(data)
    return "\n".join(caught.value.errors)


def test_export_then_import_gives_back_the_same_catalogue(ctx):
    samples.load()
    exported = export_catalogue()
    with db.engine.begin() as connection:
        empty_tables(connection)
    db.session.remove()
    summary = import_documents([("export.json", exported)])
    assert summary.created["procedures"] == 2 and summary.created["versions"] == 4
    assert export_catalogue() == exported


def test_importing_the_same_file_twice_changes_nothing(ctx):
    samples.load()
    before = export_catalogue()
    summary = samples.load()
    assert not summary.changed_anything
    assert summary.unchanged_versions == 4
    assert (count(Procedure), count(Version)) == (2, 4)
    assert export_catalogue() == before


def test_a_new_version_in_the_file_is_added_and_the_rest_kept(ctx):
    samples.load()
    data = samples.catalogue()
    data["procedures"][0]["versions"].append(samples.version(2, "2026-12-01", processing_days=1))
    summary = samples.load(data)
    assert summary.created == {"procedures": 0, "versions": 1, "taxonomy": 0}
    assert count(Version) == 5


def test_one_bad_procedure_means_nothing_is_written(ctx):
    data = samples.catalogue()
    data["procedures"][1]["versions"][0]["title"] = {"fr": "Permis de construire"}
    errors = rejected(data)
    assert "procedure CT-002: versions[0].title: missing text in ar" in errors
    assert count(Procedure) == 0 and count(Version) == 0


@pytest.mark.parametrize("spoil, expected", [
    (lambda p: p["versions"][0].update(processing_days=90), "versions[0].processing_days: deadline_over_cap"),
    (lambda p: p["versions"][0].update(investment=True, processing_days=45),
     "versions[0].processing_days: deadline_over_investment_cap"),
    (lambda p: p["versions"][0]["documents"].append(
        {"name": samples.text("Copie certifiée conforme du contrat", "نسخة من العقد"), "form": "copy", "quantity": 1}),
     "versions[0].documents[2].name: certified_copy"),
    (lambda p: p["versions"][0]["documents"].append(
        {"name": samples.text("Engagement", "التزام مصحح الإمضاء"), "form": "original", "quantity": 1}),
     "versions[0].documents[2].name: legalised_signature"),
    (lambda p: p.update(theme="unknown-theme"), "theme: unknown theme 'unknown-theme'"),
    (lambda p: p.update(slug="Not A Slug"), "slug: String does not match expected pattern"),
    (lambda p: p["versions"][0].update(maturity=7), "versions[0].maturity: Must be one of"),
    (lambda p: p["versions"][0].update(number=2), "versions: versions must be numbered 1, 2, 3"),
    (lambda p: p["versions"][0].update(legal_basis=[]), "versions[0].legal_basis: Shorter than minimum length 1"),
    (lambda p: p["versions"][0].pop("silence"), "versions[0].silence: Missing data for required field"),
    (lambda p: p["versions"][0]["fees"].append({"label": samples.text("Timbre", "طابع"), "amount_mad": "-5"}),
     "versions[0].fees[0].amount_mad: Must be greater than or equal to 0"),
])
def test_errors_name_the_procedure_the_field_and_the_problem(ctx, spoil, expected):
    data = samples.catalogue()
    spoil(data["procedures"][0])
    errors = rejected(data)
    assert "sample.json: procedure CT-001: " in errors
    assert expected in errors
    assert count(Procedure) == 0


def test_a_published_version_cannot_be_changed_by_import(ctx):
    samples.load()
    data = samples.catalogue()
    data["procedures"][0]["versions"][0]["processing_days"] = 3
    errors = rejected(data)
    assert "procedure CT-001: versions[0]: version 1 is published and differs" in errors
    assert db.session.scalar(sa.select(Version.processing_days).join(Procedure).filter(Procedure.code == "CT-001")) == 0


def test_two_procedures_cannot_share_a_slug(ctx):
    data = samples.catalogue()
    data["procedures"][1]["slug"] = data["procedures"][0]["slug"]
    assert "slug: 'extrait-acte-naissance' is already used by CT-001" in rejected(data)


def test_a_file_that_is_not_a_catalogue_is_refused(ctx):
    assert "format: Must be equal to masatir-catalogue/1" in rejected({"format": "other/2", "procedures": []})
    assert "format: Missing data for required field" in rejected({"procedures": []})


def test_cli_export_and_import_round_trip(app, ctx, tmp_path):
    samples.load()
    path = tmp_path / "catalogue.json"
    result = app.test_cli_runner().invoke(args=["catalogue", "export", str(path)])
    assert result.exit_code == 0, result.output
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert [p["code"] for p in exported["procedures"]] == ["CT-001", "CT-002"]
    assert "رخصة البناء" in path.read_text(encoding="utf-8")  # Arabic written as Arabic, not \u escapes
    result = app.test_cli_runner().invoke(args=["catalogue", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 procedure(s), 0 version(s)" in result.output and "4 version(s) already present" in result.output


def test_cli_import_of_broken_json_says_so_and_fails(app, ctx, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "masatir-catalogue/1", "procedures": [', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["catalogue", "import", str(path)])
    assert result.exit_code != 0
    assert "broken.json: not a readable JSON file" in result.output
    assert count(Procedure) == 0
