"""What the browser journeys check on every page: axe-core's serious and critical findings,
a visible focus indicator, errors announced and tied to their fields; and moving by keyboard only."""
import re

from tests.validator import pages

FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor].join('|'); }"""
HAS_INDICATOR = """el => { const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
OFF_SCREEN = "el => { const r = el.getBoundingClientRect(); return r.right <= 0 || r.left >= innerWidth; }"
AXE_RUN = ("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
           ".filter(v => ['serious', 'critical'].includes(v.impact))"
           ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")


def follow(page, target):
    """Click ``target`` (a selector or a locator) that loads another page, and return once that page has
    loaded. Playwright's click does not wait for the navigation it starts: a reload, a ``goto`` or a
    query made meanwhile races the page being replaced (Chromium answers "Not attached to an active
    page" to a reload of a document whose successor is committing), or cancels a form post whose
    answer sets the session cookie."""
    locator = page.locator(target) if isinstance(target, str) else target
    with page.expect_navigation():
        locator.click()
    return page


def axe_problems(page, script):
    """axe-core's serious and critical violations on the page as it is now. Evaluated through the
    DevTools protocol, axe needs no exception to the portal's policy against inline script."""
    page.evaluate(script + "\n;0")
    path = page.url.split("/", 3)[-1]
    return [f"/{path}: {item}" for item in page.evaluate(AXE_RUN)]


class Audit:
    """Collects axe findings along a journey and fails once at the end, listing every page at fault."""

    def __init__(self, script):
        self.script, self.problems, self.pages = script, [], 0

    def __call__(self, page):
        self.problems += axe_problems(page, self.script)
        self.pages += 1
        # The page as the browser holds it goes to the Nu HTML Checker's batch too (tests/validator.py).
        path = re.sub(r"/[0-9A-Z]{11}(?=/|$)", "/<number>", page.url.split("/", 3)[-1].split("?")[0])
        pages.keep(f"browser /{path}", page.content())

    def assert_clean(self):
        assert not self.problems, "\n".join(self.problems)


def focused(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page, selector, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until ``selector`` has the focus (if it has not already). Every element
    reached must show a focus indicator, which it loses when the focus moves on."""
    key = "Shift+Tab" if backwards else "Tab"
    if focused(page, selector):
        return
    left, left_style = page.evaluate_handle("document.activeElement"), None
    for _ in range(limit):
        page.keyboard.press(key)
        element = assert_focus_visible(page)
        if element.evaluate("(el, left) => el === left", left):
            continue  # a composite field, such as a date, moves between its parts
        if left_style is not None:
            assert left.evaluate(FOCUS_STYLE) != left_style, f"{describe(left)} looks focused after the focus left"
        left, left_style = element, element.evaluate(FOCUS_STYLE)
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} not reached with {key} in {limit} presses")


def describe(element):
    return element.evaluate("el => el.outerHTML.slice(0, 120)")


def assert_focus_visible(page):
    """The focused element has an outline or a shadow of its own (not the browser's thin default)."""
    element = page.evaluate_handle("document.activeElement")
    assert element.evaluate("el => el !== document.body"), "the focus was lost"
    assert element.evaluate(HAS_INDICATOR), f"no visible focus indicator on {describe(element)}"
    return element


def skip_to_main(page):
    """The first Tab reaches the skip link; Enter on it sends the next Tab into the main content."""
    page.keyboard.press("Tab")
    assert focused(page, "a.skip"), "the skip link is not the first stop"
    skip = assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page, "main *"), "after the skip link, Tab does not land in the main content"
    assert_focus_visible(page)
    assert skip.evaluate(OFF_SCREEN), "the skip link stays on screen without the focus"


def assert_errors_announced(page):
    """An error summary that is announced (role=alert), whose entries differ and whose links reach
    existing fields; every invalid field is described by a visible message."""
    summary = page.locator("[role=alert]").first
    assert summary.is_visible(), "no error summary announced with role=alert"
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, f"the error summary links to {href}, which is not in the page"
    entries = [text.strip() for text in summary.locator("li").all_inner_texts()]
    assert len(set(entries)) == len(entries), f"entries of the error summary cannot be told apart: {entries}"
    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() >= 1, "no field is marked aria-invalid"
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described = (field.get_attribute("aria-describedby") or "").split()
        assert described, f"{field.get_attribute('id')} is invalid but described by nothing"
        for id_ in described:
            assert page.locator(f"[id='{id_}']").inner_text().strip(), f"{id_} is empty"
