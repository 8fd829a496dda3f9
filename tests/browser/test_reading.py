"""A reader opens the site in a real browser."""

import json
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import pytest

from django.core.management import call_command

from articles.models import Article

from ..conftest import make_article, make_link

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOSTILE_HEADLINE = "<script>alert(1)</script> Port {{ strike }} ends {% now 'Y' %}"
HOSTILE_BODY = (
    "<img src=x onerror=alert(1)> Dockers {{ request }} cheered.\n\n"
    "## <script>alert('sub')</script>\n\n"
    "Read Also: javascript:alert(1)\n\n"
    '<a href="javascript:alert(1)">Click me</a> {% load static %}'
)


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every alert, confirm or prompt a page opens; a safe page opens none."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


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


def test_reader_follows_a_section_tag_and_related_link(page):
    target = make_article(headline="Port strike ends after 12 days", tags=["Ports"])
    article = make_article(headline="Cranes idle at the harbour", tags=["Ports"])
    make_link(article, "Port strike ends after 12 days", target=target)
    make_link(article, "A story nobody has written yet")

    page.goto("/world/")
    page.get_by_role("link", name=article.headline).click()
    # count() does not wait, so wait for the article page before counting.
    page.wait_for_url(f"**{article.get_absolute_url()}")
    related = page.get_by_role("region", name="Related articles")
    assert related.get_by_role("link").count() == 1
    assert related.get_by_text("A story nobody has written yet").is_visible()

    page.get_by_role("link", name="Ports").click()
    page.wait_for_url("**/tags/ports/")
    assert page.locator("h1").inner_text() == "Ports"
    assert page.get_by_role("link", name=target.headline).is_visible()
    assert page.console_errors == []


def test_reader_searches_from_the_header(page):
    make_article(headline="Harbour cranes idle as dock workers strike")
    make_article(headline="Budget passes")

    page.goto("/")
    page.get_by_role("searchbox", name="Search articles").fill("cranes")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=cranes")

    assert page.get_by_role("status").inner_text() == ("1 article found for “cranes”.")
    assert page.get_by_role("link", name="Budget passes").count() == 0
    assert page.console_errors == []


def test_keyboard_reader_can_skip_straight_to_the_story(page):
    make_article()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_markup_and_scripts_from_a_seed_show_as_text_and_never_run(
    page, dialogs, screenshot
):
    article = make_article(
        headline=HOSTILE_HEADLINE,
        dek="<img src=x onerror=alert('dek')> {{ dek }}",
        body=HOSTILE_BODY,
        byline="<b onmouseover=alert(1)>Mallory</b>",
        tags=["<script>alert('tag')</script>"],
    )
    article.sync_inline_links()
    make_link(article, "<img src=x onerror=alert('related')>")

    page.goto(article.get_absolute_url())
    page.hover("text=Mallory")

    assert page.locator("h1").inner_text() == HOSTILE_HEADLINE
    body = page.locator(".article-body").inner_text()
    assert "<img src=x onerror=alert(1)> Dockers {{ request }} cheered." in body
    assert "<script>alert('sub')</script>" in body
    assert "Read Also: javascript:alert(1)" in body
    assert '<a href="javascript:alert(1)">Click me</a> {% load static %}' in body
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator(".article-body img, .article-body script").count() == 0
    screenshot(page, "hostile-article")

    for address in ("/", "/world/", "/tags/scriptalerttagscript/"):
        assert page.goto(address).status == 200
    page.goto("/search/?" + urlencode({"q": "<script>alert(2)</script> {{ x }}"}))
    assert page.get_by_role("searchbox", name="Words to look for").input_value() == (
        "<script>alert(2)</script> {{ x }}"
    )
    assert dialogs == []
    assert page.console_errors == []


def test_structured_data_parses_and_names_the_photo_credit(page):
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get()

    page.goto(article.get_absolute_url())
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["image"]["creditText"] == "Olga Maltseva/AFP via Getty Images"
    assert data["image"]["creator"] == {"@type": "Person", "name": "Olga Maltseva"}
    assert page.get_by_text("Photo: Olga Maltseva/AFP via Getty Images").is_visible()
    assert page.console_errors == []


def test_imported_seed_reads_well_on_a_desktop(page, screenshot):
    """Also makes docs/screenshot-article.png's source: artifacts/...-seed.png."""
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get()
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(article.get_absolute_url())

    assert page.locator(".label").first.inner_text() == "REPORT"
    headline = page.locator("h1").inner_text()
    assert headline == (
        "Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for Freedom"
    )
    # The dek repeats the lede, so the lede is printed once.
    lede = "Russia is reportedly recruiting prisoners to fight its war in Ukraine"
    assert page.get_by_text(lede).count() == 1
    subheadings = page.locator(".article-body h2").all_inner_texts()
    assert subheadings == ["Russia's Recruitment of Prisoners", "Fighting in Ukraine"]
    read_also = page.locator(".read-also").inner_text()
    assert read_also.startswith("Read Also: Russia Launches Iranian Satellite")
    assert page.console_errors == []
    screenshot(page, "seed")
