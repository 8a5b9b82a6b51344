"""The citizen's phone (Arabic, 360 px) and a desktop (French, 1280 px): what matters comes first, the
receipt is understood and kept, forms say the format they want, controls a finger can hit; and the
office's screens speak to the office. axe-core checks every page on the way."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_office_pages import sign_in
from tests.filing import file_request

SHAPES = [("ar", 360), ("fr", 1280)]
JARGON = ["opposable", "Information seulement", "معلومات فقط", "dématérialisation", "Affiner"]
# A target smaller than 44 × 44 CSS px, among links, buttons and the labels of radio buttons and
# checkboxes; a link inside a sentence is exempt (WCAG 2.5.8), as is what is hidden.
SMALL_TARGETS = """() => {
  const small = [];
  const inSentence = a => a.parentElement && a.parentElement.innerText.trim().length > a.innerText.trim().length + 2;
  for (const el of document.querySelectorAll('a, button, summary, input[type=radio], input[type=checkbox]')) {
    const target = el.matches('input') ? (el.labels[0] || el) : el;
    const r = target.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(target).visibility === 'hidden') continue;
    if (el.matches('a') && inSentence(el)) continue;
    if (el.closest('.skip, .visually-hidden, .suggestions')) continue;
    if (r.height < 43.5 || r.width < 43.5) small.push(target.outerHTML.slice(0, 90) + ` ${r.width}x${r.height}`);
  }
  return small;
}"""
ONE_LINE = "els => els.map(el => el.getClientRects().length === 1 && el.getBoundingClientRect().height < 60)"


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


def no_sideways_scrolling(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def assert_numbers_unbroken(page):
    numbers = page.locator(".number")
    assert numbers.count() >= 1
    assert all(numbers.evaluate_all(ONE_LINE)), "a tracking number is broken across lines"


@pytest.mark.parametrize(("lang", "width"), SHAPES)
def test_the_sheet_puts_what_the_citizen_came_for_first(live_server, office, screen, audit, lang, width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire")
    no_sideways_scrolling(citizen, width)
    height = citizen.viewport_size["height"]
    essentials = citizen.locator(".essentials")
    assert top(citizen, ".essentials") < height, "the essentials do not begin on the first screen"
    facts = essentials.locator("dt").all_inner_texts()
    assert len(facts) == 5  # where, what to bring, how long, how much, what silence means
    apply = essentials.locator("a.button[href$='/apply']")
    assert apply.is_visible() and top(citizen, ".essentials a.button") < 1.5 * height
    documents = citizen.locator("ol.documents > li").count()
    assert essentials.locator(".bring li").count() == documents >= 1
    assert str(documents) in essentials.locator("dd").nth(1).inner_text()  # the count, then the list
    # Then a contents list, then the details, the law last.
    order = [top(citizen, selector) for selector in (".essentials", "nav.contents", "#documents", "#where", "#law")]
    assert order == sorted(order)
    for link in citizen.locator("nav.contents a").all():
        assert citizen.locator(link.get_attribute("href")).count() == 1
    # One way to apply, each said with whom it is for.
    ways = citizen.locator("#where + p + ul.ways > li, #where ~ ul.ways > li")
    assert ways.count() >= 2
    for way in ways.all():
        assert len(re.sub(r"\s+", " ", way.inner_text())) > len(way.locator("strong").inner_text()) + 20
    text = citizen.locator("main").inner_text()
    for word in JARGON:
        assert word not in text, word
    audit(citizen)
    if width < 600:
        assert citizen.evaluate(SMALL_TARGETS) == []
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), SHAPES)
def test_a_receipt_that_is_understood_and_kept(live_server, office, screen, audit, lang, width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/")
    track = citizen.locator("main a[href$='/track']")
    box = track.bounding_box()
    assert box["y"] + box["height"] <= citizen.viewport_size["height"], "'Follow a request' is below the first screen"
    audit(citizen)

    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire/apply")
    for field in ("cin", "phone"):  # the format is shown before anything is typed
        hint = citizen.locator(f"#{field}-hint")
        assert hint.is_visible() and re.search(r"\d", hint.inner_text())
        assert f"{field}-hint" in citizen.locator(f"#{field}").get_attribute("aria-describedby")
    citizen.fill("#name", "Amina El Idrissi")
    citizen.fill("#cin", "12")
    citizen.fill("#phone", "abc")
    citizen.click("form.apply button[type=submit]")
    expect(citizen.locator(".error-summary")).to_be_visible()
    for field in ("cin", "phone"):
        assert citizen.locator(f"#{field}").get_attribute("aria-invalid") == "true"
        assert citizen.locator(f".error-summary a[href='#{field}']").count() == 1
    audit(citizen)
    citizen.fill("#cin", "bk 123456")
    citizen.fill("#phone", "06 12 34 56 78")
    uploads = citizen.locator("input[type=file]")
    for index in range(uploads.count()):
        uploads.nth(index).set_input_files({"name": "scan.pdf", "mimeType": "application/pdf",
                                            "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"})
    citizen.click("form.apply button[type=submit]")
    expect(citizen).to_have_url(re.compile("/receipt"))
    no_sideways_scrolling(citizen, width)
    keep = citizen.locator(".keep")
    assert keep.is_visible() and top(citizen, ".keep") < 2 * citizen.viewport_size["height"]
    assert keep.locator("a[href$='receipt.pdf']").is_visible()
    assert keep.locator("button[data-print]").is_visible()
    assert_numbers_unbroken(citizen)
    audit(citizen)

    citizen.locator(".verify a").click()
    expect(citizen.locator(".genuine")).to_be_visible()
    number = citizen.locator("dd .number").first.inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}", number)
    for row in citizen.locator("dl.facts > div").all():
        assert row.locator("dt").inner_text().strip()  # every fact, every date, is labelled
        assert not re.search(r"\d{4}-\d{2}-\d{2}", row.locator("dd").inner_text()), "a date is not in words"
    month = {"ar": "نونبر", "fr": "novembre"}[lang]  # tests/conftest.py's TODAY is in November
    assert month in citizen.locator("dl.facts").inner_text()
    assert_numbers_unbroken(citizen)
    audit(citizen)
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), SHAPES)
def test_the_header_search_and_the_filters(live_server, office, screen, audit, lang, width):
    citizen = screen(width)
    response = citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire")
    icon = citizen.locator("link[rel=icon]").get_attribute("href")
    assert citizen.request.get(live_server + icon).ok
    assert citizen.request.get(f"{live_server}/favicon.ico").ok
    field = citizen.locator("#q-top")
    cut = field.evaluate("""el => { const s = getComputedStyle(el);
      const c = document.createElement('canvas').getContext('2d'); c.font = s.font;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      return c.measureText(el.placeholder).width > room; }""")
    assert response.ok and not cut, "the header's placeholder is cut"
    field.fill("permis")
    field.press("Escape")
    assert field.input_value() == "permis", "Escape wiped the query"

    citizen.goto(f"{live_server}/{lang}/search?q=permis")
    results = citizen.locator(".search-results")
    assert top(citizen, ".search-results") < 2 * citizen.viewport_size["height"]
    summary = citizen.locator("details.facets > summary")
    marker = summary.evaluate("el => getComputedStyle(el).display")
    if width < 600:
        assert marker == "list-item", "the filters' expand control is not shown"
        summary.click()
    boxes = citizen.locator(".facets input[type=checkbox]")
    assert boxes.count() >= 2 and boxes.first.is_visible()
    label = boxes.first.evaluate("el => el.labels[0].innerText")
    assert re.search(r"\d+\s*$", label), "no count beside the filter's label"
    audit(citizen)
    if width < 600:
        assert citizen.evaluate(SMALL_TARGETS) == []
    boxes.first.check()
    citizen.locator(".facets button[type=submit]").click()
    expect(citizen.locator(".chosen-filters")).to_be_visible()
    assert results.count() == 1 and top(citizen, ".search-results") < 2 * citizen.viewport_size["height"]
    audit(citizen)
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), SHAPES)
def test_the_report_form_has_targets_a_finger_can_hit(live_server, office, screen, audit, lang, width):
    citizen = screen(width)
    citizen.goto(f"{live_server}/{lang}/procedures/permis-de-construire/report")
    assert citizen.locator("input[type=radio]").count() >= 2
    if width < 600:
        assert citizen.evaluate(SMALL_TARGETS) == []
    audit(citizen)
    audit.assert_clean()


@pytest.mark.parametrize(("lang", "width"), SHAPES)
def test_the_office_screens_speak_to_the_office(app, live_server, office, screen, audit, monkeypatch, lang, width):
    file_request(app, app.test_client(), lang)
    agent = screen(width)
    sign_in(agent, live_server, "agent", lang)
    queue = agent.locator("header nav.office-nav a[href$='/office/requests/']")
    expect(queue).to_be_visible()  # the agent's queue is in the header
    queue.click()
    expect(agent.locator("tbody tr").first).to_be_visible()
    state = agent.locator("tbody tr td").nth(4).inner_text().strip()
    assert state and state not in ("open", "waiting_for_citizen"), f"raw state {state!r}"
    assert_numbers_unbroken(agent)
    audit(agent)
    agent.locator("tbody tr a").first.click()
    expect(agent.locator("[role=status].binding")).to_be_visible()
    status = agent.locator("[role=status].binding").inner_text()
    assert {"ar": "يجب أن تبت", "fr": "Vous devez décider"}[lang] in status
    assert not re.search("votre demande|طلبك", status)
    sizes = agent.locator("main ul li").filter(has_text=".pdf").first.inner_text()
    assert {"ar": "ك.ب", "fr": "Ko"}[lang] in sizes and "KB" not in sizes
    audit(agent)

    editor = screen(width)
    sign_in(editor, live_server, "editor", lang)
    editor.locator("header nav.office-nav a[href$='/office/procedures/']").click()
    expect(editor.locator("form.list-filters")).to_be_visible()
    items = editor.locator("ul.results > li.item")
    everything = items.count()
    assert everything >= 2
    withdraw = editor.locator("a[href$='/withdraw']").first
    assert not withdraw.is_visible(), "withdrawing sits beside 'new version' with no step between"
    editor.locator("details.other-actions > summary").first.click()
    expect(withdraw).to_be_visible()
    audit(editor)
    editor.fill("#list-q", "CT-002")
    editor.locator("form.list-filters button[type=submit]").click()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("CT-002")
    editor.fill("#list-q", "")
    editor.select_option("#list-state", "changing")
    editor.locator("form.list-filters button[type=submit]").click()
    expect(items).to_have_count(0)
    audit(editor)
    monkeypatch.setitem(app.config, "PAGE_SIZE", everything - 1)  # the list comes in pages
    editor.goto(f"{live_server}/{lang}/office/procedures/")
    expect(items).to_have_count(everything - 1)
    editor.locator("nav.pages a[rel=next]").click()
    expect(editor).to_have_url(re.compile(r"page=2"))
    expect(items).to_have_count(1)
    audit(editor)
    audit.assert_clean()
