"""Every back-office route, for every role: access is decided on the server.

The table below is written by hand from the issue (who may do what), not read
from the code, and a route missing from it fails the test.
"""
import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.publication.models import Draft
from tests.filing import file_request
from tests.office_fixtures import PEOPLE, csrf_token, sign_in
from tests.reports.reporting import report

ANYONE_SIGNED_IN = {"editor", "other_editor", "agent", "reviewer", "admin"}
# endpoint -> roles allowed (GET), for objects of the "communes" administration
ALLOWED = {
    "office.home": ANYONE_SIGNED_IN,
    "auth.password": ANYONE_SIGNED_IN,
    "accounts.index": {"admin"},
    "accounts.create": {"admin"},
    "accounts.edit": {"admin"},
    "audit.index": {"admin"},
    "publication.procedures": {"editor", "other_editor"},
    "publication.drafts": {"editor", "other_editor"},
    "publication.new_procedure": {"editor", "other_editor"},
    "publication.withdraw": {"editor"},  # other_editor: 404, not theirs
    "publication.edit": {"editor", "reviewer"},
    "publication.preview": {"editor", "reviewer"},
    "review.queue": {"reviewer"},
    "review.show": {"reviewer"},
    "article7.index": {"reviewer"},
    "agent.queue": {"agent"},
    "taxonomy.index": {"admin"},
    "synonyms.index": {"admin"},
    "calendar.index": {"admin"},
    "agent.detail": {"agent"},
    # An uploaded file: its agents only; everybody else, signed in or not, gets 404 (tests/offices/test_files.py).
    "agent_files.open_file": {"agent"},
    "counter.index": {"agent"},
    "counter.file": {"agent"},
    "counter.receipt": {"agent"},
    "counter.receipt_pdf": {"agent"},
    # Reports of unlisted demands: the administration's staff, the commission and admins; another
    # administration's editor sees an empty queue, and a 404 on the communes' report.
    "reports_office.queue": {"agent", "editor", "other_editor", "reviewer", "admin"},
    "reports_office.detail": {"agent", "editor", "reviewer", "admin"},
    "feedback_office.index": {"editor", "other_editor", "reviewer", "admin"},
    "feedback_office.procedure": {"editor", "reviewer", "admin"},
}
POST_ONLY = {"auth.logout", "publication.new_version", "review.publish", "review.send_back", "synonyms.remove",
             "calendar.remove", "article7.add"}
PUBLIC = {"auth.login"}
NOT_DISCLOSED = {"agent_files.open_file"}  # 404 even to anonymous visitors, not the login page
# "Was this page useful?" is posted from the public sheet without a CSRF token, on purpose (see
# procedures/feedback/views.py); tests/feedback checks that a vote needs no session.
WITHOUT_CSRF = {"feedback.vote", "feedback.comment"}


def office_routes(app):
    return [rule for rule in app.url_map.iter_rules() if "/office" in rule.rule]


@pytest.fixture
def submitted_draft(app, office):
    """A submitted new-version draft of the communes' procedure CT-001."""
    from portal.auth.models import Account
    from procedures.catalogue.models import Procedure
    from procedures.publication import operations
    with app.app_context():
        editor = db.session.get(Account, office["editor"])
        procedure = db.session.scalar(sa.select(Procedure).filter_by(code="CT-001"))
        draft = operations.start_version(editor, procedure)
        operations.submit(editor, draft)
        db.session.commit()
        return draft.id


@pytest.fixture
def filed(app, office):
    """A request filed with the communes (the agent's administration)."""
    return file_request(app, app.test_client())


@pytest.fixture
def reported(app, office):
    """A report of an unlisted demand on the communes' procedure CT-001."""
    return report(app.test_client())[0]


def first_upload(number):
    from procedures.requests.models import Request
    return db.session.scalar(sa.select(Request).filter_by(number=number)).uploads[0].id if number else None


def url_args(rule, office, draft_id, number=None, report_number=None):
    values = {"lang_code": "fr", "slug": "extrait-acte-naissance", "draft_id": draft_id,
              "account_id": office["editor"], "number": number, "kind": "themes", "key": "cnie",
              "day": "2026-12-01", "report": report_number}
    if "paper" in rule.arguments:
        values["paper"] = "80mm"
    if "upload_id" in rule.arguments:
        values["upload_id"] = first_upload(number)
    return {name: values[name] for name in rule.arguments}


def test_every_office_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in office_routes(app)}
    assert endpoints == set(ALLOWED) | POST_ONLY | PUBLIC


