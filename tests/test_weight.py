"""Light pages: one round trip on a slow link shows the sheet; no JavaScript needed to read it.

First response (HTML with the CSS it needs) at most 14 KB compressed; the whole page
(HTML, CSS, scripts, fonts, images) at most 30 KB compressed.
"""
import gzip
import re

import pytest

from procedures.catalogue.cli import DEMO
from procedures.catalogue.transfer import import_catalogue

FIRST_RESPONSE = 14 * 1024
WHOLE_PAGE = 30 * 1024


def compressed(data):
    return len(gzip.compress(data, 9))


@pytest.fixture
def demo(app):
    with app.app_context():
        import_catalogue(DEMO)


def assets(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


@pytest.mark.parametrize("path", ["/{lang}/", "/{lang}/procedures/autorisation-activite-liste-3",
                                  "/{lang}/procedures/permis-de-construire", "/{lang}/themes/local-taxation"])
def test_pages_are_light(client, demo, lang, path):
    response = client.get(path.format(lang=lang))
    html = response.get_data()
    css = [client.get(url).get_data() for url in assets(response.get_data(as_text=True)) if url.endswith(".css")]
    others = [client.get(url).get_data() for url in assets(response.get_data(as_text=True))
              if not url.endswith(".css")]
    first = compressed(html) + sum(compressed(sheet) for sheet in css)
    whole = first + sum(compressed(item) for item in others)
    assert first <= FIRST_RESPONSE, f"{path}: first response {first} bytes compressed"
    assert whole <= WHOLE_PAGE, f"{path}: whole page {whole} bytes compressed"


def test_the_sheet_needs_no_javascript(client, demo, lang):
    html = client.get(f"/{lang}/procedures/permis-de-construire").get_data(as_text=True)
    text = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    for words in {"fr": ["Permis de construire", "Pièces à fournir", "En combien de temps"],
                  "ar": ["رخصة البناء", "الوثائق المطلوبة", "المدة"]}[lang]:
        assert words in text
