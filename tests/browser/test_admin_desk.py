"""Editors and reporters at work in the admin, in a real browser."""

import pytest

from articles.models import Article

from ..conftest import make_article, make_desk_user, make_link, make_photo

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username: str, next_url: str) -> None:
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")


def test_editor_edits_links_and_publishes_then_readers_see_it(page, screenshot):
    make_desk_user("Editor", username="edna")
    make_article(headline="Port strike ends", body="The strike is over.")
    draft = make_article(
        headline="Harbour cranes idle",
        body="Dock workers walked out at dawn.\n\n## What comes next\n\n"
        "Talks resume on Monday.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    change = f"/admin/articles/article/{draft.pk}/change/"
    sign_in(page, "edna", change)

    page.get_by_label("Headline").fill("Harbour cranes idle for a second day")
    page.get_by_text("Add another Related link after the body").click()
    page.locator("#related_links-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("Port strike")
    page.locator(".select2-results__option", has_text="Port strike ends").click()
    page.get_by_label("Status").select_option(label="Published")
    screenshot(page, "editor-form")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/articles/article/")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    draft.refresh_from_db()
    page.goto(draft.get_absolute_url())
    assert page.locator("h1").inner_text() == "Harbour cranes idle for a second day"
    link = page.get_by_role("link", name="Port strike ends")
    assert link.is_visible()
    screenshot(page, "public-page")
    assert page.console_errors == []


def test_reporter_finds_no_way_to_publish(page, screenshot):
    make_desk_user("Reporter", username="ray")
    live = make_article(headline="Budget passes")
    draft = make_article(
        headline="Council meets tonight",
        body="Agenda.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    change = f"/admin/articles/article/{draft.pk}/change/"
    sign_in(page, "ray", change)

    options = page.get_by_label("Status").locator("option").all_inner_texts()
    assert options == ["Draft", "In review"]
    assert page.locator("input[name^=published_at]").count() == 0
    assert page.get_by_role("link", name="Preview").is_visible()
    screenshot(page, "reporter-form")

    page.goto("/admin/articles/article/")
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert "Publish now" not in actions
    assert "Unpublish (back to draft)" not in actions
    assert "Submit for review" in actions

    page.goto(f"/admin/articles/article/{live.pk}/change/")
    assert page.get_by_role("button", name="Save", exact=True).count() == 0
    assert page.locator("select[name=status]").count() == 0
    assert page.console_errors == []


def test_reporter_leaves_live_articles_to_an_editor(page, screenshot):
    make_desk_user("Reporter", username="ray")
    photo = make_photo(caption="Cranes at dawn")
    live = make_article(headline="Harbour cranes idle", lead_photo=photo)
    draft = make_article(
        headline="Council meets tonight", status=Article.Status.DRAFT, published_at=None
    )
    make_link(live, "Ferry fares rise")
    draft_link = make_link(draft, "Ferry fares rise")
    make_article(headline="Fares go up by a tenth")
    sign_in(page, "ray", f"/admin/articles/photo/{photo.pk}/change/")
    assert page.get_by_role("button", name="Save", exact=True).count() == 0
    assert page.locator("textarea[name=caption]").count() == 0

    page.goto("/admin/articles/article/unresolved-links/")
    assert (
        "published or scheduled: editors only" in page.locator("#content").inner_text()
    )
    page.locator(".unresolved-group .select2-selection").first.click()
    page.locator(".select2-search__field").fill("Fares go up")
    page.locator(".select2-results__option", has_text="Fares go up by a tenth").click()
    page.get_by_role("button", name="Point these links at it").click()
    messages = page.locator(".messagelist").inner_text()
    screenshot(page, "reporter-point")
    assert "1 link titled “Ferry fares rise” now points at" in messages
    assert "1 link on published or scheduled articles was left for an editor" in (
        messages
    )
    draft_link.refresh_from_db()
    assert draft_link.target.headline == "Fares go up by a tenth"
    assert live.related_links.get().target is None
    assert page.console_errors == []
