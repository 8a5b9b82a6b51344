"""In a real browser, on a 360 px phone and a 1280 px desktop: file with uploads, get and verify
the receipt, track; the agent asks for a missing document; the citizen sends it; time passes; silence means approval.
axe-core checks every page on the way."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures import clock
from procedures.requests import receipts
from procedures.requests.models import Request
from tests.browser.checks import follow
from tests.conftest import TODAY
from tests.office_fixtures import PEOPLE, PASSWORD


@pytest.mark.parametrize("width", [360, 1280])
def test_a_request_from_filing_to_tacit_approval(app, office, live_server, screen, audit, files, monkeypatch, lang,
                                                 width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    follow(citizen, citizen.locator("a.button[href$='/apply']").first)  # the essentials' button
    audit(citizen)
    citizen.fill("#name", "Amina El Idrissi")
    citizen.fill("#cin", "BK123456")
    citizen.fill("#email", "amina@example.ma")
    uploads = citizen.locator("input[type=file]")
    for index in range(uploads.count()):
        uploads.nth(index).set_input_files(str(files / ("form.pdf" if index == 0 else "plan.png")))
    follow(citizen, "form.apply button[type=submit]")
    assert "/receipt" in citizen.url
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
    audit(citizen)
    number = re.search(r"/requests/([0-9A-Z]+)/receipt", citizen.url).group(1)
    secret = citizen.locator("dd.big").nth(1).inner_text().strip()

    pdf = citizen.request.get(f"{live_server}/{lang}/requests/{number}/receipt.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    follow(citizen, ".verify a")
    assert citizen.locator(".genuine").is_visible()
    audit(citizen)

    tracker = screen(width)
    tracker.goto(f"{live_server}/{lang}/track")
    tracker.fill("#number", number.lower())
    tracker.fill("#secret", secret)
    follow(tracker, "main form button[type=submit]")
    assert f"/requests/{number}" in tracker.url
    audit(tracker)

    agent = screen(width)
    agent.goto(f"{live_server}/{lang}/office/login")
    agent.fill("#email", PEOPLE["agent"][0])
    agent.fill("#password", PASSWORD)
    follow(agent, "main form button[type=submit]")
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=4))
    agent.goto(f"{live_server}/{lang}/office/requests/")
    assert agent.evaluate("document.documentElement.scrollWidth") <= width
    audit(agent)
    agent.goto(f"{live_server}/{lang}/office/requests/{number}")
    audit(agent)
    agent.locator("input[name=documents]").nth(1).check()
    agent.fill("#incomplete-message", "Plan illisible")
    follow(agent, "form:has(#incomplete-message) button[type=submit]")

    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=6))
    tracker.reload()
    assert "Plan illisible" in tracker.content()
    audit(tracker)
    tracker.locator("input[type=file]").set_input_files(str(files / "plan.png"))
    follow(tracker, "form.card button[type=submit]")
    with app.app_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert request.state == "open" and request.due_on == TODAY + timedelta(days=36)  # restarted

    approved_on = TODAY + timedelta(days=37)
    monkeypatch.setattr(clock, "today", lambda: approved_on)
    tracker.reload()
    certificate = tracker.locator("a[href$='certificate.pdf']")
    assert certificate.is_visible()
    audit(tracker)
    response = tracker.request.get(live_server + certificate.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    with app.test_request_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        code = receipts.certificate_signature(request, approved_on)
    tracker.goto(f"{live_server}/{lang}/verify/{number}/tacit-approval?code={code[:16]}")
    assert tracker.locator(".genuine").is_visible()
    audit(tracker)
    audit.assert_clean()
