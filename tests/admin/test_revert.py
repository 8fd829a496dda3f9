"""Restoring a version brings back the words; the state comes back only when asked.

Through the test client, as the desk uses the screen and as a crafted POST
would: what the page lists, what it writes, and what it refuses.
"""

from datetime import timedelta

import pytest
from taggit.models import Tag

from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone

from articles.models import Article, OldSlug, RelatedLink, Section
from articles.models.versions import update_latest_version

from ..conftest import make_article, make_desk_user, make_link, make_photo
from ..desk import ARTICLES, action_data, article_form_data, change_url

pytestmark = pytest.mark.django_db

REVIEW_BODY = "Dock workers walked out at dawn.\n\nTalks resume on Monday."
LIVE_BODY = "Dock workers walked out at dawn on Friday.\n\nTalks resume on Tuesday."


def version_url(article: Article, version) -> str:
    return f"{ARTICLES}{article.pk}/history/{version.history_id}/"


def page_data(response, *ticks: str) -> dict:
    """What a browser posts back from the revert page, with these boxes ticked."""
    form = response.context["form"]
    data = {name: form[name].value() for name in ("seen", "consequences_seen")}
    data.update({tick: "on" for tick in ticks})
    return data


def reader_status(client: Client, path: str) -> int:
    return Client().get(path).status_code


def latest(article: Article):
    return article.history.order_by("-history_id").first()


@pytest.fixture
def ray(db):
    return make_desk_user(
        "Reporter", username="ray", first_name="Ray", last_name="Reporter"
    )


@pytest.fixture
def story(world, ray):
    """A live story whose first version was saved "In review" by a reporter.

    The version had other words, byline, tags, links and photo; an editor
    then published it and rewrote all of them.
    """
    old_photo = make_photo(caption="Cranes at dawn")
    article = make_article(
        headline="Harbour cranes idle",
        slug="harbour-cranes-idle",
        dek="Workers walk out.",
        body=REVIEW_BODY,
        byline="Ray Reporter",
        status=Article.Status.REVIEW,
        published_at=None,
        lead_photo=old_photo,
        tags=["ports"],
    )
    make_link(article, "Port budget", url="https://example.org/budget")
    update_latest_version(article)
    article.history.update(history_user=ray)
    review = latest(article)

    article.publish()
    article.headline = "Harbour cranes idle for a week"
    article.label = "UPDATE"
    article.dek = "Dock workers strike for a week."
    article.body = LIVE_BODY
    article.byline = "Edna Editor"
    article.lead_photo = make_photo(caption="Empty quay")
    article.save()
    article.tags.set(["ports", "strikes"])
    article.related_links.all().delete()
    make_link(article, "Strike timeline", url="https://example.org/timeline")
    update_latest_version(article)
    article.refresh_from_db()
    return {"article": article, "review": review}


def test_the_page_lists_what_restoring_changes_and_what_stays(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]

    response = desk_editor_client.get(version_url(article, review))

    assert response.status_code == 200
    assert "admin/articles/article/revert_form.html" in [
        t.name for t in response.templates
    ]
    html = response.content.decode()
    assert "by Ray Reporter" in html
    assert "saved in review" in html
    for label in ["Headline", "Label", "Summary (dek)", "Body", "Byline"]:
        assert f"<dt>{label}</dt>" in html
    assert "<del>Harbour cranes idle for a week</del> → <ins>Harbour cranes idle" in (
        html
    )
    assert "walked out at <del>dawn on Friday.</del> <ins>dawn.</ins>" in html
    assert "<del>ports, strikes</del> → <ins>ports</ins>" in html
    assert "Cranes at dawn" in html and "Empty quay" in html
    assert "Strike timeline → https://example.org/timeline" in html
    assert "Port budget → https://example.org/budget" in html
    # The state: what stays, and what the version's would be.
    rows = {row["label"]: row for row in response.context["state_rows"]}
    assert rows["Status"]["current"] == "Published"
    assert rows["Status"]["restored"] == "In review"
    assert rows["Address"]["current"] == article.get_absolute_url()
    assert "restored" not in rows["Address"]
    assert "Also restore this version&#x27;s status" in html
    assert (
        "This takes the live story offline: readers will get 404 at its address."
        in html
    )


