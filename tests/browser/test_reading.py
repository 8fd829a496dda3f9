"""A reader opens the site in a real browser."""

import pytest

from ..conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_opens_an_article_from_the_home_page(page, screenshot):
    article = make_article(
        headline="Harbour cranes idle as dock workers strike",
        label="REPORT",
        body="Dock workers walked out at dawn.\n\n## What comes next\n\n"
        "Talks resume on Monday.",
    )
    page.goto("/")
    page.get_by_role("link", name=article.headline).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    assert page.locator("h1").inner_text() == article.headline
    assert page.locator(".label").first.inner_text() == "REPORT"
    assert page.get_by_role("heading", level=2, name="What comes next").is_visible()
    assert page.console_errors == []
    screenshot(page, "article")
