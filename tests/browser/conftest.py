"""A live server in a thread and Debian's Chromium driven by Playwright (no browser download).

Without /usr/bin/chromium these tests are skipped with a message, except in CI
(``CI=true``), where a missing browser is a failure: .ci/run installs it.
"""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.checks import Audit
from tests.filing import PDF, PNG
from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(os.environ.get("AXE_JS", Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed (apt-get install -y chromium): browser tests cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (npm install axe-core)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.fixture
def audit(axe_script):
    """``audit(page)`` runs axe-core in the page as it is; ``audit.assert_clean()`` at the end of the
    journey lists the serious and critical violations of every page visited."""
    return Audit(axe_script)


@pytest.fixture
def live_server(app, monkeypatch):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", base)  # the links the portal writes (receipt, QR) lead here
    yield base
    server.shutdown()
    thread.join()


@pytest.fixture
def screen(browser):
    """``screen(width)``: a page in a new browser context (its own cookies) that wide."""
    contexts = []

    def open_page(width):
        context = browser.new_context(viewport={"width": width, "height": 740 if width < 600 else 900},
                                      accept_downloads=True)
        contexts.append(context)
        return context.new_page()
    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone(screen):
    """A new browser context the size of a cheap phone."""
    return lambda: screen(360)


@pytest.fixture
def files(tmp_path):
    """Two small files to upload: a PDF form and a PNG plan."""
    (tmp_path / "form.pdf").write_bytes(PDF)
    (tmp_path / "plan.png").write_bytes(PNG)
    return tmp_path
from tests.offices.places import territory  # noqa: E402,F401
