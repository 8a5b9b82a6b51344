"""A published version cannot be changed by any path: the application's session, plain SQL, or an import
that would rewrite what was in force on a past day (Law 55-19: the published sheet binds the administration)."""
import pytest
import sqlalchemy as sa

from portal import create_app
from portal.audit.models import AuditEntry
from portal.extensions import db
from procedures.catalogue import immutability
from procedures.catalogue.models import Version
from procedures.catalogue.transfer import ImportRejected
from tests import samples

FROZEN = ("procedure_version", "version_document", "version_step", "version_fee", "version_legal_reference")


@pytest.fixture
def loaded(ctx):
    samples.load()
    db.session.remove()


def test_the_application_itself_refuses_an_edit_of_a_published_version(app, loaded, monkeypatch, tmp_path):
    # Built as wsgi.py builds it (create_app() from the environment), with no guard left from earlier imports.
    sa.event.remove(sa.orm.Session, "before_flush", immutability.refuse_changes_to_published_versions)
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    served = create_app()
    with served.app_context():
        version = db.session.scalar(sa.select(Version).filter_by(number=1))
        version.processing_days = 999
        with pytest.raises(immutability.PublishedVersionIsImmutable):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(Version, version.id).processing_days != 999


@pytest.mark.parametrize("table", FROZEN)
def test_the_database_refuses_to_change_or_delete_a_published_version_or_its_parts(app, loaded, table):
    with app.app_context(), db.engine.connect() as connection:
        column = "position" if table != "procedure_version" else "number"
        for statement in (f"UPDATE {table} SET {column} = {column} + 100", f"DELETE FROM {table}"):
            with pytest.raises(sa.exc.IntegrityError, match="never changed or deleted"):
                connection.execute(sa.text(statement))
            connection.rollback()
        rows = connection.scalar(sa.text(f"SELECT count(*) FROM {table}"))
        assert rows > 0


def test_deleting_a_procedure_cannot_take_its_published_versions_with_it(app, loaded):
    with app.app_context(), db.engine.connect() as connection:
        with pytest.raises(sa.exc.IntegrityError):
            connection.execute(sa.text("DELETE FROM procedure WHERE code = 'CT-002'"))
        connection.rollback()
        assert connection.scalar(sa.text("SELECT count(*) FROM procedure WHERE code = 'CT-002'")) == 1


def test_a_new_version_is_still_added_beside_the_frozen_ones(ctx, loaded):
    data = samples.catalogue()
    data["procedures"][0]["versions"].append(samples.version(2, "2026-11-23", processing_days=1))
    assert samples.load(data).created["versions"] == 1


def test_an_import_never_changes_what_was_in_force_on_a_past_day(ctx, loaded):
    before = {(v.procedure_id, v.number) for v in Version.query}
    data = samples.catalogue()
    data["procedures"][0]["versions"].append(samples.version(2, "2026-11-22", processing_days=1))
    with pytest.raises(ImportRejected) as rejected:
        samples.load(data)
    assert any("versions[1].effective_from" in line and "2026-11-23 or later" in line
               for line in rejected.value.errors)
    db.session.rollback()
    assert {(v.procedure_id, v.number) for v in Version.query} == before


def test_a_procedure_new_to_the_catalogue_brings_its_history_and_the_import_is_audited(ctx, loaded):
    data = samples.catalogue()
    extra = {**data["procedures"][0], "code": "CT-900", "slug": "procedure-nouvelle",
             "versions": [samples.version(1, "2020-01-01")]}
    data["procedures"].append(extra)
    assert samples.load(data).created["versions"] == 1
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.action.like("catalogue_%"))
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["catalogue_first_load", "catalogue_imported"]


def test_the_first_load_of_an_empty_catalogue_brings_its_history_and_says_so(ctx):
    samples.load()
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("catalogue_%"))).all()
    assert [entry.action for entry in entries] == ["catalogue_first_load"]
    assert entries[0].details["versions"] == db.session.scalar(sa.select(sa.func.count(Version.id)))
    assert min(v.effective_from for v in Version.query).year < 2026  # the history, dated in the past
