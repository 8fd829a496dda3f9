"""Two editors on one story in two browsers: each sees the other, nothing is lost."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from ..conftest import make_article, make_desk_user
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_save_is_refused_shows_the_first_and_keeps_both(
    browser, live_server, settings, screenshot
):
    settings.DESK_PRESENCE_HEARTBEAT = 1
    make_desk_user("Editor", username="edna", first_name="Edna", last_name="Editor")
    make_desk_user("Editor", username="sam", first_name="Sam", last_name="Second")
    story = make_article(
        headline="Harbour cranes stand idle",
        dek="Dock workers walked out.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    change = f"/admin/articles/article/{story.pk}/change/"
    contexts = [browser.new_context(base_url=live_server.url) for _ in range(2)]
    edna, sam = (context.new_page() for context in contexts)
    errors = []
    for page in (edna, sam):
        page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(edna, "edna", change)
        sign_in(sam, "sam", change)

        # Each sees the other: Sam when the page opens, Edna at her next beat.
        expect(sam.locator(".presence-others")).to_contain_text(
            "Also open: Edna Editor"
        )
        expect(edna.locator(".presence-others")).to_contain_text("Sam Second")

        sam.get_by_label("Summary (dek)").fill("Talks resume on Monday.")
        sam.get_by_role("button", name="Save", exact=True).click()
        sam.wait_for_url("**/admin/articles/article/")

        # Edna's open form learns of it before she saves.
        expect(edna.locator(".presence-changed")).to_contain_text(
            "Sam Second changed this since you opened it"
        )
        edna.get_by_label("Headline").fill("Harbour cranes idle")
        edna.get_by_role("button", name="Save", exact=True).click()
        expect(edna.locator(".errorlist.nonfield")).to_contain_text(
            "Not saved: Sam Second changed this since you opened it"
        )
        screenshot(edna, "refused")
        # Sam's dek is in her form now, her headline still there.
        expect(edna.get_by_label("Summary (dek)")).to_have_value(
            "Talks resume on Monday."
        )
        expect(edna.get_by_label("Headline")).to_have_value("Harbour cranes idle")
        story.refresh_from_db()
        assert story.headline == "Harbour cranes stand idle"

        edna.get_by_role("button", name="Save", exact=True).click()
        edna.wait_for_url("**/admin/articles/article/")
        story.refresh_from_db()
        assert (story.headline, story.dek) == (
            "Harbour cranes idle",
            "Talks resume on Monday.",
        )
        assert errors == []
    finally:
        for context in contexts:
            context.close()
