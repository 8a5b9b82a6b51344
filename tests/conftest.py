"""Fixtures: an application on a real database built by the migrations.

``pytest --db=sqlite`` (the default) uses a file under pytest's temporary folder;
``pytest --db=postgresql`` creates a database of its own on the server at
``--postgres-url`` and drops it afterwards.
"""
import os
import uuid
import warnings
from datetime import date

import flask_migrate
import pytest
import sqlalchemy as sa

from portal import create_app, pagecache
from portal.extensions import db
from procedures import clock
from tests.pages import CheckedClient
from tests.validator import pages

TODAY = date(2026, 11, 23)


def pytest_addoption(parser):
    parser.addoption("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.addoption("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_admin(url):
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as error:
        pytest.exit(f"PostgreSQL is not reachable at {url} ({error.orig}). Start it with "
                    "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
                    "or run `make test-sqlite` alone.", returncode=3)
    return engine


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    if request.config.getoption("--db") == "sqlite":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "masatir-test.sqlite3")
        return
    admin_url = request.config.getoption("--postgres-url")
    admin = _postgres_admin(admin_url)
    name = f"masatir_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def html_conformance():
    """At the end of the session, the W3C Nu HTML Checker over one page of each route the tests
    rendered (tests/validator.py): its errors fail the run."""
    yield
    missing = pages.unavailable()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        warnings.warn(missing, stacklevel=2)
        return
    errors = pages.errors()
    assert not errors, f"{len(errors)} error(s) from the Nu HTML Checker:\n" + "\n".join(errors)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "a-test-key-that-is-long-enough-to-pass-the-checks",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
        "PAGE_CACHE_DIR": str(tmp_path_factory.mktemp("page-cache")),
    })
    app.test_client_class = CheckedClient
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Tests run on a fixed day, so that dates of effect are stable."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


def empty_tables(connection):
    """Delete every row of every table, published versions included: the one use of the database's
    escape from the frozen-version triggers (migration 0009), within the caller's transaction only."""
    connection.execute(sa.text("INSERT INTO catalogue_maintenance (reason) VALUES ('test teardown')"))
    for table in reversed(db.metadata.sorted_tables):
        connection.execute(table.delete())
    connection.execute(sa.text("DELETE FROM catalogue_maintenance"))


@pytest.fixture(autouse=True)
def empty_database(app):
    """Every test starts from an empty database (tables emptied, schema kept)."""
    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            empty_tables(connection)
        pagecache.clear()  # ids are used again from an empty database: what was kept under them is not true now


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(params=["ar", "fr"])
def lang(request):
    return request.param
