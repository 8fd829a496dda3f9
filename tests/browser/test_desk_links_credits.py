"""The unresolved-links desk and typed credits, in a real browser."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from articles.models import Article, PhotoCredit, RelatedLink

from ..conftest import make_article, make_credit, make_desk_user, make_link
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

UNRESOLVED = "/admin/articles/article/unresolved-links/"


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_creating_a_draft_from_a_title_points_its_links_at_it(page, screenshot, role):
    make_desk_user(role, username="desk")
    live = make_article(headline="Harbour cranes idle")
    draft = make_article(
        headline="Council meets tonight", status=Article.Status.DRAFT, published_at=None
    )
    make_link(live, "Ferry fares rise [UPDATE]")
    make_link(draft, "Ferry fares rise")
    make_link(draft, "Port reopens")
    own = make_article(
        headline="Dock workers strike",
        body="They walked out.\n\nRead Also: Dock workers strike",
    )
    own.sync_inline_links()
    sign_in(page, "desk", UNRESOLVED)

    own_section = page.locator(".unresolved-own-headline")
    expect(own_section).to_contain_text("this is the article’s own headline")
    expect(own_section.get_by_role("link", name="Dock workers strike")).to_be_visible()
    group = page.locator(".unresolved-group", has_text="Ferry fares rise")
    group.get_by_role("button", name="Create a draft with this headline").click()
    page.wait_for_url(f"**{UNRESOLVED}")

    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("Created the draft “Ferry fares rise” in World")
    expect(messages).to_contain_text("2 links now point at it.")
    expect(
        page.locator(".unresolved-group", has_text="Ferry fares rise")
    ).to_have_count(0)
    expect(page.locator(".unresolved-group", has_text="Port reopens")).to_have_count(1)
    screenshot(page, f"draft-created-{role.lower()}")
    created = Article.objects.get(headline="Ferry fares rise")
    assert created.status == Article.Status.DRAFT
    assert {
        link.target for link in RelatedLink.objects.filter(title__startswith="Ferry")
    } == {created}
    assert page.console_errors == []


def test_the_target_picker_offers_the_exact_headline_first(page, screenshot):
    make_desk_user("Editor", username="edna")
    now = timezone.now()
    exact = make_article(
        headline="Harbour cranes idle", published_at=now - timedelta(days=30)
    )
    for number in range(25):
        make_article(
            headline=f"Why harbour cranes idle matters, part {number}",
            published_at=now - timedelta(hours=number + 1),
        )
    link = make_link(make_article(headline="Port strike ends"), "Cranes stand idle")
    sign_in(page, "edna", UNRESOLVED)

    page.locator(".unresolved-group .select2-selection").click()
    page.locator(".select2-search__field").fill("Harbour cranes idle")
    options = page.locator(".select2-results__option")
    expect(options.first).to_have_text("Harbour cranes idle")
    expect(options.nth(1)).to_have_text("Why harbour cranes idle matters, part 0")
    screenshot(page, "target-picker")
    options.first.click()
    page.get_by_role("button", name="Point these links at it").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "1 link titled “Cranes stand idle” now points at “Harbour cranes idle”."
    )
    link.refresh_from_db()
    assert link.target == exact
    assert page.console_errors == []


def test_a_typed_credit_is_previewed_in_house_style_and_saved_split(page, screenshot):
    make_desk_user("Editor", username="edna")
    keep = make_credit("Jane Doe/Reuters")
    keep.absorb([make_credit("REUTERS/Jane Doe")])
    sign_in(page, "edna", "/admin/articles/photocredit/add/")
    preview = page.locator(".credit-preview")
    expect(preview).to_have_text("Type the credit line to see it here.")

    line = page.get_by_label("Credit line")
    line.press_sequentially("REUTERS/Tom Smith", delay=20)
    expect(preview).to_have_text(
        "Tom Smith/Reuters (split from the line: creator: Tom Smith, agency: Reuters)"
    )
    screenshot(page, "credit-preview")

    line.fill("Screenshot from YouTube")
    expect(preview).to_have_text(
        "Screenshot from YouTube (shown as written, every word kept; for the "
        "licence report: distributor: YouTube)"
    )

    line.fill("reuters/jane doe")
    expect(preview).to_contain_text(
        "This wording was merged into “Jane Doe/Reuters”; use that credit."
    )
    expect(
        preview.get_by_role("link", name="Open “Jane Doe/Reuters”")
    ).to_have_attribute("href", f"/admin/articles/photocredit/{keep.pk}/change/")

    line.fill("REUTERS/Tom Smith")
    page.get_by_label("Creator").fill("T. Smith")
    expect(preview).to_have_text("T. Smith (from the parts as you typed them)")
    page.get_by_label("Creator").fill("")
    expect(preview).to_contain_text("Tom Smith/Reuters (split from the line")

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/articles/photocredit/")
    expect(page.locator(".messagelist")).to_contain_text(
        "Split from the line as an import would be: creator “Tom Smith”"
    )
    credit = PhotoCredit.objects.get(text="REUTERS/Tom Smith")
    assert (credit.creator, credit.agency, credit.display) == (
        "Tom Smith",
        "Reuters",
        "Tom Smith/Reuters",
    )
    assert page.console_errors == []
