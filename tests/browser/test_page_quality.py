"""Every kind of reader page, and the desk's busiest pages, in a real browser:
accessible, fitting and error-free.

axe-core (from the npm registry, see package.json) is injected into each page
and must report no serious or critical violation, in the light colour scheme
on a desktop and the dark one on a phone.
"""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article, Photo, Section

from ..conftest import (
    make_article,
    make_credit,
    make_desk_user,
    make_link,
    make_section,
)
from .test_admin_desk import sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

LAYOUTS = [
    {"width": 375, "height": 812, "color_scheme": "dark"},
    {"width": 1280, "height": 900, "color_scheme": "light"},
]


def make_reading_room() -> dict[str, str]:
    """Fill the site as a reader would find it; return the address of each page."""
    world = Section.objects.get(slug="world")
    europe = make_section(name="Europe", slug="europe", parent=world)
    politics = Section.objects.get(slug="politics")
    target = make_article(
        headline="Russia Launches Iranian Satellite Into Space",
        published_at=timezone.now() - timedelta(hours=5),
        tags=["Ukraine", "Space"],
    )
    article = make_article(
        headline="Russia Recruiting Prisoners To Fight in Ukraine War",
        label="REPORT",
        byline="Staff Reporter",
        dek="Russia is reportedly recruiting prisoners to fight its war in Ukraine.",
        body="Russia is reportedly recruiting prisoners to fight its war in Ukraine."
        "\n\n## Russia's Recruitment of Prisoners\n\n"
        "Convicts in cramped jail cells were offered promises of freedom and "
        "riches as frantic phone calls were made between relatives and inmates."
        "\n\nRead Also: Russia Launches Iranian Satellite Into Space\n\n"
        "## Fighting in Ukraine\n\n"
        "The latest assessments by the West suggest heavy losses.",
        lead_photo=Photo.objects.create(credit=make_credit()),
        tags=["Ukraine", "Prisons"],
    )
    article.sync_inline_links()
    make_link(article, "US Claims Russian Officials Now Training on Iranian Drones")
    make_link(article, target.headline, target=target)
    make_article(headline="Alpine pass reopens after record snowfall", section=europe)
    make_article(headline="Parliament passes the budget", section=politics)
    for number in range(3):
        make_article(
            headline=f"Ceasefire talks resume in Geneva, day {number + 1}",
            published_at=timezone.now() - timedelta(days=1, hours=number),
            tags=["Ukraine"],
        )
    return {
        "home": "/",
        "section": "/world/",
        "article": article.get_absolute_url(),
        "tag": "/tags/ukraine/",
        "search": "/search/?q=ukraine",
    }


@pytest.mark.parametrize("kind", ["home", "section", "article", "tag", "search"])
def test_reader_page_is_accessible_and_fits_phones_and_desktops(
    page, screenshot, axe, kind
):
    address = make_reading_room()[kind]
    for layout in LAYOUTS:
        page.set_viewport_size({"width": layout["width"], "height": layout["height"]})
        page.emulate_media(color_scheme=layout["color_scheme"])
        response = page.goto(address)
        assert response.status == 200

        overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{address} scrolls sideways at {layout['width']} px"

        # Evaluated by the browser's debugger, which the site's Content
        # Security Policy rightly does not let a <script> tag do.
        violations = axe(page)
        assert violations == [], f"{address} at {layout}: {violations}"
        screenshot(page, f"{kind}-{layout['width']}")
    assert page.console_errors == []


def make_desk_day() -> dict[str, str]:
    """Give the desk a working day; return the address of each desk page."""
    make_desk_user("Editor", username="edna", first_name="Edna", last_name="Editor")
    scheduled = make_article(
        headline="Budget vote set for Friday",
        label="PREVIEW",
        byline="Edna Editor",
        published_at=timezone.now() + timedelta(hours=3),
        lead_photo=Photo.objects.create(credit=make_credit()),
        tags=["Budget", "Parliament"],
    )
    make_link(scheduled, "A story nobody wrote yet")
    make_article(headline="Harbour cranes idle", tags=["Ports"])
    make_article(
        headline="Rail fares rise again",
        status=Article.Status.REVIEW,
        published_at=None,
    )
    return {
        "front page": "/admin/",
        "article list": "/admin/articles/article/",
        "scheduled article": f"/admin/articles/article/{scheduled.pk}/change/",
    }


@pytest.mark.parametrize("kind", ["front page", "article list", "scheduled article"])
def test_desk_page_is_accessible_in_both_colour_schemes(page, screenshot, axe, kind):
    address = make_desk_day()[kind]
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "edna", address)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.console_errors.clear()
        page.goto(address)
        assert page.console_errors == [], f"{address}: {page.console_errors}"
        # axe's own probes set inline styles, which the desk's Content
        # Security Policy refuses in the console; the page's errors are above.
        violations = axe(page)
        assert violations == [], f"{address} in the {scheme} scheme: {violations}"
        screenshot(page, f"{kind.replace(' ', '-')}-{scheme}")
