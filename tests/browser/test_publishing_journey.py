"""In a real browser at desktop and phone widths: search, read a sheet; an editor publishes
a new version, a reviewer approves it; the public sheet shows it on its day. axe-core checks the
pages on the way."""
from datetime import timedelta

import pytest

from procedures import clock
from tests.browser.checks import follow
from tests.conftest import TODAY
from tests.office_fixtures import PASSWORD, PEOPLE


def sign_in(page, live_server, who, lang):
    page.goto(f"{live_server}/{lang}/office/login")
    page.fill("#email", PEOPLE[who][0])
    page.fill("#password", PASSWORD)
    follow(page, "main form button[type=submit]")


@pytest.mark.parametrize("width", [360, 1280])
def test_search_read_publish_and_approve(app, office, live_server, browser, audit, lang, width, monkeypatch):
    context = browser.new_context(viewport={"width": width, "height": 900})
    citizen, editor, reviewer = context.new_page(), browser.new_page(), browser.new_page()
    for page in (editor, reviewer):
        page.set_viewport_size({"width": width, "height": 900})

    citizen.goto(f"{live_server}/{lang}/")
    citizen.fill("#q", {"fr": "permis construir", "ar": "رخصة بناء"}[lang])  # a typo, an article left out
    follow(citizen, "main form.search button[type=submit]")
    assert "/search?" in citizen.url
    follow(citizen, citizen.locator("ol.results a").first)
    assert "/procedures/permis-de-construire" in citizen.url
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
    audit(citizen)

    sign_in(editor, live_server, "editor", lang)
    editor.goto(f"{live_server}/{lang}/office/procedures/")
    audit(editor)
    follow(editor, "li:has(a[href$='/procedures/permis-de-construire']) form button")
    audit(editor)
    editor.fill("#processing_days", "25")
    editor.fill("#title-fr", "Permis de construire (dépôt simplifié)")
    editor.fill("#tacit_authority-fr", "Le gouverneur de la province")  # silence means approval: who certifies it
    editor.fill("#tacit_authority-ar", "عامل الإقليم")
    follow(editor, "button[name=action][value=submit]")
    assert "/office/drafts/" in editor.url and "/drafts/" in editor.url

    sign_in(reviewer, live_server, "reviewer", lang)
    reviewer.goto(f"{live_server}/{lang}/office/review/")
    audit(reviewer)
    follow(reviewer, reviewer.locator("ol.results a").first)
    assert reviewer.locator(".diff-row.changed").count() >= 2  # title and deadline
    audit(reviewer)
    effective = TODAY + timedelta(days=1)
    reviewer.fill("#effective_from", effective.isoformat())
    reviewer.fill("#change_note-fr", "Délai ramené à 25 jours")
    reviewer.fill("#change_note-ar", "تقليص الأجل إلى 25 يوما")
    follow(reviewer, "form[action$='/publish'] button")
    assert reviewer.url.endswith("/office/review/")

    monkeypatch.setattr(clock, "today", lambda: effective)
    # The next day: the copy the citizen's browser kept (public pages may be kept 30 s) has long expired.
    citizen = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    citizen.goto(f"{live_server}/fr/procedures/permis-de-construire")
    assert citizen.locator("h1").inner_text() == "Permis de construire (dépôt simplifié)"
    assert "25 jours" in citizen.locator("dl.facts").inner_text()
    context.close()
    citizen.context.close()
    editor.close()
    reviewer.close()
    audit.assert_clean()
