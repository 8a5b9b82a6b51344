"""In Chromium, the search as a citizen types it: Arabic in Latin letters on a 360 px phone
in Arabic, a query that finds nothing at 1280 px in French, and suggestions from the
first letter; axe-core clean on every page visited."""
import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from procedures.search import synonyms
from tests import samples

SHOTS = {"ar": "search-arabizi-ar-360.png", "fr": "search-nothing-fr-1280.png"}


@pytest.fixture
def catalogue(app):
    with app.app_context():
        samples.load()
        synonyms.load_seed()
        db.session.commit()


def test_arabic_typed_in_latin_letters_on_a_phone(live_server, phone, catalogue, audit, tmp_path):
    page = phone()
    page.goto(f"{live_server}/ar/search?q=rokhsat+l+bini")
    expect(page.locator("ol.results h2 a").first).to_have_text("رخصة البناء")
    expect(page.locator("p.respelling")).to_contain_text("مقروءا بالحروف العربية")
    expect(page.locator("p.respelling a")).to_have_attribute("lang", "ar")
    audit(page)
    page.screenshot(path=str(tmp_path / SHOTS["ar"]), full_page=True)
    audit.assert_clean()


def test_a_search_that_finds_nothing_leaves_somewhere_to_go(live_server, screen, catalogue, audit):
    page = screen(1280)
    page.goto(f"{live_server}/fr/search?q=permutation")
    expect(page.locator(".no-results")).to_contain_text("Aucune démarche en vigueur ne contient ces mots")
    expect(page.locator("ul.closest a").first).to_be_visible()
    expect(page.locator("ul.themes-list a", has_text="Urbanisme")).to_be_visible()
    audit(page)
    page.locator("ul.themes-list a", has_text="Urbanisme").click()
    expect(page).to_have_url(re.compile(r"/fr/themes/town-planning$"))
    audit.assert_clean()


@pytest.mark.parametrize("lang, typed, expected", [("fr", "p", "Permis de construire"), ("ar", "ر", "رخصة البناء")])
def test_suggestions_start_at_the_first_letter(live_server, phone, catalogue, lang, typed, expected):
    page = phone()
    page.goto(f"{live_server}/{lang}/search")
    page.locator("input[data-suggest]").first.press_sequentially(typed)
    expect(page.locator("[role=option]", has_text=expected).first).to_be_visible()