def test_restoring_a_live_storys_review_version_keeps_it_live_with_the_old_words(
    desk_editor_client, desk_editor, story, client
):
    article, review = story["article"], story["review"]
    url = article.get_absolute_url()
    published_at = article.published_at
    page = desk_editor_client.get(version_url(article, review))

    response = desk_editor_client.post(
        version_url(article, review), page_data(page), follow=True
    )

    assert response.redirect_chain[-1][0] == change_url(article)
    assert "Status, publication time, address and section stay as they were." in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert (article.status, article.published_at, article.slug) == (
        Article.Status.PUBLISHED,
        published_at,
        "harbour-cranes-idle",
    )
    assert (article.headline, article.label, article.dek, article.body) == (
        "Harbour cranes idle",
        "",
        "Workers walk out.",
        REVIEW_BODY,
    )
    assert article.byline == "Ray Reporter"
    assert article.lead_photo.caption == "Cranes at dawn"
    assert [tag.name for tag in article.tags.all()] == ["ports"]
    assert [(link.title, link.url) for link in article.links_after_body()] == [
        ("Port budget", "https://example.org/budget")
    ]
    reader = Client().get(url)
    assert reader.status_code == 200
    assert "Harbour cranes idle" in reader.content.decode()
    assert "for a week" not in reader.content.decode()
    # Recorded: who, which version, whose; the version keeps the restored tags.
    row = latest(article)
    assert row.history_user == desk_editor
    assert row.history_change_reason.startswith("Reverted to the version of ")
    assert row.history_change_reason.endswith(" by Ray Reporter")
    assert row.tag_names == ["ports"]
    assert LogEntry.objects.get(object_id=str(article.pk)).get_change_message() == (
        row.history_change_reason
    )


def test_restoring_the_state_without_the_confirming_tick_is_refused_and_writes_nothing(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]
    versions = article.history.count()
    page = desk_editor_client.get(version_url(article, review))

    response = desk_editor_client.post(
        version_url(article, review), page_data(page, "restore_state")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Not restored: tick this to confirm. This takes the live story offline" in (
        html
    )
    article.refresh_from_db()
    assert article.headline == "Harbour cranes idle for a week"
    assert article.is_published
    assert article.history.count() == versions
    assert sorted(tag.name for tag in article.tags.all()) == ["ports", "strikes"]


def test_a_crafted_confirmation_of_other_consequences_is_refused(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]
    page = desk_editor_client.get(version_url(article, review))
    data = page_data(page, "restore_state", "confirm")
    data["consequences_seen"] = "0" * 16

    response = desk_editor_client.post(version_url(article, review), data)

    assert "What restoring the state does has changed since you opened" in (
        response.content.decode()
    )
    # The page asks again: no tick carried over.
    assert "confirm" not in response.context["form"].data
    article.refresh_from_db()
    assert article.is_published


def test_with_both_ticks_the_state_comes_back_and_the_story_goes_offline(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]
    url = article.get_absolute_url()
    page = desk_editor_client.get(version_url(article, review))

    response = desk_editor_client.post(
        version_url(article, review), page_data(page, "restore_state", "confirm")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.REVIEW, None)
    assert article.headline == "Harbour cranes idle"
    assert Client().get(url).status_code == 404
    assert latest(article).history_change_reason.endswith(
        "by Ray Reporter, with its state"
    )


