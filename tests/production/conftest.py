import uuid

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from tests.conftest import _postgres_admin
from tests.office_fixtures import fresh_limits, office  # noqa: F401


@pytest.fixture
def other_app(request, app, tmp_path):
    """A second portal on a database and an upload folder of its own, empty: where a backup is restored."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        url, drop = "sqlite:///" + str(tmp_path / "restored.sqlite3"), None
    else:
        admin_url = request.config.getoption("--postgres-url")
        admin, name = _postgres_admin(admin_url), f"masatir_restore_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name

        def drop():
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    other = create_app({
        "TESTING": True,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "RECEIPT_SIGNING_KEY": app.config["RECEIPT_SIGNING_KEY"],
        "SQLALCHEMY_DATABASE_URI": url,
        "UPLOAD_DIR": str(tmp_path / "restored-uploads"),
    })
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()
    if drop:
        drop()
