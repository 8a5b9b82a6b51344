"""axe-core on every back-office page, in Arabic on a phone and in French on a desktop, with
forms sent wrong as well as right: every error is announced and tied to its field."""
import pytest

from tests.browser.checks import assert_errors_announced, focused, follow
from tests.office_fixtures import PASSWORD, PEOPLE


def sign_in(page, live_server, who, lang, password=PASSWORD):
    page.goto(f"{live_server}/{lang}/office/login")
    page.fill("#email", PEOPLE[who][0])
    page.fill("#password", password)
    follow(page, "main form button[type=submit]")


def send(page, form="main form[method=post]"):
    """Submit a form as it is, and expect it back with its errors."""
    follow(page, page.locator(f"{form} button[type=submit]").last)
    assert_errors_announced(page)
    assert focused(page, ".error-summary"), f"{page.url}: the error summary does not take the focus"


@pytest.mark.parametrize(("lang", "width"), [("ar", 360), ("fr", 1280)])  # each language, each width
def test_every_back_office_page(live_server, office, screen, audit, lang, width):
    base = f"{live_server}/{lang}/office"
    stranger = screen(width)
    sign_in(stranger, live_server, "editor", lang, password="not the password")
    assert_errors_announced(stranger)
    assert focused(stranger, ".error-summary")
    audit(stranger)

    editor = screen(width)
    sign_in(editor, live_server, "editor", lang)
    audit(editor)
    for path in ("/procedures/", "/password"):
        editor.goto(base + path)
        audit(editor)
    send(editor)  # no current password
    audit(editor)
    editor.goto(base + "/drafts/new")
    audit(editor)
    send(editor)
    audit(editor)
    editor.goto(base + "/procedures/extrait-acte-naissance/withdraw")
    audit(editor)
    send(editor)
    audit(editor)
    editor.fill("#reason-ar", "حذف الإجراء")
    editor.fill("#reason-fr", "Procédure supprimée")
    follow(editor, "main form button[type=submit]")
    editor.goto(base + "/procedures/")
    follow(editor, "li:has(a[href$='/procedures/permis-de-construire']) form button")
    audit(editor)
    editor.goto(editor.url + "/preview")
    audit(editor)
    editor.goto(base + "/drafts/")
    audit(editor)

    reviewer = screen(width)
    sign_in(reviewer, live_server, "reviewer", lang)
    audit(reviewer)
    reviewer.goto(base + "/review/")
    audit(reviewer)
    follow(reviewer, reviewer.locator("ol.results a").first)  # the withdrawal
    audit(reviewer)

    admin = screen(width)
    sign_in(admin, live_server, "admin", lang)
    audit(admin)
    for path in ("/accounts/", "/accounts/new", "/audit/", "/calendar/", "/synonyms/", "/administrations/",
                 "/themes/"):
        admin.goto(base + path)
        audit(admin)
        if path not in ("/accounts/", "/audit/", "/synonyms/"):
            send(admin)
            audit(admin)
    admin.fill("#key", "Not A Key!")
    follow(admin, admin.locator("main form[method=post] button[type=submit]").first)
    assert_errors_announced(admin)
    audit(admin)
    admin.goto(base + "/accounts/")
    follow(admin, admin.locator("main table a").first)
    audit(admin)
    audit.assert_clean()
