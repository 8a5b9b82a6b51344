"""Issue 12 in a real browser, Arabic on a 360 px phone and French on a 1280 px desktop: an online
filing to a chosen commune, an agent of that commune opening its files, and a counter filing with
its two printed receipts. Screenshots and PDFs go to ``SCREENSHOTS_DIR`` when it is set."""
import os
import re
from pathlib import Path

import pytest
import segno
from playwright.sync_api import expect

from tests.browser.test_office_pages import sign_in
from tests.offices.places import assign, office_code

OFFICE = {"ar": "جماعة مكناس — مكتب الضبط", "fr": "Commune de Meknès — bureau d'ordre"}
TYPED = {"ar": "مكناس", "fr": "meknes"}


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fill_application(citizen, lang, files):
    """The building permit's form, as Amina fills it: who she is, the commune typed, every document."""
    citizen.fill("#name", "Amina El Idrissi")
    citizen.fill("#cin", "BK123456")
    citizen.fill("#email", "amina@example.ma")
    citizen.fill("#place", TYPED[lang])
    uploads = citizen.locator("input[type=file]")
    for index in range(uploads.count()):
        uploads.nth(index).set_input_files(str(files / ("form.pdf" if index == 0 else "plan.png")))


@pytest.mark.parametrize("lang, width", [("ar", 360), ("fr", 1280)])
def test_filing_to_a_commune_its_agent_opening_the_files_and_a_counter_filing(
        app, office, territory, live_server, screen, audit, files, shots, lang, width):
    assign(app, office["agent"], office_code("Meknès"))
    segno.make("plan du terrain", error="m").save(str(files / "plan.png"), kind="png", scale=6)
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire/apply")
    fill_application(citizen, lang, files)
    citizen.click("button[name=action][value=find]")  # a round trip: nothing filed, nothing lost
    expect(citizen.locator("#place-office")).to_contain_text(OFFICE[lang])
    expect(citizen.locator("p.received").first).to_be_visible()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
    audit(citizen)
    citizen.screenshot(path=str(shots / f"apply-commune-{lang}-{width}.png"), full_page=True)
    citizen.click("form.apply > button[type=submit]:not([name])")
    expect(citizen.locator("article.receipt")).to_contain_text(OFFICE[lang])
    audit(citizen)
    citizen.screenshot(path=str(shots / f"receipt-commune-{lang}-{width}.png"), full_page=True)
    number = re.search(r"/requests/([0-9A-Z]+)/receipt", citizen.url).group(1)

    agent = screen(width)
    sign_in(agent, live_server, "agent", lang)
    agent.goto(f"{live_server}/{lang}/office/requests/")
    agent.click(f"a[href$='/office/requests/{number}']")
    expect(agent.locator("p.office")).to_contain_text(OFFICE[lang].split(" — ")[0])
    audit(agent)
    agent.screenshot(path=str(shots / f"agent-request-{lang}-{width}.png"), full_page=True)
    with agent.context.expect_page() as opened:
        agent.click("a[href*='/files/'][href$='view=inline']")
    picture = opened.value
    picture.wait_for_load_state()
    expect(picture.locator("img")).to_be_visible()
    picture.screenshot(path=str(shots / f"agent-file-{lang}-{width}.png"))
    with agent.expect_download() as download:
        agent.click("a[href*='/files/'][download] >> nth=0")
    assert download.value.suggested_filename.endswith(".pdf")

    other = "fr" if lang == "ar" else "ar"  # the applicant reads the other language
    agent.goto(f"{live_server}/{lang}/office/counter/")
    agent.click("a[href$='/office/counter/permis-de-construire']")
    agent.fill("#name", "Fatima Zahra Alaoui")
    agent.fill("#cin", "AB987654")
    agent.fill("#phone", "0661234567")
    agent.check(f"#language-{other}")
    agent.locator("input[name=handed_over]").first.check()
    audit(agent)
    agent.screenshot(path=str(shots / f"counter-form-{lang}-{width}.png"), full_page=True)
    agent.click("form.apply button[type=submit]")
    expect(agent.locator("h1")).to_have_count(1)
    expect(agent.locator(f"a[href*='/{other}/office/counter/receipts/'][href$='/80mm.pdf']")).to_be_visible()
    audit(agent)
    agent.screenshot(path=str(shots / f"counter-receipt-{lang}-{width}.png"), full_page=True)
    for paper in ("a4", "80mm"):
        link = agent.locator(f"a[href$='/{paper}.pdf']").get_attribute("href")
        pdf = agent.request.get(f"{live_server}{link}")
        assert pdf.ok and pdf.body().startswith(b"%PDF")
        (shots / f"counter-{paper}-{other}.pdf").write_bytes(pdf.body())
    audit.assert_clean()


@pytest.mark.parametrize("lang, width", [("ar", 360), ("fr", 1280)])
def test_enter_in_a_text_field_files_the_request_and_does_not_look_up_the_commune(
        app, office, territory, live_server, screen, audit, files, shots, lang, width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire/apply")
    fill_application(citizen, lang, files)
    audit(citizen)
    with citizen.expect_navigation():
        citizen.press("#name", "Enter")
    expect(citizen.locator("article.receipt")).to_contain_text(OFFICE[lang])  # filed, at the commune typed
    assert citizen.evaluate("document.documentElement.scrollWidth") <= width
    audit(citizen)
    citizen.screenshot(path=str(shots / f"enter-files-{lang}-{width}.png"), full_page=True)

    again = screen(width)  # Enter with a field missing: the form's errors, never the commune round trip
    again.goto(f"{live_server}/{lang}/procedures/permis-de-construire/apply")
    again.fill("#place", TYPED[lang])
    with again.expect_navigation():
        again.press("#place", "Enter")
    expect(again.locator(".error-summary")).to_be_visible()
    expect(again.locator(".error-summary a[href='#name']")).to_have_count(1)
    audit(again)
    audit.assert_clean()