@pytest.mark.parametrize("who", ["anonymous", *PEOPLE])
def test_each_role_reaches_exactly_its_pages(app, office, submitted_draft, filed, reported, who):
    client = app.test_client()
    if who != "anonymous":
        assert sign_in(client, who).status_code == 302
    for rule in office_routes(app):
        if rule.endpoint in POST_ONLY | PUBLIC:
            continue
        with app.test_request_context():
            from flask import url_for
            url = url_for(rule.endpoint, **url_args(rule, office, submitted_draft, filed, reported))
        status = client.get(url).status_code
        if who == "anonymous" and rule.endpoint in NOT_DISCLOSED:
            assert status == 404, url
        elif who == "anonymous":
            assert status == 302, url  # to the login page
        elif who in ALLOWED[rule.endpoint]:
            assert status == 200, (who, url, status)
        else:
            assert status in (403, 404), (who, url, status)


def test_an_editor_cannot_touch_another_administrations_procedure_by_any_url(app, office, submitted_draft):
    client = app.test_client()
    sign_in(client, "other_editor")
    token = csrf_token(client.get("/fr/office/"))
    assert client.get(f"/fr/office/drafts/{submitted_draft}").status_code == 404
    assert client.get(f"/fr/office/drafts/{submitted_draft}/preview").status_code == 404
    assert client.post(f"/fr/office/drafts/{submitted_draft}", data={"csrf_token": token,
                                                                      "action": "save"}).status_code == 404
    assert client.post("/fr/office/procedures/extrait-acte-naissance/new-version",
                       data={"csrf_token": token}).status_code == 404
    assert client.post("/fr/office/procedures/extrait-acte-naissance/withdraw",
                       data={"csrf_token": token, "reason-fr": "x", "reason-ar": "س"}).status_code == 404
    assert "extrait-acte-naissance" not in client.get("/fr/office/procedures/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Draft)) == 1


def test_a_reviewer_cannot_edit_and_an_editor_cannot_publish(app, office, submitted_draft):
    reviewer, editor = app.test_client(), app.test_client()
    sign_in(reviewer, "reviewer")
    sign_in(editor, "editor")
    token = csrf_token(reviewer.get("/fr/office/"))
    assert reviewer.post(f"/fr/office/drafts/{submitted_draft}", data={"csrf_token": token}).status_code == 403
    token = csrf_token(editor.get("/fr/office/"))
    assert editor.post(f"/fr/office/review/{submitted_draft}/publish",
                       data={"csrf_token": token, "effective_from": "2026-12-01"}).status_code == 403


def test_every_state_changing_request_needs_a_csrf_token(app, office, submitted_draft, filed, reported):
    """POST without a token, or with a token from another session, is refused and changes nothing."""
    stranger = app.test_client()
    sign_in(stranger, "reviewer")
    foreign_token = csrf_token(stranger.get("/fr/office/"))
    for who in ("editor", "reviewer", "admin"):
        client = app.test_client()
        sign_in(client, who)
        for rule in app.url_map.iter_rules():
            if "POST" not in rule.methods or rule.endpoint == "auth.login" or rule.endpoint in WITHOUT_CSRF:
                continue
            with app.test_request_context():
                from flask import url_for
                url = url_for(rule.endpoint, **url_args(rule, office, submitted_draft, filed, reported))
            for token in (None, foreign_token):
                data = {"action": "submit", "comment": "x", "effective_from": "2026-12-01"}
                if token:
                    data["csrf_token"] = token
                response = client.post(url, data=data)
                assert response.status_code == 400, (who, url, token is not None, response.status_code)
    with app.app_context():
        assert db.session.get(Draft, submitted_draft).status == "submitted"


def test_the_login_form_needs_a_csrf_token_too(app, office):
    client = app.test_client()
    response = client.post("/fr/office/login", data={"email": PEOPLE["admin"][0], "password": "whatever"})
    assert response.status_code == 400


def test_an_agent_of_one_commune_gets_404_on_every_url_of_another_communes_request(app, office, territory):
    """Issue 12: offices split an administration; every route that names a request is checked."""
    from flask import url_for

    from tests.offices.places import assign, office_code
    assign(app, office["agent"], office_code("Rabat"))
    number = file_request(app, app.test_client(), place="Meknès")
    own = file_request(app, app.test_client(), place="Rabat")
    client = app.test_client()
    sign_in(client, "agent")
    token = csrf_token(client.get("/fr/office/"))
    routes = [rule for rule in office_routes(app) if "number" in rule.arguments]
    assert {rule.endpoint for rule in routes} >= {"agent.detail", "agent_files.open_file"}
    for rule in routes:
        for request_number, expected in ((number, 404), (own, 200)):
            with app.app_context(), app.test_request_context():
                url = url_for(rule.endpoint, **url_args(rule, office, None, request_number))
            assert client.get(url).status_code == expected, (url, expected)
            if "POST" in rule.methods and expected == 404:
                response = client.post(url, data={"csrf_token": token, "step": "note", "text": "x"})
                assert response.status_code == 404, url
    queue = client.get("/fr/office/requests/").get_data(as_text=True)
    assert own in queue and number not in queue
