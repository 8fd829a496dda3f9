"""An editor writes Markdown and sees it rendered beside the body as she types."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from ..conftest import make_article, make_desk_user
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preview_follows_the_body_as_the_editor_types(page, screenshot):
    make_desk_user("Editor", username="edna")
    make_article(headline="Port strike ends")
    draft = make_article(
        headline="Harbour cranes idle",
        body="Dock workers walked out at dawn.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    change = f"/admin/articles/article/{draft.pk}/change/"
    sign_in(page, "edna", change)
    preview = page.get_by_role("region", name="Preview of the body")
    expect(preview.locator("p", has_text="Dock workers walked out")).to_be_visible()

    body = page.get_by_role("textbox", name="Body:")
    body.fill("")
    body.press_sequentially(
        "The *ferry* runs, says [the port](https://example.org/port).\n\n"
        "- Two boats an hour\n- A new pier\n\n"
        "Read Also: Port strike ends",
        delay=2,
    )

    emphasis = preview.locator("em", has_text="ferry")
    emphasis.wait_for()
    link = preview.get_by_role("link", name="the port")
    assert link.get_attribute("href") == "https://example.org/port"
    # A link in the preview opens elsewhere, so the form keeps its text.
    assert link.get_attribute("target") == "_blank"
    assert preview.locator("ul > li").all_inner_texts() == [
        "Two boats an hour",
        "A new pier",
    ]
    preview.get_by_role("link", name="Port strike ends").wait_for()
    screenshot(page, "body-preview")
    # Beside the textarea on a wide screen.
    box, pane = body.bounding_box(), preview.bounding_box()
    assert pane["x"] >= box["x"] + box["width"]

    body.press("End")
    body.press_sequentially("\n\n<script>window.hacked = 1</script>", delay=2)
    preview.get_by_text("<script>window.hacked = 1</script>").wait_for()
    assert page.evaluate("window.hacked") is None
    assert page.console_errors == []


def test_on_a_narrow_screen_the_preview_sits_under_the_body(page):
    make_desk_user("Reporter", username="ray")
    draft = make_article(
        headline="Council meets", status=Article.Status.DRAFT, published_at=None
    )
    page.set_viewport_size({"width": 800, "height": 900})
    change = f"/admin/articles/article/{draft.pk}/change/"
    sign_in(page, "ray", change)
    body = page.get_by_role("textbox", name="Body:")
    body.fill("> Quoted **words**.")
    preview = page.get_by_role("region", name="Preview of the body")
    preview.locator("blockquote strong", has_text="words").wait_for()
    box, pane = body.bounding_box(), preview.bounding_box()
    assert pane["y"] >= box["y"] + box["height"]
    assert page.console_errors == []
