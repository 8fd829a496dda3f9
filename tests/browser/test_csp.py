"""The Content Security Policy holds in a real browser: readers' pages and the desk."""

import pytest

from ..conftest import make_article, make_desk_user, make_section

pytestmark = pytest.mark.django_db(transaction=True)

# Chromium fires this event for every blocked script, style, image, frame or
# form target, inline ones included; the binding carries it out of the page.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def violations(page) -> list[str]:
    """Every CSP violation on any page the test opens, and any page sent without CSP."""
    seen: list[str] = []
    page.expose_function("reportViolation", lambda text: seen.append(text))
    page.add_init_script(REPORT_VIOLATIONS)

    def check_header(response) -> None:
        if response.request.resource_type == "document" and response.status < 300:
            if "content-security-policy" not in response.headers:
                seen.append(f"no Content-Security-Policy on {response.url}")

    page.on("response", check_header)
    return seen


def csp_console_errors(page) -> list[str]:
    return [text for text in page.console_errors if "Content Security Policy" in text]


def test_readers_pages_keep_to_the_content_security_policy(page, violations):
    article = make_article(headline="Harbour cranes idle as dock workers strike")

    page.goto("/")
    page.get_by_role("link", name=article.headline).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    page.goto("/search/?q=cranes")
    page.get_by_role("link", name=article.headline).first.wait_for()

    assert violations == []
    assert csp_console_errors(page) == []


def test_the_desk_keeps_to_the_content_security_policy(page, violations):
    make_desk_user("Editor", username="edna")
    make_section(name="Harbour desk", slug="harbour-desk")
    make_article(headline="Port strike ends")
    article = make_article(headline="Harbour cranes idle")

    # Signing in through the form, as the throttled sign-in expects.
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The collapsed fieldset opens and closes.
    page.get_by_text("Source", exact=True).click()
    page.locator(".field-source_id").wait_for()
    # The section autocomplete (select2) asks the server and offers a choice.
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("Harbour")
    page.locator(".select2-results__option", has_text="Harbour desk").click()
    # The related-links inline adds a row with its own autocomplete.
    page.get_by_text("Add another Related link after the body").click()
    page.locator("#related_links-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("Port strike")
    page.locator(".select2-results__option", has_text="Port strike ends").click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    page.goto("/admin/articles/article/")

    assert violations == []
    assert csp_console_errors(page) == []
