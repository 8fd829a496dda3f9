"""The desk's front page and article list, at a 1280 px desktop, in a real browser."""

import uuid
from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article

from ..conftest import make_article, make_desk_user, make_image, make_link, make_photo
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
LONG_BYLINE = (
    "By Alexandra Konstantinopoulou-Whitfield and Bartholomew "
    "Featherstonehaugh-Cholmondeley, Senior Correspondents in Brussels"
)
LONG_TAGS = [
    "Industrial relations",
    "Shipping and logistics",
    "European Union single market",
    "Ukraine",
    "Economy",
    "Tradeunionsandcollectivebargainingwithoutanyspaces",
]

# Where each header cell of the results ends, and where the list may end:
# the filters' left edge, or the window's.
MEASURE = """() => {
  const filter = document.querySelector("#changelist-filter");
  const results = document.querySelector("#changelist-form .results");
  return {
    page: document.documentElement.scrollWidth - window.innerWidth,
    results: results.scrollWidth - results.clientWidth,
    limit: filter ? filter.getBoundingClientRect().left : window.innerWidth,
    columns: Array.from(document.querySelectorAll("#result_list thead th")).map(
      (th) => [th.className, th.getBoundingClientRect().right]
    ),
  };
}"""


def fill_the_list() -> None:
    """Stories as long as the desk gets them, in every state, with photos."""
    now = timezone.now()
    for number in range(12):
        article = make_article(
            headline=(
                "Harbour cranes idle as dock workers strike over pay and pensions "
                f"in the longest stoppage since 1984, day {number}"
            ),
            label="ANALYSIS" if number % 2 else "",
            byline=LONG_BYLINE,
            tags=LONG_TAGS,
            status=[Article.Status.PUBLISHED, Article.Status.REVIEW][number % 2],
            published_at=now + timedelta(hours=number - 6) if number % 2 == 0 else None,
            lead_photo=(
                make_photo(
                    image=make_image(f"cranes-{uuid.uuid4().hex}.png"),
                    alt_text="Idle cranes",
                )
                if number % 3
                else make_photo()
            ),
        )
        make_link(article, f"A story nobody wrote yet, number {number}")
    # A headline without a space to break at, as a bad import might bring.
    make_article(headline="Unbroken" * 30, label="X" * 40, byline="Y" * 200)


def test_the_article_list_fits_a_1280_px_screen_with_every_column_in_view(
    page, screenshot
):
    make_desk_user("Editor", username="edna")
    fill_the_list()
    page.set_viewport_size(DESKTOP)
    sign_in(page, "edna", "/admin/articles/article/")

    measured = page.evaluate(MEASURE)
    screenshot(page, "article-list-1280")
    assert measured["page"] <= 0, "the page scrolls sideways at 1280 px"
    assert measured["results"] <= 0, "the list scrolls sideways at 1280 px"
    beyond = [
        name for name, right in measured["columns"] if right > measured["limit"] + 1
    ]
    assert beyond == [], f"columns beyond the screen's edge: {beyond}"

    # What the issue found off screen is in view: byline, photo, tags, live.
    row = page.locator("#result_list tbody tr").first
    for field in ("filed", "lead_photo_thumbnail", "tag_list", "is_published"):
        assert row.locator(f".field-{field}").is_visible()
    byline = row.locator(".list-byline")
    # Cut on screen, whole on hover and for screen readers.
    assert byline.get_attribute("title") == LONG_BYLINE
    assert byline.text_content() == LONG_BYLINE
    box = byline.bounding_box()
    assert box["height"] < 3 * 16 + 1, "a long byline is cut to two lines"
    assert page.console_errors == []


def test_an_editor_goes_from_the_front_page_to_a_story_and_to_the_list(
    page, screenshot
):
    make_desk_user("Editor", username="edna")
    waiting = make_article(
        headline="Rail fares rise again",
        status=Article.Status.REVIEW,
        published_at=None,
    )
    make_article(
        headline="Budget vote set for Friday",
        published_at=timezone.now() + timedelta(hours=3),
    )
    page.set_viewport_size(DESKTOP)
    sign_in(page, "edna", "/admin/")

    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    scheduled = page.get_by_role("region", name="Scheduled (1)")
    assert "Budget vote set for Friday" in scheduled.inner_text()
    assert scheduled.locator("time").count() == 1
    screenshot(page, "front-page")

    review = page.get_by_role("region", name="In review (1)")
    review.get_by_role("link", name="Rail fares rise again").click()
    page.wait_for_url(f"**/admin/articles/article/{waiting.pk}/change/")
    assert page.locator("p.publication-state").inner_text() == "In review"

    page.goto("/admin/")
    page.get_by_role("region", name="In review (1)").get_by_role(
        "link", name="See all 1"
    ).click()
    page.wait_for_url("**/admin/articles/article/?state=review")
    assert page.locator("#result_list tbody tr").count() == 1
    assert page.console_errors == []
