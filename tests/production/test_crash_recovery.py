"""A worker that dies in the middle of a filing: the citizen's retry (the same form again) must end well.

bench/faults.py kills workers at random; these tests put the death exactly between the
files reaching their keys and the commit.
"""
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.requests import operations
from procedures.requests.models import Request
from tests.filing import PERMIT, document_ids, form


class WorkerDied(BaseException):
    """Stands for SIGKILL: nothing after it runs in that request (no error page, no rollback)."""


def die_after_moving_files(monkeypatch):
    store_files = operations.store_files

    def moved_then_died(*args):
        store_files(*args)
        raise WorkerDied

    monkeypatch.setattr(operations, "store_files", moved_then_died)


def stored_request(app):
    with app.app_context():
        db.session.remove()
        request = db.session.scalar(sa.select(Request))
        return request.number, [upload.key for upload in request.uploads]


def attempt(client, page, ids, **changes):
    return client.post(PERMIT.format(lang="fr"), data=form(page, ids, **changes), content_type="multipart/form-data")


def test_the_same_form_sent_again_after_a_death_is_filed_with_all_its_files(app, office, monkeypatch):
    client, ids = app.test_client(), document_ids(app)
    page = client.get(PERMIT.format(lang="fr"))
    die_after_moving_files(monkeypatch)
    with pytest.raises(WorkerDied):
        attempt(client, page, ids)
    monkeypatch.undo()
    with app.app_context():
        db.session.remove()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0  # never committed

    again = attempt(client, page, ids)
    assert again.status_code == 302
    number, keys = stored_request(app)
    assert f"/requests/{number}/" in again.headers["Location"] and len(keys) == 2
    assert [key for key in keys if not (Path(app.config["UPLOAD_DIR"]) / key).is_file()] == []


def test_files_kept_for_a_retry_survive_a_death_before_the_commit(app, office, monkeypatch):
    """A browser that sends the form again without its files (they were kept once, as for a refused field)."""
    client, ids = app.test_client(), document_ids(app)
    page = client.get(PERMIT.format(lang="fr"))
    die_after_moving_files(monkeypatch)
    with pytest.raises(WorkerDied):
        attempt(client, page, ids)
    monkeypatch.undo()
    again = attempt(client, page, ids, files=(None, None))
    assert again.status_code == 302, "the staged files were lost: the citizen must send them again"
