"""Issue 12 §3: a deposit at the counter gets the same receipt as online, on A4 and on 80 mm."""
import io
import re
from datetime import timedelta
from html import unescape

import sqlalchemy as sa
from pypdf import PdfReader

from portal.extensions import db
from procedures import clock
from procedures.documents.pdf import QR_MODULE
from procedures.documents.qr import qr_matrix
from procedures.requests.models import Request
from procedures.requests.receipts import is_genuine
from tests import samples
from tests.documents import pdfread
from tests.office_fixtures import csrf_token
from tests.offices.places import assign, office_code

COUNTER = "/fr/office/counter/permis-de-construire"


def register(agent, app, **changes):
    page = agent.get(COUNTER)
    html = page.get_data(as_text=True)
    with app.app_context():
        from procedures.catalogue.queries import procedure_by_slug
        ids = [d.id for d in procedure_by_slug("permis-de-construire").version_on(clock.today()).documents]
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
            "name": "Fatima Zahra Alaoui", "cin": "AB987654", "phone": "0661234567", "email": "",
            "language": "ar", "deposit": "2026-11-23T09:30", "handed_over": [str(ids[0])]}
    data.update(changes)
    return agent.post(COUNTER, data=data, content_type="multipart/form-data"), ids


def page_size(pdf):
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


def test_a_counter_filing_gets_the_same_signed_receipt_in_two_formats_and_the_same_clock(
        app, office, territory, as_role, monkeypatch):
    assign(app, office["agent"], office_code("Rabat"))
    agent = as_role("agent")  # the agent works in French; the applicant reads Arabic
    response, ids = register(agent, app)
    assert response.status_code == 302, unescape(response.get_data(as_text=True))[:2000]
    receipt_page = unescape(agent.get(response.headers["Location"]).get_data(as_text=True))
    number = re.search(r'/ar/office/counter/receipts/([A-Z0-9]+)/a4\.pdf', receipt_page).group(1)
    secret = re.search(r'class="big">([A-Z0-9]{4})-([A-Z0-9]{4})</dd>', receipt_page.split("Code secret")[1])
    secret = secret.group(1) + secret.group(2)

    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert found.office.code == office_code("Rabat") and found.language == "ar"
        assert found.filed_on.isoformat() == "2026-11-23" and found.receipt["channel"] == "counter"
        assert [d["handed_over"] for d in found.receipt["documents"]] == [True] + [False] * (len(ids) - 1)
        assert found.due_on is not None and is_genuine(found, found.signature)
        verify = f"{app.config['PUBLIC_BASE_URL']}/ar/verify/{number}?code={found.signature}"
        silence_on = found.silence_on

    a4 = agent.get(f"/ar/office/counter/receipts/{number}/a4.pdf")
    roll = agent.get(f"/ar/office/counter/receipts/{number}/80mm.pdf")
    assert a4.status_code == roll.status_code == 200 and a4.mimetype == roll.mimetype == "application/pdf"
    assert page_size(a4.data) == (210, 297)
    assert page_size(roll.data)[0] == 80 and 80 < page_size(roll.data)[1] < 297
    expected = {(row, column) for row, modules in enumerate(qr_matrix(verify)) for column, dark in enumerate(modules)
                if dark}
    for pdf in (a4.data, roll.data):
        text = pdfread.text(pdf)
        assert "رخصة البناء"[::-1] in text  # in Arabic, whatever the agent reads (drawn right to left)
        assert number[:4] in text and secret[:4] in text
        assert pdfread.qr_modules(pdf, QR_MODULE) == expected  # the QR code is the verification address
    citizen = app.test_client()
    assert "صحيح" in citizen.get(verify.replace(app.config["PUBLIC_BASE_URL"], "")).get_data(as_text=True)

    # The clock runs as for an online filing: silence falls, the sweep records it, the citizen follows it.
    monkeypatch.setattr(clock, "today", lambda: silence_on + timedelta(days=1))
    from procedures.requests.jobs import sweep_job
    with app.test_request_context():
        assert sweep_job()["tacit_approval"] == 1
    page = citizen.get("/ar/track")
    followed = citizen.post("/ar/track", data={"csrf_token": csrf_token(page), "number": number, "secret": secret})
    assert followed.status_code == 302
    assert citizen.get(f"/ar/requests/{number}/certificate.pdf").status_code == 200


def test_any_maturity_is_registered_and_a_future_deposit_or_unlisted_document_is_refused(app, as_role, office):
    from procedures.requests.counter_views import now_in_morocco
    agent = as_role("agent")
    response, _ids = register(agent, app, deposit="2099-01-01T10:00")
    assert response.status_code == 400 and "futur" in unescape(response.get_data(as_text=True))
    response, _ids = register(agent, app, deposit=now_in_morocco(), handed_over=["999999"])
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0
        data = samples.catalogue()
        data["procedures"] = [{"code": "CT-003", "slug": "certificat-de-residence", "administration": "communes",
                               "theme": "civil-status", "audiences": ["citizens"], "versions": [samples.version(
                                   title=samples.text("Certificat de résidence", "شهادة السكنى"), maturity=1)]}]
        samples.load(data)
    assert agent.get("/fr/procedures/certificat-de-residence/apply").status_code == 404  # not online
    page = agent.get("/fr/office/counter/certificat-de-residence")
    html = page.get_data(as_text=True)
    response = agent.post("/fr/office/counter/certificat-de-residence", data={
        "csrf_token": csrf_token(page), "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
        "name": "Youssef Amrani", "cin": "J123456", "phone": "0600000000", "language": "fr",
        "deposit": now_in_morocco()}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert "Certificat de résidence" in agent.get("/fr/office/counter/").get_data(as_text=True)
