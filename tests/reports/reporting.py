"""Reporting an unlisted demand through the web form, as a citizen's browser does (for tests)."""
import re

from tests.office_fixtures import csrf_token

BIRTH = "extrait-acte-naissance"  # communes; version 1 in force since 2022-01-01
PERMIT = "permis-de-construire"  # communes; versions from 2021-06-01, 2024-03-01 and 2027-01-01
FACTS = {"kind": "document", "asked": "Une copie certifiée conforme du livret de famille",
         "office": "Bureau d'état civil Agdal", "town": "Rabat", "asked_on": "2026-11-20", "contact": ""}
NUMBER = re.compile(r'<dd dir="ltr" class="big"><span class="number" dir="ltr">'
                    r'([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3})</span>')
SECRET = re.compile(r'<dd dir="ltr" class="big">([0-9A-Z]{4}-[0-9A-Z]{4})</dd>')


def form(page, **changes):
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1), **FACTS}
    request = re.search(r'name="request" value="([^"]+)"', html)
    if request:
        data["request"] = request.group(1)
    data.update(changes)
    return data


def post_report(client, lang="fr", slug=BIRTH, query="", **changes):
    url = f"/{lang}/procedures/{slug}/report"
    page = client.get(url + query)
    assert page.status_code == 200
    return client.post(url, data=form(page, **changes))


def report(client, lang="fr", slug=BIRTH, query="", **changes):
    """``(number, secret)`` as the confirmation page shows them."""
    response = post_report(client, lang, slug, query, **changes)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    confirmation = client.get(response.headers["Location"])
    html = confirmation.get_data(as_text=True)
    return NUMBER.search(html).group(1).replace("-", ""), SECRET.search(html).group(1)