def test_a_change_since_the_page_was_opened_refuses_the_revert(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]
    page = desk_editor_client.get(version_url(article, review))
    sam = Client()
    sam.force_login(
        make_desk_user("Editor", username="sam", first_name="Sam", last_name="Second")
    )
    sam.post(
        change_url(article), article_form_data(article, dek="Talks collapse again.")
    )

    refused = desk_editor_client.post(version_url(article, review), page_data(page))

    assert refused.status_code == 200
    assert (
        "Not restored: Sam Second changed this story since you opened this page"
        in refused.content.decode()
    )
    article.refresh_from_db()
    assert article.dek == "Talks collapse again."
    # The page shows the lists as they are now; restoring from it works.
    response = desk_editor_client.post(version_url(article, review), page_data(refused))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == "Workers walk out."


def test_a_reporter_can_read_but_not_restore_a_version_of_a_live_story(story, ray):
    article, review = story["article"], story["review"]
    reporter = Client()
    reporter.force_login(ray)

    page = reporter.get(version_url(article, review))
    assert page.status_code == 200
    assert "Only editors can change a published or scheduled story" in (
        page.content.decode()
    )
    assert 'name="_restore"' not in page.content.decode()

    response = reporter.post(version_url(article, review), page_data(page))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Harbour cranes idle for a week"


@pytest.fixture
def unpublished(world):
    """A draft, published once: its first version was live, with a time."""
    article = make_article(headline="Council meets tonight", slug="council-meets")
    published = latest(article)
    article.unpublish()
    article.headline = "Council meeting moved"
    article.slug = "council-meeting-moved"
    article.published_at = None
    article.save()
    return {"article": article, "published": published}


def test_a_reporter_never_restores_a_published_state(unpublished, ray):
    article, published = unpublished["article"], unpublished["published"]
    reporter = Client()
    reporter.force_login(ray)
    page = reporter.get(version_url(article, published))
    versions = article.history.count()

    refused = reporter.post(
        version_url(article, published), page_data(page, "restore_state")
    )

    assert "Only editors can publish or schedule, and this version was published" in (
        refused.content.decode()
    )
    article.refresh_from_db()
    assert (article.status, article.headline) == (
        Article.Status.DRAFT,
        "Council meeting moved",
    )
    assert article.history.count() == versions
    # Its words alone come back; the draft stays a draft.
    reporter.post(version_url(article, published), page_data(page))
    article.refresh_from_db()
    assert (article.status, article.published_at, article.slug) == (
        Article.Status.DRAFT,
        None,
        "council-meeting-moved",
    )
    assert article.headline == "Council meets tonight"


def test_a_reporter_restoring_a_drafts_state_keeps_the_publication_time(world, ray):
    article = make_article(
        headline="Budget talks",
        slug="budget-talks",
        status=Article.Status.REVIEW,
        published_at=None,
    )
    version = latest(article)
    when = timezone.now() + timedelta(days=3)
    Article.objects.filter(pk=article.pk).update(published_at=when)
    article.refresh_from_db()
    article.status = Article.Status.DRAFT
    article.slug = "budget-talks-draft"
    article.save()
    reporter = Client()
    reporter.force_login(ray)
    page = reporter.get(version_url(article, version))
    rows = {row["label"]: row for row in page.context["state_rows"]}
    assert rows["Publication time"]["note"] == (
        "kept: only editors set publication times"
    )

    reporter.post(version_url(article, version), page_data(page, "restore_state"))

    article.refresh_from_db()
    assert (article.status, article.slug, article.published_at) == (
        Article.Status.REVIEW,
        "budget-talks",
        when,
    )


def test_a_revert_that_moves_a_published_story_keeps_its_old_address(
    desk_editor_client, world
):
    article = make_article(headline="Port strike ends", slug="port-strike")
    first = latest(article)
    article.slug = "port-strike-ends"
    article.save()
    page = desk_editor_client.get(version_url(article, first))
    assert (
        "This moves the story to a new address, /world/port-strike/; the current "
        "one, /world/port-strike-ends/, will redirect there."
    ) in page.content.decode()

    desk_editor_client.post(
        version_url(article, first), page_data(page, "restore_state", "confirm")
    )

    article.refresh_from_db()
    assert article.slug == "port-strike"
    moved = Client().get("/world/port-strike-ends/")
    assert (moved.status_code, moved["Location"]) == (301, "/world/port-strike/")
    assert Client().get("/world/port-strike/").status_code == 200


