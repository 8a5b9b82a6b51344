"""In Chromium: sheets opened once stay readable offline; axe-core finds no serious or critical
accessibility violation on the main pages, in Arabic and French, at phone and desktop widths;
the keyboard alone reaches and submits the search."""
import os
from pathlib import Path

import pytest

from tests import samples

AXE = Path(os.environ.get("AXE_JS", Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"))
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


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (npm install axe-core)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_accessibility_violation(live_server, browser, catalogue, axe_script, lang, width):
    # bypass_csp: the portal forbids inline script (axe is injected as one); the pages are unchanged.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    problems = []
    for path in PAGES:
        page.goto(live_server + path.format(lang=lang))
        page.add_script_tag(content=axe_script)
        found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                              ".filter(v => ['serious', 'critical'].includes(v.impact))"
                              ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
        problems += [f"{path.format(lang=lang)}: {item}" for item in found]
    context.close()
    assert not problems, "\n".join(problems)


def test_search_works_with_the_keyboard_alone(live_server, phone, catalogue):
    page = phone()
    page.goto(f"{live_server}/fr/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("permis")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=permis*")
    assert "Permis de construire" in page.content()
