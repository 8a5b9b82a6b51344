"""Issue 12 §2: the citizen chooses the commune, the request goes to its office, and only that
office's agents see it."""
import re
from html import unescape

import sqlalchemy as sa

from portal.extensions import db
from procedures.requests.models import Request
from tests.documents.pdfread import text as pdf_text
from tests.filing import PERMIT, document_ids, form
from tests.office_fixtures import csrf_token
from tests.offices.places import assign, office_code


def commune_of(code):
    from procedures.offices.territory import units
    unit = next(u for u in units() if u["code"] == code)
    return unit["parent_code"] if unit["level"] == "arrondissement" else code


def post(app, client, lang="fr", **changes):
    page = client.get(PERMIT.format(lang=lang))
    return client.post(PERMIT.format(lang=lang), data=form(page, document_ids(app), **changes),
                       content_type="multipart/form-data")


def filed(app, number):
    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        return found.office.code, found.receipt


def number_of(response):
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    return response.headers["Location"].split("/requests/")[1].split("/")[0]


def test_the_request_goes_to_the_office_of_the_commune_typed_and_every_paper_names_it(app, office, territory):
    client = app.test_client()
    assert 'name="place"' in client.get(PERMIT.format(lang="fr")).get_data(as_text=True)
    number = number_of(post(app, client, place="meknes"))
    code, receipt = filed(app, number)
    assert code == office_code("Meknès")
    assert receipt["office"]["name"]["fr"] == "Commune de Meknès — bureau d'ordre"
    assert "Commune de Meknès — bureau d'ordre" in unescape(client.get(f"/fr/requests/{number}/receipt").get_data(
        as_text=True))
    assert "Meknès" in pdf_text(client.get(f"/fr/requests/{number}/receipt.pdf").data)
    assert "Commune de Meknès" in client.get(f"/fr/requests/{number}").get_data(as_text=True)
    arabic = app.test_client()
    number = number_of(post(app, arabic, lang="ar", place="مكناس"))
    assert filed(app, number)[0] == office_code("Meknès")
    assert "جماعة مكناس" in arabic.get(f"/ar/requests/{number}/receipt").get_data(as_text=True)


def test_an_ambiguous_or_unknown_commune_is_asked_again_with_choices_and_nothing_is_lost(app, office, territory):
    client = app.test_client()
    page = client.get(PERMIT.format(lang="fr"))
    data = form(page, document_ids(app), place="Sidi", name="Karim Bennani")
    response = client.post(PERMIT.format(lang="fr"), data=data, content_type="multipart/form-data")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Plusieurs communes correspondent à « Sidi »" in html or "Sidi" in html and "choisissez" in html
    choices = re.findall(r'name="place_choice" value="([^"]+)"', html)
    assert len(choices) > 1
    assert 'value="Karim Bennani"' in html and html.count("Reçu : scan.") == 2  # nothing typed or sent lost
    second = {key: value for key, value in data.items() if not key.startswith("document-")}
    second.update(csrf_token=csrf_token(response), place_choice=choices[1])
    number = number_of(client.post(PERMIT.format(lang="fr"), data=second, content_type="multipart/form-data"))
    assert filed(app, number)[0] == f"commune-{commune_of(choices[1])}"  # an arrondissement: its commune

    unknown = post(app, app.test_client(), lang="ar", place="Xyzzyville")
    assert unknown.status_code == 400 and "Xyzzyville" in unknown.get_data(as_text=True)
    assert 'name="place_choice"' not in unknown.get_data(as_text=True)


def test_finding_the_commune_is_a_round_trip_that_files_nothing(app, office, territory):
    client = app.test_client()
    response = post(app, client, lang="ar", place="طنجة", action="find")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "جماعة طنجة — مكتب الضبط" in html
    assert 'name="place_code"' in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0


def test_an_agent_sees_only_the_requests_of_their_offices(app, office, territory, as_role):
    assign(app, office["agent"], office_code("Rabat"))
    rabat = number_of(post(app, app.test_client(), place="Rabat"))
    meknes = number_of(post(app, app.test_client(), place="Meknès"))
    agent = as_role("agent")
    queue = agent.get("/fr/office/requests/").get_data(as_text=True)
    assert rabat in queue and meknes not in queue
    assert agent.get(f"/fr/office/requests/{rabat}").status_code == 200
    assert agent.get(f"/fr/office/requests/{meknes}").status_code == 404


def test_an_admin_assigns_agents_to_offices_of_their_administration_only(app, office, territory, as_role):
    admin = as_role("admin")
    url = f"/fr/office/accounts/{office['agent']}"
    page = admin.get(url)
    base = {"csrf_token": csrf_token(page), "email": "agent@commune-rabat.ma", "name": "Agent", "role": "agent",
            "administration": re.search(r'<option selected value="(\d+)"|<option value="(\d+)" selected',
                                        page.get_data(as_text=True)).group(1) or "", "active": "y"}
    refused = admin.post(url, data={**base, "offices": "justice-central"})
    assert refused.status_code == 200 and "justice-central" in refused.get_data(as_text=True)
    unknown = admin.post(url, data={**base, "offices": "nowhere-1"})
    assert "nowhere-1" in unknown.get_data(as_text=True)
    assert admin.post(url, data={**base, "offices": office_code("Rabat")}).status_code == 302
    assert office_code("Rabat") in admin.get(url).get_data(as_text=True)
    assert "account_offices" in admin.get("/fr/office/audit/").get_data(as_text=True)


def test_the_form_s_default_button_files_the_request(app, office, territory):
    """Enter in a text field presses the form's first submit button (HTML's implicit submission):
    it must file the request, never "Find the commune"."""
    for lang in ("fr", "ar"):
        client = app.test_client()
        html = client.get(PERMIT.format(lang=lang)).get_data(as_text=True)
        form_html = html[html.index('<form method="post" enctype="multipart/form-data" class="apply"'):]
        first = re.search(r'<(?:button|input)[^>]*type="submit"[^>]*>', form_html).group(0)
        assert "name=" not in first  # sends no action: it files
        assert 'tabindex="-1"' in first and 'aria-hidden="true"' in first  # not a second stop for Tab or a reader
        number = number_of(post(app, client, lang, place="meknes"))
        assert filed(app, number)[0] == office_code("Meknès")
