"""The report, follow and feedback forms, fuzzed like the other forms (``tests/attacks/test_form_fuzz.py``):
whatever is sent, a page (never a 500), nothing raw from the visitor, and either a whole report or none."""
import re

import sqlalchemy as sa
from hypothesis import given

from portal.extensions import db, limiter
from procedures.feedback.models import Feedback
from procedures.reports.models import Report, ReportEvent
from tests.attacks.helpers import assert_safe_page, unchecked_client
from tests.attacks.test_form_fuzz import EXTRA, FUZZ, fields, no_throttle, sent  # noqa: F401 (fixture)
from tests.office_fixtures import csrf_token
from tests.reports.reporting import BIRTH, FACTS, report


def whole_reports_only(app):
    """Every report has exactly its filing event."""
    with app.app_context():
        count = sa.select(sa.func.count())
        filed = db.session.scalar(count.select_from(ReportEvent).where(ReportEvent.kind == "filed"))
        assert db.session.scalar(count.select_from(Report)) == filed


def test_the_report_form(app, office, lang):
    url = f"/{lang}/procedures/{BIRTH}/report"

    @FUZZ
    @given(data=fields(**FACTS, website=""), extra=EXTRA)
    def fuzz(data, extra):
        limiter.reset()
        client = unchecked_client(app)
        page = client.get(url)
        submission = re.search(r'name="submission" value="([^"]+)"', page.get_data(as_text=True)).group(1)
        response = client.post(url, data={**extra, **sent(data), "csrf_token": csrf_token(page),
                                          "submission": submission})
        assert_safe_page(response)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 302:
            assert_safe_page(client.get(response.headers["Location"]))
        whole_reports_only(app)

    fuzz()


def test_the_follow_form(app, office, lang):
    number, _secret = report(app.test_client(), lang)

    @FUZZ
    @given(data=fields(number=number, secret="ABCDEFGH"), extra=EXTRA)
    def fuzz(data, extra):
        limiter.reset()
        client = unchecked_client(app)
        token = csrf_token(client.get(f"/{lang}/reports/follow"))
        response = client.post(f"/{lang}/reports/follow", data={**extra, **sent(data), "csrf_token": token})
        assert_safe_page(response)
        assert response.status_code == 400

    fuzz()


def test_the_feedback_forms(app, office, lang):
    url = f"/{lang}/procedures/{BIRTH}/feedback"

    @FUZZ
    @given(vote=fields(version="1", useful="yes", website=""), remark=fields(comment="Clair", website=""),
           extra=EXTRA)
    def fuzz(vote, remark, extra):
        limiter.reset()
        client = unchecked_client(app)
        response = client.post(url, data={**extra, **sent(vote)})
        assert_safe_page(response)
        assert response.status_code in (303, 400), response.status_code
        ticket = response.headers["Location"].split("ticket=")[1] if response.status_code == 303 else "x"
        answer = client.post(url + "/comment", data={**extra, **sent(remark), "ticket": ticket})
        assert_safe_page(answer)
        assert answer.status_code in (200, 400), answer.status_code
        with app.app_context():
            assert all(len(text or "") <= 1000 for text in db.session.scalars(sa.select(Feedback.comment)))

    fuzz()
