"""Backup and restore: catalogue and a filed request with its files, into a fresh database and folder."""
import hashlib
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.requests import receipts
from procedures.requests.models import Request, Upload
from tests.filing import file_request


def snapshot(app):
    """Rows per table, and every stored file of every request with its checksum as the database has it."""
    with app.app_context():
        counts = {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
                  for table in db.metadata.sorted_tables}
        uploads = {upload.key: upload.sha256 for upload in db.session.scalars(sa.select(Upload))}
        requests = {request.number: request.signature for request in db.session.scalars(sa.select(Request))}
    return counts, uploads, requests


def files_on_disk(app, uploads):
    root = Path(app.config["UPLOAD_DIR"])
    return {key: hashlib.sha256((root / key).read_bytes()).hexdigest() for key in uploads if (root / key).is_file()}


@pytest.fixture
def archive(app, office, tmp_path):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql") and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    number = file_request(app, app.test_client(), "fr")
    path = tmp_path / "masatir.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    assert " files (" in result.output
    return path, number


def test_round_trip_keeps_rows_files_and_receipts(app, other_app, archive):
    path, number = archive
    counts, uploads, requests = snapshot(app)
    assert counts["request"] == 1 and len(uploads) == 2 and counts["procedure"] > 0

    result = other_app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
    assert result.exit_code == 0, result.output
    assert "checked against its manifest" in result.output

    assert snapshot(other_app) == (counts, uploads, requests)
    assert files_on_disk(other_app, uploads) == uploads
    with other_app.app_context():
        restored = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert receipts.is_genuine(restored, restored.signature)
    page = other_app.test_client().get(f"/fr/verify/{number}?code={requests[number]}")
    assert page.status_code == 200 and "Permis de construire" in page.get_data(as_text=True)


def test_restore_refuses_a_target_that_is_not_empty(app, other_app, archive):
    path, _ = archive
    refused = app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
    assert refused.exit_code != 0 and "not empty" in refused.output

    first = other_app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
    assert first.exit_code == 0, first.output
    again = other_app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
    assert again.exit_code != 0 and "--force" in again.output
    forced = other_app.test_cli_runner().invoke(args=["backup", "restore", "--force", str(path)])
    assert forced.exit_code == 0, forced.output
    assert snapshot(other_app)[0] == snapshot(app)[0]


def test_a_damaged_archive_is_refused(other_app, tmp_path):
    bad = tmp_path / "bad.tar.gz"
    import tarfile
    with tarfile.open(bad, "w:gz"):
        pass
    result = other_app.test_cli_runner().invoke(args=["backup", "restore", str(bad)])
    assert result.exit_code != 0 and "not a Masatir backup" in result.output
