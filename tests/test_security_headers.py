"""Security headers: a strict CSP without inline script, no framing, private pages never cached."""
import re

import pytest

from portal import create_app
from tests import samples


@pytest.fixture
def catalogue(app):
    with app.app_context():
        samples.load()


@pytest.mark.parametrize("path", ["/fr/", "/ar/procedures/permis-de-construire", "/api/v1/procedures",
                                  "/fr/office/login", "/fr/track"])
def test_every_response_carries_the_security_headers(client, catalogue, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "Server" not in headers


def test_pages_have_no_inline_script_or_style(client, catalogue, lang):
    for path in (f"/{lang}/", f"/{lang}/procedures/permis-de-construire", f"/{lang}/office/login",
                 f"/{lang}/procedures/permis-de-construire/apply", f"/{lang}/track"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path  # every script is a file
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def test_personal_pages_are_never_cached(client, catalogue):
    assert client.get("/fr/office/login").headers["Cache-Control"] == "no-store"
    assert client.get("/fr/track").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/fr/").headers.get("Cache-Control", "")


def test_hsts_in_production_only(app, tmp_path, monkeypatch):
    assert "Strict-Transport-Security" not in app.test_client().get("/fr/").headers
    production = create_app({**app.config, "PRODUCTION": True})
    assert production.test_client().get("/fr/").headers["Strict-Transport-Security"].startswith("max-age=")
