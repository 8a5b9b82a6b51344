"""In Chromium: sheets opened once stay readable offline; axe-core finds no serious or critical
accessibility violation on the main pages, in Arabic and French, at phone and desktop widths;
the keyboard alone searches and opens a sheet, every stop showing where the focus is."""
import pytest

from tests import samples
from tests.browser.checks import skip_to_main, tab_to

PAGES = ["/{lang}/", "/{lang}/procedures/permis-de-construire", "/{lang}/procedures/permis-de-construire/history",
         "/{lang}/search?q=permis", "/{lang}/procedures/permis-de-construire/apply", "/{lang}/track",
         "/{lang}/office/login"]


@pytest.fixture
def catalogue(app):
    with app.app_context():
        samples.load()


def test_a_sheet_opened_once_is_readable_offline(live_server, phone, catalogue):
    page = phone()
    page.goto(f"{live_server}/fr/procedures/permis-de-construire")
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now controlled by the service worker, which keeps the copy
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text() == "Permis de construire"


@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_accessibility_violation(live_server, screen, catalogue, audit, lang, width):
    page = screen(width)
    for path in PAGES:
        page.goto(live_server + path.format(lang=lang))
        audit(page)
    audit.assert_clean()


def test_search_works_with_the_keyboard_alone(live_server, phone, catalogue, lang):
    page = phone()
    page.goto(f"{live_server}/{lang}/")
    skip_to_main(page)
    tab_to(page, "#q")
    page.keyboard.type({"fr": "permis", "ar": "رخصة"}[lang])
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    tab_to(page, "ol.results a[href$='/procedures/permis-de-construire']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/procedures/permis-de-construire")
    assert page.locator("h1").inner_text() == {"fr": "Permis de construire", "ar": "رخصة البناء"}[lang]
