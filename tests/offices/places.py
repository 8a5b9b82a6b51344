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


def office_code(commune_fr):
    """The communes' office of the commune named so in French (HCP's name)."""
    from procedures.offices.territory import units
    [unit] = [u for u in units() if u["level"] == "commune" and u["name"]["fr"] == commune_fr]
    return f"commune-{unit['code']}"


def assign(app, account_id, *codes):
    from portal.auth.models import Account
    from procedures.offices.assignment import assign as put
    from procedures.offices.models import Office
    import sqlalchemy as sa
    with app.app_context():
        offices = db.session.scalars(sa.select(Office).where(Office.code.in_(codes))).all()
        put(db.session.get(Account, account_id), offices)
        db.session.commit()
