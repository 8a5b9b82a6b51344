"""Script and HTML typed into every text field, in both languages: shown escaped wherever it is shown.

Citizens (the apply form, tracking), agents (notes, messages, reasons), editors (every text of a
draft), reviewers (comments, change notes) and anyone at the login form: nothing they type
becomes markup on anyone's page, nor in the API's HTML snippets.
"""
import sqlalchemy as sa

from portal.extensions import db
from procedures.publication.models import Draft
from procedures.requests.models import Request
from tests.attacks.helpers import SCRIPT, assert_safe_page, escaped, number_of, post_application
from tests.filing import document_ids
from tests.office_fixtures import csrf_token
from tests.pages import text_of

SHEET = "/{lang}/procedures/extrait-acte-naissance"


def other(lang):
    return "ar" if lang == "fr" else "fr"


def test_a_citizens_texts_are_escaped_on_the_receipt_tracking_and_agent_pages(app, office, as_role, lang):
    citizen = app.test_client()
    refused = post_application(app, citizen, lang, email='"<script>alert(3)</script>"@x.ma')
    assert refused.status_code == 400  # not one plain address: refused on its field, shown back escaped
    assert_safe_page(refused, escaped('"<script>alert(3)</script>"@x.ma'))
    number = number_of(post_application(app, citizen, lang, name=SCRIPT[lang], details=SCRIPT[other(lang)],
                                         phone="0612345678", email="amina@x.ma"))  # a phone is checked
    with app.app_context():
        stored = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert stored.applicant["name"] == SCRIPT[lang][:200]  # kept as typed, escaped only when shown
    assert_safe_page(citizen.get(f"/{lang}/requests/{number}/receipt"))
    assert_safe_page(citizen.get(f"/{lang}/requests/{number}"))
    agent = as_role("agent", lang)
    assert_safe_page(agent.get(f"/{lang}/office/requests/"))
    page = agent.get(f"/{lang}/office/requests/{number}")
    assert_safe_page(page, escaped(SCRIPT[lang]))
    assert_safe_page(page, escaped(SCRIPT[other(lang)]))


def test_an_agents_texts_are_escaped_for_the_agent_and_the_citizen(app, office, as_role, lang):
    citizen = app.test_client()
    number = number_of(post_application(app, citizen, lang))
    agent = as_role("agent", lang)
    url = f"/{lang}/office/requests/{number}"
    for data in ({"step": "note", "text": SCRIPT[lang]},
                 {"step": "incomplete", "documents": [str(document_ids(app)[0])], "message": SCRIPT[other(lang)]}):
        response = agent.post(url, data={"csrf_token": csrf_token(agent.get(url)), **data})
        assert response.status_code == 302, data
    assert_safe_page(agent.get(url), escaped(SCRIPT[lang]))
    follow = citizen.get(f"/{lang}/requests/{number}")
    assert_safe_page(follow, escaped(SCRIPT[other(lang)]))
    response = agent.post(url, data={"csrf_token": csrf_token(agent.get(url)), "step": "refuse",
                                     "ground": "other", "ground_text": SCRIPT[lang], "reason": SCRIPT[lang]})
    assert_safe_page(response)
    assert_safe_page(citizen.get(f"/{lang}/requests/{number}"))
    assert_safe_page(agent.get(f"/{lang}/office/requests/?show=decided"))


def test_hostile_values_sent_back_with_an_error_are_escaped(app, office, lang):
    client = app.test_client()
    response = post_application(app, client, lang, cin=SCRIPT[lang], name=SCRIPT[other(lang)])
    assert response.status_code == 400
    assert_safe_page(response, escaped(SCRIPT[other(lang)]))
    page = client.get(f"/{lang}/track")
    response = client.post(f"/{lang}/track", data={"csrf_token": csrf_token(page), "number": SCRIPT[lang],
                                                   "secret": SCRIPT[other(lang)]})
    assert response.status_code == 400
    assert_safe_page(response)


def test_a_hostile_login_is_escaped_in_the_audit_log(app, office, as_role, lang):
    client = app.test_client()
    page = client.get(f"/{lang}/office/login")
    response = client.post(f"/{lang}/office/login", data={"csrf_token": csrf_token(page), "email": SCRIPT[lang],
                                                          "password": SCRIPT[other(lang)]})
    assert response.status_code in (400, 401)
    assert_safe_page(response)
    admin = as_role("admin", lang)
    assert_safe_page(admin.get(f"/{lang}/office/audit/"))
    assert_safe_page(admin.get(f"/{lang}/office/audit/", query_string={"actor": SCRIPT[lang]}))


