"""An editor restores an older version of a live story in a real browser.

The words come back and the story stays live; taking it offline by the
version's state needs a second, explicit tick.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.models.versions import update_latest_version

from ..conftest import make_article, make_desk_user, make_link
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

STATE_BOX = "Also restore this version's status, publication time, address and section"


def test_a_revert_keeps_the_story_live_until_taking_it_offline_is_confirmed(
    page, browser, live_server, screenshot
):
    make_desk_user("Editor", username="edna", first_name="Edna", last_name="Editor")
    ray = make_desk_user(
        "Reporter", username="ray", first_name="Ray", last_name="Reporter"
    )
    story = make_article(
        headline="Harbour cranes idle",
        body="Dock workers walked out at dawn.\n\nTalks resume on Monday.",
        status=Article.Status.REVIEW,
        published_at=None,
        tags=["ports"],
    )
    make_link(story, "Port budget", url="https://example.org/budget")
    update_latest_version(story)
    story.history.update(history_user=ray)
    story.publish()
    story.headline = "Harbour cranes idle for a week"
    story.body = "Dock workers walked out on Friday.\n\nTalks resume on Tuesday."
    story.save()
    story.tags.set(["ports", "strikes"])
    story.related_links.all().delete()
    make_link(story, "Strike timeline", url="https://example.org/timeline")
    update_latest_version(story)
    address = story.get_absolute_url()
    readers = browser.new_context(base_url=live_server.url)
    try:
        check_the_revert(page, readers.new_page(), story, address, screenshot)
    finally:
        # Its open connections would outlive the live server otherwise.
        readers.close()


def check_the_revert(page, reader, story: Article, address: str, screenshot) -> None:
    sign_in(page, "edna", f"/admin/articles/article/{story.pk}/history/")
    in_review = page.locator("#change-history tbody tr", has_text="In review")
    in_review.get_by_role("link").click()

    # The page lists what will change, and what stays.
    expect(page.locator(".revert-version-line")).to_contain_text(
        "by Ray Reporter, saved in review"
    )
    changes = page.locator(".revert-changes")
    expect(changes).to_contain_text("Harbour cranes idle for a week")
    expect(changes).to_contain_text("Tuesday.")
    expect(changes).to_contain_text("ports, strikes")
    expect(changes).to_contain_text("Port budget → https://example.org/budget")
    expect(page.locator(".revert-state")).to_contain_text("Published")
    expect(page.get_by_label(STATE_BOX)).not_to_be_checked()
    screenshot(page, "confirm-page")
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text(
        "Status, publication time, address and section stay as they were."
    )

    # Still live, with the old words.
    response = reader.goto(address)
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text("Harbour cranes idle")

    # Now the state too: refused until the consequence is confirmed.
    page.goto(f"/admin/articles/article/{story.pk}/history/")
    in_review.get_by_role("link").click()
    consequences = page.locator(".revert-consequences")
    expect(consequences).to_contain_text(
        "This takes the live story offline: readers will get 404"
    )
    page.get_by_label(STATE_BOX).check()
    page.get_by_role("button", name="Restore this version").click()
    expect(consequences).to_contain_text("Not restored: tick this to confirm.")
    screenshot(page, "refused-without-the-tick")
    assert reader.goto(address).status == 200

    page.get_by_label("Yes, do this to the story's readers").check()
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    assert reader.goto(address).status == 404
    story.refresh_from_db()
    assert (story.status, story.headline) == (
        Article.Status.REVIEW,
        "Harbour cranes idle",
    )
    assert page.console_errors == []


def test_the_revert_page_is_accessible_in_both_colour_schemes(
    page,
    screenshot,
    axe,
):
    make_desk_user("Editor", username="edna", first_name="Edna", last_name="Editor")
    story = make_article(
        headline="Harbour cranes idle", status=Article.Status.REVIEW, published_at=None
    )
    version = story.history.get()
    story.publish()
    story.headline = "Harbour cranes idle for a week"
    story.save()
    address = f"/admin/articles/article/{story.pk}/history/{version.history_id}/"
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "edna", address)
    for scheme in ("light", "dark"):
        # The scheme first, then the page: switched on a drawn page, the
        # admin fades its links' colours and axe may measure them mid-fade.
        page.emulate_media(color_scheme=scheme)
        page.goto(address)
        # Refused for want of the confirming tick: every part of the page shows.
        page.get_by_label(STATE_BOX).check()
        page.get_by_role("button", name="Restore this version").click()
        expect(page.locator(".revert-consequences .errorlist")).to_be_visible()
        violations = axe(page)
        assert violations == [], f"the revert page, {scheme}: {violations}"
        screenshot(page, f"refused-{scheme}")