def test_restoring_a_slug_that_is_now_an_old_address_leaves_no_loop(
    desk_editor_client, world
):
    article = make_article(headline="Ferry fares rise", slug="ferry-fares")
    first = latest(article)
    desk_editor_client.post(
        change_url(article), article_form_data(article, slug="ferry-fares-rise")
    )
    assert OldSlug.objects.get().slug == "ferry-fares"
    page = desk_editor_client.get(version_url(article, first))

    desk_editor_client.post(
        version_url(article, first), page_data(page, "restore_state", "confirm")
    )

    article.refresh_from_db()
    assert article.slug == "ferry-fares"
    assert list(OldSlug.objects.values_list("slug", "article")) == [
        ("ferry-fares-rise", article.pk)
    ]
    assert Client().get("/world/ferry-fares/").status_code == 200
    moved = Client().get("/world/ferry-fares-rise/", follow=True)
    assert moved.redirect_chain == [("/world/ferry-fares/", 301)]
    assert moved.status_code == 200


def test_old_addresses_work_again_once_a_story_reverted_offline_is_republished(
    desk_editor_client, world
):
    article = make_article(
        headline="Ferry fares rise",
        slug="ferry-fares",
        status=Article.Status.REVIEW,
        published_at=None,
    )
    in_review = latest(article)
    article.publish()
    desk_editor_client.post(
        change_url(article), article_form_data(article, slug="ferry-fares-rise")
    )
    page = desk_editor_client.get(version_url(article, in_review))
    desk_editor_client.post(
        version_url(article, in_review), page_data(page, "restore_state", "confirm")
    )
    assert Client().get("/world/ferry-fares/").status_code == 404

    desk_editor_client.post(ARTICLES, action_data("publish_now", article))

    assert Client().get("/world/ferry-fares/").status_code == 200
    assert Client().get("/world/ferry-fares-rise/")["Location"] == (
        "/world/ferry-fares/"
    )


def test_restoring_a_scheduled_storys_draft_state_asks_to_cancel_it(
    desk_editor_client, world
):
    article = make_article(
        headline="Budget vote", status=Article.Status.DRAFT, published_at=None
    )
    draft = latest(article)
    at = timezone.now() + timedelta(hours=3)
    article.publish(at)
    page = desk_editor_client.get(version_url(article, draft))
    assert "This cancels the publication scheduled for" in page.content.decode()

    refused = desk_editor_client.post(
        version_url(article, draft), page_data(page, "restore_state")
    )
    assert "tick this to confirm" in refused.content.decode()
    article.refresh_from_db()
    assert article.is_scheduled


