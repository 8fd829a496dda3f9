"""Playwright driving Debian's Chromium against pytest-django's live server.

`playwright install` cannot download browsers here, so the tests launch the
system Chromium. Without it they skip with the reason, except in CI
(NEWSROOM_REQUIRE_BROWSER=1), where a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

# Playwright's sync API runs an event loop in the test's thread; the ORM calls
# the tests make there are still synchronous, one at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = (
            f"Debian's Chromium is not installed at {CHROMIUM} "
            "(apt-get install -y chromium); browser tests need it"
        )
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page on the live server that fails on console errors."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error" and page.console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under artifacts/ for people to look at."""

    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""


@pytest.fixture
def axe():
    """Return a check that runs axe-core on a page: its serious and critical findings.

    The script is injected through Playwright, as the site's Content Security
    Policy rightly does not let a <script> tag do.
    """
    if not AXE.exists():
        reason = f"axe-core is not installed at {AXE} (run `make test` or `npm ci`)"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    script = AXE.read_text()

    def serious_violations(page) -> list[dict]:
        page.evaluate(script)
        return [
            violation
            for violation in page.evaluate(RUN_AXE)
            if violation["impact"] in ("serious", "critical")
        ]

    return serious_violations
