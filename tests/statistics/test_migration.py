"""Migration 0008 down and up again on a database of its own, with requests in it: the columns the
statistics read are filled from the events, and the figures stay those computed by hand."""
import uuid

import flask_migrate
import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from procedures.statistics import figures
from tests.conftest import TODAY
from tests.statistics import dataset
from tests.statistics.test_figures import assert_figures

DECIDED = {f"TEST-{name}": next((on for kind, on in events if kind in ("approved", "refused")), None)
           for name, _code, _filed, _state, _due, events in dataset.REQUESTS}
INCOMPLETE = {f"TEST-{name}" for name, *_rest, events in dataset.REQUESTS if any(k == "incomplete" for k, _ in events)}


@pytest.fixture
def own_database(request, tmp_path):
    if request.config.getoption("--db") == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    admin_url = request.config.getoption("--postgres-url").replace("postgresql://", "postgresql+psycopg://", 1)
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"masatir_migration_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def request_columns():
    inspector = sa.inspect(db.engine)
    return ({c["name"] for c in inspector.get_columns("request")},
            {i["name"] for i in inspector.get_indexes("request")})


def test_down_and_up_again_fills_the_columns_from_the_events(own_database):
    app = create_app({"TESTING": True, "SECRET_KEY": "a-test-key-that-is-long-enough-to-pass-the-checks",
                      "SQLALCHEMY_DATABASE_URI": own_database})
    with app.app_context():
        flask_migrate.upgrade()
        dataset.build()
        db.session.remove()
        flask_migrate.downgrade(revision="0007")  # below 0008, whatever migrations came after it
        columns, indexes = request_columns()
        assert {"decided_on", "incomplete"}.isdisjoint(columns) and "ix_request_statistics" not in indexes
        assert db.session.scalar(sa.text("SELECT count(*) FROM request")) == len(dataset.REQUESTS)  # nothing lost
        db.session.remove()  # no transaction left open to block the migration (PostgreSQL)

        flask_migrate.upgrade()
        columns, indexes = request_columns()
        assert {"decided_on", "incomplete"} <= columns and "ix_request_statistics" in indexes
        found = {number: (decided_on, incomplete) for number, decided_on, incomplete in db.session.execute(
            sa.text("SELECT number, decided_on, incomplete FROM request"))}
        assert {n: str(d) if d else None for n, (d, _) in found.items()} == DECIDED
        assert {n for n, (_, incomplete) in found.items() if incomplete} == INCOMPLETE == {"TEST-P4", "TEST-P8"}
        table = figures.table(figures.Period.default(TODAY), TODAY)
        assert_figures(table.rows[0], dataset.COMMUNES)
        assert_figures(table.total, dataset.TOTAL)
        db.session.remove()
        db.engine.dispose()