def draft_fields(lang_payloads):
    """A complete, lawful draft whose every text carries the payload of its language."""
    data = {"processing_days": "2", "silence": "none", "maturity": "4", "fees-stated": "free",
            "filing-online_url": "https://www.watiqa.ma"}
    for lang, payload in lang_payloads.items():
        for name in ("title", "summary", "eligibility", "filing-places", "documents-0-name", "documents-0-note",
                     "steps-0-actor", "steps-0-action", "legal_basis-0-title"):
            data[f"{name}-{lang}"] = f"{name} {payload}"
    data.update({"documents-0-form": "original", "documents-0-quantity": "1"})
    return data


def test_an_editors_and_a_reviewers_texts_are_escaped_from_draft_to_sheet(app, as_role, lang):
    editor, reviewer, admin = as_role("editor", lang), as_role("reviewer", lang), as_role("admin", lang)
    listing = editor.get(f"/{lang}/office/procedures/")
    response = editor.post(f"/{lang}/office/procedures/extrait-acte-naissance/new-version",
                           data={"csrf_token": csrf_token(listing)})
    draft_url = response.headers["Location"]
    draft_id = int(draft_url.rstrip("/").rsplit("/", 1)[-1])
    fields = draft_fields(SCRIPT)
    saved = editor.post(draft_url, data={**fields, "csrf_token": csrf_token(editor.get(draft_url))})
    assert saved.status_code == 302
    assert_safe_page(editor.get(draft_url), escaped(f"title {SCRIPT[lang]}"))
    assert_safe_page(editor.get(f"{draft_url}/preview"), escaped(f"summary {SCRIPT[lang]}"))
    submitted = editor.post(draft_url, data={**fields, "action": "submit",
                                             "csrf_token": csrf_token(editor.get(draft_url))})
    assert submitted.status_code == 302, text_of(submitted)[:2000]

    review_url = f"/{lang}/office/review/{draft_id}"
    assert_safe_page(reviewer.get(review_url), escaped(f"steps-0-action {SCRIPT[lang]}"))
    returned = reviewer.post(f"{review_url}/return", data={"csrf_token": csrf_token(reviewer.get(review_url)),
                                                           "comment": SCRIPT[lang]})
    assert returned.status_code == 302
    assert_safe_page(editor.get(draft_url), escaped(SCRIPT[lang]))
    resubmitted = editor.post(draft_url, data={**fields, "action": "submit",
                                               "csrf_token": csrf_token(editor.get(draft_url))})
    assert resubmitted.status_code == 302

    published = reviewer.post(f"{review_url}/publish", data={
        "csrf_token": csrf_token(reviewer.get(review_url)), "effective_from": "2026-11-23",
        "change_note-fr": SCRIPT["fr"], "change_note-ar": SCRIPT["ar"]})
    assert published.status_code == 302, text_of(published)[:2000]
    with app.app_context():
        assert db.session.get(Draft, draft_id).status == "published"
    assert_safe_page(app.test_client().get(SHEET.format(lang=lang)), escaped(f"title {SCRIPT[lang]}"))
    assert_safe_page(app.test_client().get(SHEET.format(lang=lang) + "/history"))
    assert_safe_page(app.test_client().get(f"/{lang}/search", query_string={"q": "title script alert"}))
    assert_safe_page(admin.get(f"/{lang}/office/audit/"))
    found = app.test_client().get("/api/v1/search", query_string={"q": "title alert", "lang": lang}).get_json()
    assert found["results"], found
    for result in found["results"]:  # documented as plain text: escaping is the page's job, not the API's
        assert "<mark>" not in result["title"] and "&lt;" not in result["title"] + result["summary"], result


CONTROLS = "a\x01b\x1bc\x7fd\x85e\ufffff\U0010ffffg\x0bh"  # NUL: see test_nul_anywhere_in_a_request…


def test_control_characters_typed_are_not_echoed_into_pages(app, office, as_role, lang):
    client = app.test_client()  # the checked client: every page must parse as HTML5 without error
    response = post_application(app, client, lang, name=CONTROLS, cin="?", details=CONTROLS)
    assert response.status_code == 400
    page = client.get(f"/{lang}/office/login")
    response = client.post(f"/{lang}/office/login", data={"csrf_token": csrf_token(page), "email": CONTROLS,
                                                          "password": "x"})
    assert response.status_code == 401
    number = number_of(post_application(app, client, lang, name=CONTROLS, details=CONTROLS))
    assert as_role("agent", lang).get(f"/{lang}/office/requests/{number}").status_code == 200
