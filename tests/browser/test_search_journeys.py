"""In Chromium, the search as a citizen types it: Arabic in Latin letters on a 360 px phone
in Arabic, a query that finds nothing at 1280 px in French, and suggestions from the
first letter; axe-core clean on every page visited."""
import os
import re
from pathlib import Path

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


@pytest.fixture
def demo_catalogue(app):
    from procedures.catalogue.cli import DEMO
    from procedures.catalogue.transfer import import_catalogue
    with app.app_context():
        import_catalogue(DEMO)
        synonyms.load_seed()
        db.session.commit()


@pytest.mark.parametrize("lang, width", [("ar", 360), ("fr", 1280)])
def test_two_themes_checked_at_once_then_one_removed(app, live_server, screen, demo_catalogue, audit, lang, width):
    """Issue 15: several values of a facet, without JavaScript's help (checkboxes sent by the GET form)."""
    from tests.browser.checks import follow
    from tests.browser.test_phone_journeys import SMALL_TARGETS
    query = {"fr": "certificat", "ar": "شهادة"}[lang]
    expected = app.test_client().get("/api/v1/search", query_string={
        "q": query, "lang": lang, "theme": ["civil-status", "hygiene"], "administration": "communes"}).get_json()
    page = screen(width)
    page.goto(f"{live_server}/{lang}/search?q={query}")
    if width < 600:
        page.locator("details.facets > summary").click()
    for value in ("civil-status", "hygiene"):
        page.check(f".facets input[name=theme][value={value}]")
    page.check(".facets input[name=administration][value=communes]")
    follow(page, ".facets button[type=submit]")
    chosen = page.locator(".facets input:checked")
    expect(chosen).to_have_count(3)
    expect(page.locator("p.lead[role=status]")).to_contain_text(str(expected["total"]))
    for value in expected["facets"]["theme"]:  # each count beside its label, as the API says
        label = page.locator(f".facets input[name=theme][value='{value['value']}'] + label .count")
        expect(label).to_have_text(str(value["count"]))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width < 600:
        page.locator("details.facets > summary").click()  # open again after the round trip
        assert page.evaluate(SMALL_TARGETS) == []
    audit(page)
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOTS_DIR", "/tmp")) / f"facets-{lang}-{width}.png"),
                    full_page=True)
    name = next(value["name"] for value in expected["facets"]["theme"] if value["value"] == "hygiene")
    follow(page, page.locator(".chosen-filters a.button", has_text=name))
    expect(page.locator(".facets input[name=theme]:checked")).to_have_count(1)
    expect(page.locator(".facets input[name=theme][value=civil-status]")).to_be_checked()
    expect(page.locator(".facets input[name=administration][value=communes]")).to_be_checked()
    audit(page)
    audit.assert_clean()