def test_a_version_without_a_body_is_not_restored_onto_a_live_story(
    desk_editor_client, world
):
    article = make_article(
        headline="Breaking: fire at the docks",
        body="",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    empty = latest(article)
    article.body = "Firefighters were called at noon."
    article.save()
    article.publish()
    page = desk_editor_client.get(version_url(article, empty))

    response = desk_editor_client.post(version_url(article, empty), page_data(page))

    assert "Not restored: the story would stay published without what readers" in (
        response.content.decode()
    )
    assert "A published article needs a body." in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Firefighters were called at noon."


def test_what_cannot_come_back_is_named_and_kept(desk_editor_client, world):
    photo = make_photo(caption="Burnt quay")
    politics = Section.objects.create(name="Gone", slug="gone")
    article = make_article(
        headline="Dock fire", slug="dock-fire", lead_photo=photo, section=politics
    )
    first = latest(article)
    article.headline = "Dock fire out"
    article.slug = "dock-fire-out"
    article.section = world
    article.lead_photo = None
    article.save()
    photo.delete()
    politics.delete()
    make_article(headline="Another dock fire", slug="dock-fire")
    # A version written before the History kept tags and links.
    type(first).objects.filter(pk=first.pk).update(tag_names=None, links_after=None)
    article.tags.set(["fires"])
    update_latest_version(article)

    page = desk_editor_client.get(version_url(article, first))

    html = page.content.decode()
    assert "The lead photo of this version has since been deleted" in html
    assert "The section of this version has since been deleted" in html
    assert "The address of this version, “dock-fire”, now belongs to another" in html
    assert "saved before the History kept tags and links: the current ones stay" in (
        html
    )
    response = desk_editor_client.post(
        version_url(article, first), page_data(page, "restore_state", "confirm")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Dock fire"
    assert (article.slug, article.section, article.lead_photo) == (
        "dock-fire-out",
        world,
        None,
    )
    assert [tag.name for tag in article.tags.all()] == ["fires"]


def test_a_restored_link_to_a_deleted_article_finds_its_article_by_title(
    desk_editor_client, world
):
    gone = make_article(headline="Port strike ends")
    article = make_article(headline="Harbour cranes idle")
    make_link(article, "Port strike ends", target=gone)
    update_latest_version(article)
    first = latest(article)
    article.related_links.all().delete()
    article.save()
    gone.delete()
    page = desk_editor_client.get(version_url(article, first))
    assert "Port strike ends (no article yet: shown as text)" in (page.content.decode())
    successor = make_article(headline="Port strike ends")

    desk_editor_client.post(version_url(article, first), page_data(page))

    link = article.related_links.get()
    assert (link.title, link.placement, link.target) == (
        "Port strike ends",
        RelatedLink.Placement.AFTER,
        successor,
    )


def test_a_tag_no_longer_there_is_named_and_created(desk_editor_client, world):
    article = make_article(headline="Harbour cranes idle", tags=["cranes"])
    update_latest_version(article)
    first = latest(article)
    article.tags.set(["ports"])
    article.save()
    Tag.objects.filter(name="cranes").delete()

    page = desk_editor_client.get(version_url(article, first))

    assert "No tag is named cranes now: restoring creates it." in (
        page.content.decode()
    )
    desk_editor_client.post(version_url(article, first), page_data(page))
    assert [tag.name for tag in article.tags.all()] == ["cranes"]


def test_a_version_with_the_current_words_and_state_has_nothing_to_restore(
    desk_editor_client, world
):
    article = make_article(headline="Harbour cranes idle")
    version = latest(article)
    page = desk_editor_client.get(version_url(article, version))
    html = page.content.decode()
    assert "The words of this version are the current ones" in html
    assert 'name="_restore"' not in html
    versions = article.history.count()

    response = desk_editor_client.post(version_url(article, version), page_data(page))

    assert "Nothing to restore" in response.content.decode()
    assert article.history.count() == versions


@pytest.mark.parametrize("version", ["999999", "abc", "other"])
def test_a_version_that_is_not_this_articles_is_not_found(
    desk_editor_client, world, version
):
    article = make_article()
    other = make_article()
    if version == "other":
        version = str(latest(other).history_id)
    url = f"{ARTICLES}{article.pk}/history/{version}/"
    assert desk_editor_client.get(url).status_code == 404
    assert desk_editor_client.post(url, {"seen": "1"}).status_code == 404


def test_a_post_without_the_pages_record_is_refused_naming_the_field(
    desk_editor_client, story
):
    article, review = story["article"], story["review"]
    response = desk_editor_client.post(version_url(article, review), {"seen": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["seen"] == ["Enter a whole number."]
    article.refresh_from_db()
    assert article.headline == "Harbour cranes idle for a week"
