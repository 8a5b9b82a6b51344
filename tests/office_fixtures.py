"""Back-office fixtures: two administrations, an account per role, signed-in clients."""
import re

import pytest

from portal.auth.models import Account
from portal.auth.passwords import hash_password
from portal.extensions import db, limiter
from procedures.catalogue.models import Administration
from tests import samples

PASSWORD = "correct horse battery staple 55-19"
PEOPLE = {  # role name in tests -> (e-mail, role, administration code)
    "editor": ("editor@commune-rabat.ma", "editor", "communes"),
    "other_editor": ("editor@justice.gov.ma", "editor", "justice"),
    "agent": ("agent@commune-rabat.ma", "agent", "communes"),
    "reviewer": ("reviewer@mtnra.gov.ma", "reviewer", None),
    "admin": ("admin@masatir.ma", "admin", None),
}
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(response):
    match = CSRF.search(response.get_data(as_text=True))
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture(autouse=True)
def fresh_limits(app):
    limiter.reset()


@pytest.fixture
def office(app):
    """The sample catalogue, a second administration with one procedure, and one account per role."""
    with app.app_context():
        data = samples.catalogue()
        data["administrations"].append({"code": "justice", "kind": "ministry",
                                        "name": samples.text("Ministère de la Justice", "وزارة العدل")})
        data["procedures"].append({"code": "NAT-JUS-01", "slug": "casier-judiciaire", "administration": "justice",
                                   "theme": "civil-status", "audiences": ["citizens"], "versions": [samples.version(
                                       title=samples.text("Extrait du casier judiciaire", "مستخرج من السجل العدلي"))]})
        samples.load(data)
        ids = {}
        for name, (email, role, code) in PEOPLE.items():
            administration = Administration.query.filter_by(code=code).one() if code else None
            account = Account(email=email, name=name.replace("_", " ").title(), role=role,
                              administration_id=administration.id if administration else None,
                              password_hash=hash_password(PASSWORD))
            db.session.add(account)
            db.session.flush()
            ids[name] = account.id
        db.session.commit()
        return ids


def sign_in(client, who, lang="fr", password=PASSWORD):
    email = PEOPLE[who][0] if who in PEOPLE else who
    page = client.get(f"/{lang}/office/login")
    return client.post(f"/{lang}/office/login", data={"email": email, "password": password,
                                                      "csrf_token": csrf_token(page)})


@pytest.fixture
def as_role(app, office):
    """``as_role("editor")``: a test client signed in with that account."""
    def make(who, lang="fr"):
        client = app.test_client()
        response = sign_in(client, who, lang)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client
    return make
