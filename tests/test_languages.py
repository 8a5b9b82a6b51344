"""A third language is configuration: Tamazight (Tifinagh) with no code change."""
import pytest

from portal import create_app
from tests import samples
from tests.pages import CheckedClient, parse


@pytest.fixture
def trilingual(app):
    app3 = create_app({**app.config, "LANGUAGES": ["ar", "fr", "zgh"]})
    app3.test_client_class = CheckedClient
    with app3.app_context():
        data = samples.catalogue()
        data["themes"][0]["name"]["zgh"] = "ⴰⴷⴷⴰⴷ ⴰⵏⴰⵎⵓⵏ"
        samples.load(data)
    return app3


def test_a_configured_language_gets_its_pages_with_visible_fallbacks(trilingual):
    client = trilingual.test_client()
    response = client.get("/zgh/procedures/extrait-acte-naissance")  # lang="zgh" dir="ltr" checked by the client
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # No Tamazight text for this title: the Arabic one (the default language) shows, marked as such.
    assert '<span class="fallback" lang="ar" dir="rtl">نسخة موجزة من رسم الولادة</span>' in html
    assert 'hreflang="zgh"' in client.get("/fr/").get_data(as_text=True)
    home = " ".join(parse(client.get("/zgh/").get_data(as_text=True)).itertext())
    assert "ⴰⴷⴷⴰⴷ ⴰⵏⴰⵎⵓⵏ" in home  # a text that exists in Tamazight is shown in Tamazight


@pytest.mark.parametrize("path, text, expected", [
    ("/fr/", {"ar": "نص", "fr": "Texte"}, "Texte"),
    ("/fr/", {"ar": "نص"},
     '<span class="fallback" lang="ar" dir="rtl">نص</span> <small class="fallback-note">(en arabe)</small>'),
    ("/ar/", {"fr": "Texte"},
     '<span class="fallback" lang="fr" dir="ltr">Texte</span> <small class="fallback-note">(باللغة الفرنسية)</small>'),
    ("/ar/", {"ar": "<b>"}, "&lt;b&gt;"),
])
def test_a_missing_translation_falls_back_visibly(app, path, text, expected):
    from portal.i18n import tr
    with app.test_request_context(path):
        app.preprocess_request()
        assert str(tr(text)) == expected
