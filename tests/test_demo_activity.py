"""`make run`'s demo activity: every role has something to see, and a second run changes nothing."""
import sqlalchemy as sa

from portal.auth.models import Account
from portal.extensions import db
from procedures import demo
from procedures.catalogue.cli import DEMO
from procedures.catalogue.models import Administration
from procedures.catalogue.transfer import import_catalogue
from procedures.feedback.models import Feedback
from procedures.publication.models import Draft
from procedures.reports.models import Report
from procedures.requests import receipts
from procedures.requests.models import Request
from tests.conftest import TODAY
from tests.pages import text_of


def snapshot():
    return [db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Request, Report, Feedback, Draft)]


def test_the_demo_gives_every_role_something_to_see_once(app, client):
    with app.app_context():
        import_catalogue(DEMO)
        communes = db.session.scalar(sa.select(Administration).filter_by(code="communes"))
        for role in ("agent", "editor"):
            db.session.add(Account(email=f"{role}@demo.ma", name=role, role=role, administration_id=communes.id,
                                   password_hash="x"))
        db.session.commit()
        assert demo.seed(TODAY)
        db.session.commit()
        counts = snapshot()
        assert not demo.seed(TODAY)
        db.session.commit()
        assert snapshot() == counts  # idempotent

        requests = db.session.scalars(sa.select(Request)).all()
        states = {request.state for request in requests}
        assert states >= {"open", "waiting_for_citizen", "approved", "refused", "tacitly_approved"}
        assert len({(r.filed_on.year, r.filed_on.month) for r in requests}) >= 6  # several months
        assert all(receipts.is_genuine(request, request.signature) for request in requests)  # real receipts
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Draft).where(Draft.status == "submitted")) == 1
        reports = db.session.scalars(sa.select(Report)).all()
        assert len(reports) >= 5 and {report.state for report in reports} >= {"open", "answered"}
        assert counts[2] >= 5  # feedback
        filed = len(requests)
    page = text_of(client.get("/fr/statistics/"))
    assert f"Total {filed}" in " ".join(page.split())  # the statistics show figures, not "fewer than 5"
