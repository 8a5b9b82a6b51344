"""Issue 12 §4: agents open the files they judge; nobody else learns that they exist."""
import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.extensions import db
from procedures.requests.models import Request
from tests.filing import PDF, PNG, file_request
from tests.office_fixtures import sign_in


def uploads(app, number):
    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        return {upload.content_type: upload.id for upload in found.uploads}


def test_the_agent_of_the_office_opens_each_file_and_each_opening_is_audited(app, office, as_role):
    number = file_request(app, app.test_client())
    files = uploads(app, number)
    agent = as_role("agent")
    page = agent.get(f"/fr/office/requests/{number}").get_data(as_text=True)
    assert f"/fr/office/requests/{number}/files/{files['image/png']}?view=inline" in page
    assert f"/fr/office/requests/{number}/files/{files['application/pdf']}" in page

    pdf = agent.get(f"/fr/office/requests/{number}/files/{files['application/pdf']}?view=inline")
    assert pdf.status_code == 200 and pdf.data == PDF
    assert pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment;")  # a PDF is never shown inline
    png = agent.get(f"/fr/office/requests/{number}/files/{files['image/png']}?view=inline")
    assert png.status_code == 200 and png.data == PNG and png.mimetype == "image/png"
    assert png.headers["Content-Disposition"].startswith("inline;")
    for response in (pdf, png):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"].startswith("sandbox")
        assert "no-store" in response.headers["Cache-Control"]
    with app.app_context():
        opened = db.session.scalars(sa.select(AuditEntry).filter_by(action="request_file_opened")
                                    .order_by(AuditEntry.id)).all()
        assert [(e.actor, e.target, e.details["upload"]) for e in opened] == [
            ("agent@commune-rabat.ma", f"request:{number}", files["application/pdf"]),
            ("agent@commune-rabat.ma", f"request:{number}", files["image/png"])]


def test_anyone_else_gets_404_and_nothing_is_audited(app, office):
    number = file_request(app, app.test_client())
    url = f"/fr/office/requests/{number}/files/{uploads(app, number)['application/pdf']}"
    assert app.test_client().get(url).status_code == 404  # anonymous: not even the login page
    for who in ("editor", "other_editor", "reviewer", "admin"):
        client = app.test_client()
        assert sign_in(client, who).status_code == 302
        assert client.get(url).status_code == 404, who
    agent = app.test_client()
    sign_in(agent, "agent")
    assert agent.get(url.rsplit("/", 1)[0] + "/999999").status_code == 404  # not a file of this request
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                                 .filter_by(action="request_file_opened")) == 0
