"""The territory and demo offices, loaded for a test (the database is emptied after each test)."""
import pytest

from portal.extensions import db


@pytest.fixture
def territory(app):
    from procedures.offices import demo, territory as units
    with app.app_context():
        units.load()
        demo.load()
        db.session.commit()
