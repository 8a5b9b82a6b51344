"""With the keyboard alone (Tab, Shift+Tab, Enter, Space and typing; no click), in Arabic and French:
a citizen files a request, first with mistakes, then tracks it and sends a missing document; an
agent handles it; an editor submits a new version and a reviewer publishes it. Every stop shows
where the focus is, errors are announced and tied to their fields, and axe-core finds no serious
or critical violation on any page visited."""
import pytest

from tests.browser.checks import assert_errors_announced, focused, skip_to_main, tab_to
from tests.office_fixtures import PASSWORD, PEOPLE

NAME = {"fr": "Amina El Idrissi", "ar": "أمينة الإدريسي"}


def press(page, key="Enter"):
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def will_choose_files(page):
    """Have Playwright intercept the file chooser from now on. Enabling it is not awaited: done only
    when a file is to be chosen, it can lose the race with the key that opens the chooser."""
    page.on("filechooser", lambda chooser: None)
    return page


def choose_file(page, path):
    """Space on the focused file input opens the system's file chooser; Playwright answers it in place
    of the dialog, which a headless browser cannot show (the nearest to choosing a file by keyboard)."""
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(path))


def ids_of(page, selector):
    return page.locator(selector).evaluate_all("elements => elements.map(e => e.id)")


def replace_text(page, text):
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)


def sign_in(page, live_server, who, lang):
    page.goto(f"{live_server}/{lang}/office/login")
    skip_to_main(page)
    tab_to(page, "#email")
    page.keyboard.type(PEOPLE[who][0])
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    press(page)
    assert page.url.split("#")[0].endswith(f"/{lang}/office/")


def sign_out(page):
    tab_to(page, "header.site button[type=submit]")
    press(page)


