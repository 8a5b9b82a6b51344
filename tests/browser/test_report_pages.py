"""A report of an unlisted demand and a page's feedback in a real browser, in Arabic on a phone and
in French on a desktop: the citizen's pages and the office's, each checked by axe-core."""
import pytest

from tests.browser.checks import assert_errors_announced, focused, follow
from tests.browser.test_office_pages import sign_in

SLUG = "extrait-acte-naissance"
FACTS = {"ar": ("نسخة مصادق عليها من الدفتر العائلي", "مكتب الحالة المدنية أكدال", "الرباط"),
         "fr": ("Une copie certifiée conforme du livret de famille", "Bureau d'état civil Agdal", "Rabat")}


@pytest.mark.parametrize(("lang", "width"), [("ar", 360), ("fr", 1280)])
def test_report_and_feedback_pages(live_server, office, screen, audit, lang, width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/{SLUG}")
    follow(citizen, citizen.locator(f"a[href$='/procedures/{SLUG}/report']").first)
    audit(citizen)
    follow(citizen, "form.report button[type=submit]")
    assert_errors_announced(citizen)
    assert focused(citizen, ".error-summary")
    audit(citizen)

    asked, where, town = FACTS[lang]
    citizen.check("#kind-document")
    citizen.fill("#asked", asked)
    citizen.fill("#office", where)
    citizen.fill("#town", town)
    citizen.fill("#asked_on", "2026-11-20")
    follow(citizen, "form.report button[type=submit]")
    numbers = citizen.locator("dd.big").all_inner_texts()
    assert len(numbers) == 2, "the confirmation shows the tracking number and the secret code"
    audit(citizen)
    follow(citizen, "main a.button")  # this browser follows its own report without retyping
    assert asked in citizen.locator("main").inner_text()
    audit(citizen)

    elsewhere = screen(width)  # another device: the number and the code, a wrong code first
    elsewhere.goto(f"{live_server}/{lang}/reports/follow")
    elsewhere.fill("#number", numbers[0])
    elsewhere.fill("#secret", "WRONG-CODE")
    follow(elsewhere, "main form button[type=submit]")
    assert_errors_announced(elsewhere)
    assert elsewhere.input_value("#number") == numbers[0], "the number typed is kept"
    audit(elsewhere)
    elsewhere.fill("#secret", numbers[1])
    follow(elsewhere, "main form button[type=submit]")
    assert asked in elsewhere.locator("main").inner_text()

    reader = screen(width)
    reader.goto(f"{live_server}/{lang}/procedures/{SLUG}")
    follow(reader, "form.feedback button[value=no]")
    audit(reader)

    agent = screen(width)
    sign_in(agent, live_server, "agent", lang)
    agent.goto(f"{live_server}/{lang}/office/reports/")
    audit(agent)
    follow(agent, agent.locator("main a[href*='/office/reports/']").first)
    assert asked in agent.locator("main").inner_text()
    audit(agent)

    editor = screen(width)
    sign_in(editor, live_server, "editor", lang)
    editor.goto(f"{live_server}/{lang}/office/feedback/")
    audit(editor)
    follow(editor, editor.locator("main a[href*='/office/feedback/']").first)
    audit(editor)

    reviewer = screen(width)
    sign_in(reviewer, live_server, "reviewer", lang)
    reviewer.goto(f"{live_server}/{lang}/office/reports/")
    assert reviewer.locator("main a[href*='/office/reports/']").count() >= 1
    audit(reviewer)
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), [("ar", 360), ("fr", 1280)])
def test_a_town_several_communes_share_is_chosen_in_a_list_and_the_office_s_agent_sees_the_report(
        app, live_server, office, territory, screen, audit, lang, width):
    """Issue 12: the report concerns the office of the commune named; choices when several match."""
    import os
    from pathlib import Path

    from tests.offices.places import assign, office_code
    assign(app, office["agent"], office_code("Rabat"))
    asked, where, _town = FACTS[lang]
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/{SLUG}/report")
    citizen.check("#kind-document")
    citizen.fill("#asked", asked)
    citizen.fill("#office", where)
    citizen.fill("#town", "Youssoufia")  # a commune, and an arrondissement of Rabat
    citizen.fill("#asked_on", "2026-11-20")
    follow(citizen, "form.report button[type=submit]")
    assert_errors_announced(citizen)
    choices = citizen.locator("input[name=place_choice]")
    assert choices.count() >= 2
    assert citizen.input_value("#asked") == asked, "nothing typed is lost"
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
    if width < 600:
        from tests.browser.test_phone_journeys import SMALL_TARGETS
        assert citizen.evaluate(SMALL_TARGETS) == []
    audit(citizen)
    citizen.screenshot(path=str(Path(os.environ.get("SCREENSHOTS_DIR", "/tmp")) / f"report-town-{lang}-{width}.png"),
                       full_page=True)
    rabat = citizen.locator("fieldset.choices label", has_text={"ar": "الرباط", "fr": "Rabat"}[lang])
    citizen.check(f"#{rabat.first.get_attribute('for')}")
    follow(citizen, "form.report button[type=submit]")
    number = citizen.locator("dd.big").first.inner_text()

    agent = screen(width)
    sign_in(agent, live_server, "agent", lang)
    agent.goto(f"{live_server}/{lang}/office/reports/")
    assert number in agent.locator("main").inner_text()
    audit(agent)
    audit.assert_clean()