@pytest.mark.parametrize(("lang", "width"), [("ar", 360), ("fr", 1280)])  # the mouse journeys cover the rest
def test_file_and_track_a_request_with_the_keyboard(live_server, office, screen, audit, files, lang, width):
    citizen = will_choose_files(screen(width))
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire")
    skip_to_main(citizen)
    tab_to(citizen, "main a[href$='/apply']")
    press(citizen)
    audit(citizen)

    tab_to(citizen, "#name")
    citizen.keyboard.type(NAME[lang])
    tab_to(citizen, "#email")
    citizen.keyboard.type("amina@example.ma")
    press(citizen)  # Enter in a field sends the form: no CIN, no document
    assert_errors_announced(citizen)
    assert focused(citizen, ".error-summary"), "the error summary does not take the focus"
    assert citizen.locator("#cin").get_attribute("aria-invalid") == "true"
    audit(citizen)

    tab_to(citizen, ".error-summary a[href='#cin']")
    citizen.keyboard.press("Enter")
    assert focused(citizen, "#cin"), "the summary's link does not lead to the field"
    citizen.keyboard.type("BK123456")
    for id_, name in zip(ids_of(citizen, "input[type=file]"), ["form.pdf", "plan.png"], strict=True):
        tab_to(citizen, f"#{id_}")
        choose_file(citizen, files / name)
    tab_to(citizen, "form.apply button[type=submit]")
    press(citizen, "Space")
    assert "/receipt" in citizen.url
    number = citizen.url.split("/requests/")[1].split("/")[0]
    secret = citizen.locator("dd.big").nth(1).inner_text().strip()
    audit(citizen)

    tab_to(citizen, ".verify a")
    press(citizen)
    assert citizen.locator(".genuine").is_visible()
    audit(citizen)

    tracker = will_choose_files(screen(width))  # another device: the number and the secret code are all it needs
    tracker.goto(f"{live_server}/{lang}/")
    tab_to(tracker, "footer a[href$='/track']", backwards=True)
    press(tracker)
    audit(tracker)
    tab_to(tracker, "#number")
    tracker.keyboard.type(number.lower())
    tab_to(tracker, "#secret")
    tracker.keyboard.type("WRONG-CODE")
    press(tracker)
    assert tracker.locator("[role=alert]").is_visible()
    audit(tracker)
    tab_to(tracker, "#number")
    replace_text(tracker, number)  # the page does not keep what was typed
    tab_to(tracker, "#secret")
    replace_text(tracker, secret)
    press(tracker)
    assert f"/requests/{number}" in tracker.url
    audit(tracker)

    agent = screen(width)
    sign_in(agent, live_server, "agent", lang)
    agent.goto(f"{live_server}/{lang}/office/requests/")
    audit(agent)
    tab_to(agent, f"main a[href$='/requests/{number}']")
    press(agent)
    audit(agent)
    tab_to(agent, "#" + ids_of(agent, "input[name=documents]")[1])
    agent.keyboard.press("Space")
    tab_to(agent, "#incomplete-message")
    agent.keyboard.type("Plan illisible")
    tab_to(agent, "form:has(#incomplete-message) button[type=submit]")
    press(agent)
    audit(agent)

    tracker.reload()
    audit(tracker)  # now with the form for the missing document
    skip_to_main(tracker)
    tab_to(tracker, "form.card button[type=submit]")  # sent without the file first
    press(tracker)
    assert_errors_announced(tracker)
    assert focused(tracker, ".error-summary")
    audit(tracker)
    tab_to(tracker, "form.card input[type=file]")
    choose_file(tracker, files / "plan.png")
    tab_to(tracker, "form.card button[type=submit]")
    press(tracker)
    assert not tracker.locator("form.card input[type=file]").count()
    audit(tracker)
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), [("ar", 1280), ("fr", 360)])
def test_an_editor_submits_and_a_reviewer_publishes_with_the_keyboard(live_server, office, screen, audit, lang,
                                                                        width):
    editor = screen(width)
    sign_in(editor, live_server, "editor", lang)
    audit(editor)
    tab_to(editor, "main a[href$='/office/procedures/']")
    press(editor)
    audit(editor)
    tab_to(editor, "li:has(a[href$='/procedures/permis-de-construire']) button")
    press(editor)
    assert "/office/drafts/" in editor.url
    audit(editor)

    tab_to(editor, "#title-fr")
    replace_text(editor, "Permis de construire (dépôt simplifié)")
    tab_to(editor, "#processing_days")
    replace_text(editor, "400")  # more than a year: refused
    tab_to(editor, "button[name=action][value=submit]")
    press(editor)
    assert_errors_announced(editor)
    assert focused(editor, ".error-summary"), "the error summary does not take the focus"
    audit(editor)

    tab_to(editor, ".error-summary a[href='#processing_days']")
    editor.keyboard.press("Enter")
    assert focused(editor, "#processing_days"), "the summary's link does not lead to the field"
    replace_text(editor, "25")
    tab_to(editor, "#tacit_authority-ar")  # silence means approval: who certifies it
    replace_text(editor, "عامل الإقليم")
    tab_to(editor, "#tacit_authority-fr")
    replace_text(editor, "Le gouverneur de la province")
    tab_to(editor, "button[name=action][value=submit]")
    press(editor, "Space")
    assert not editor.locator(".error-summary").count()
    assert editor.locator("form.editor").count() == 0  # with the commission: no longer editable
    audit(editor)
    sign_out(editor)

    reviewer = editor  # the same browser, another account
    sign_in(reviewer, live_server, "reviewer", lang)
    tab_to(reviewer, "main a[href$='/office/review/']")
    press(reviewer)
    audit(reviewer)
    tab_to(reviewer, "ol.results a")
    press(reviewer)
    assert reviewer.locator(".diff-row.changed").count() >= 2  # title and deadline
    audit(reviewer)
    tab_to(reviewer, "#change_note-ar")
    reviewer.keyboard.type("تقليص الأجل إلى 25 يوما")
    tab_to(reviewer, "#change_note-fr")
    reviewer.keyboard.type("Délai ramené à 25 jours")
    tab_to(reviewer, "form[action$='/publish'] button")
    press(reviewer)
    assert reviewer.url.split("#")[0].endswith("/office/review/")
    assert reviewer.locator("ol.results a").count() == 0
    audit(reviewer)
    audit.assert_clean()
