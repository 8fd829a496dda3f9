"""Reporters write and send for review; editors publish. Enforced on the server."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models import Article, PhotoCredit, RelatedLink, Section

from ..conftest import (
    make_article,
    make_credit,
    make_desk_user,
    make_image,
    make_link,
    make_photo,
)
from ..desk import ARTICLES, action_data, article_form_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(world):
    draft = make_article(
        headline="Floods reach the delta", status="draft", published_at=None
    )
    make_link(draft, "A story nobody wrote")
    live = make_article(
        headline="Harbour cranes idle",
        lead_photo=make_photo(),
        tags=["ports"],
    )
    return {"draft": draft, "live": live}


def signed_in(group: str) -> Client:
    client = Client()
    client.force_login(make_desk_user(group))
    return client


def test_groups_come_from_a_migration_with_the_right_permissions(db):
    reporter = set(
        Group.objects.get(name="Reporter").permissions.values_list(
            "codename", flat=True
        )
    )
    editor = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    assert {"add_article", "change_article", "view_article"} <= reporter
    assert "publish_article" not in reporter
    assert "delete_article" not in reporter
    assert {"publish_article", "delete_article", "change_section"} <= editor
    assert {"change_photocredit", "delete_photocredit"} <= editor


@pytest.mark.parametrize("group", ["Reporter", "Editor"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        ARTICLES,
        f"{ARTICLES}add/",
        "DRAFT",
        "LIVE",
        "DRAFT_HISTORY",
        f"{ARTICLES}unresolved-links/",
        f"{ARTICLES}?state=draft",
        f"{ARTICLES}?state=review",
        f"{ARTICLES}?state=scheduled",
        f"{ARTICLES}?state=published",
        f"{ARTICLES}?section=SECTION",
        f"{ARTICLES}?label=REPORT",
        f"{ARTICLES}?published_at__gte=2020-01-01+00%3A00%3A00%2B00%3A00",
        f"{ARTICLES}?published_at__isnull=True",
        f"{ARTICLES}?published_at__year=2020",
        f"{ARTICLES}?tag=ports",
        f"{ARTICLES}?photo=picture",
        f"{ARTICLES}?photo=credit",
        f"{ARTICLES}?photo=none",
        f"{ARTICLES}?links=unresolved",
        f"{ARTICLES}?links=resolved",
        f"{ARTICLES}?q=harbour",
        "/admin/articles/section/",
        "/admin/articles/photo/",
        "/admin/articles/photo/add/",
        "/admin/articles/photocredit/",
        "/admin/articles/relatedlink/",
    ],
)
def test_desk_pages_load_for_every_role(stories, group, url):
    url = (
        url.replace("DRAFT_HISTORY", f"{ARTICLES}{stories['draft'].pk}/history/")
        .replace("DRAFT", change_url(stories["draft"]))
        .replace("LIVE", change_url(stories["live"]))
        .replace("SECTION", str(Section.objects.get(slug="world").pk))
    )
    assert signed_in(group).get(url).status_code == 200


class ReporterTests:
    def test_reporter_form_offers_no_way_to_publish_or_schedule(
        self, reporter_client, stories
    ):
        response = reporter_client.get(change_url(stories["draft"]))
        form = response.context["adminform"].form
        assert [value for value, _label in form.fields["status"].choices] == [
            "draft",
            "review",
        ]
        assert "published_at" not in form.fields
        html = response.content.decode()
        assert 'name="published_at_0"' not in html
        assert '<option value="published"' not in html
        assert "Not set. An editor sets it when publishing or scheduling." in html

    def test_reporter_sees_no_publishing_actions(self, reporter_client, stories):
        response = reporter_client.get(ARTICLES)
        actions = {
            name
            for name, _label in response.context["action_form"].fields["action"].choices
        }
        assert "publish_now" not in actions
        assert "unpublish" not in actions
        assert "delete_selected" not in actions
        assert {"submit_for_review", "move_to_section", "resolve_links_again"} <= (
            actions
        )
        assert "Publish now" not in response.content.decode()

    def test_reporter_creates_a_draft_and_submits_it_for_review(
        self, reporter_client, world
    ):
        data = article_form_data(
            headline="Council meets tonight", body="Agenda.", section=world.pk
        )
        assert reporter_client.post(f"{ARTICLES}add/", data).status_code == 302
        article = Article.objects.get(headline="Council meets tonight")
        assert article.status == Article.Status.DRAFT
        reporter_client.post(ARTICLES, action_data("submit_for_review", article))
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW

    def test_posting_published_status_is_refused_with_a_clear_message(
        self, reporter_client, world
    ):
        data = article_form_data(
            headline="Sneaky story",
            body="Text.",
            section=world.pk,
            status="published",
            published_at_0="2020-01-01",
            published_at_1="10:00:00",
        )
        response = reporter_client.post(f"{ARTICLES}add/", data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["status"] == [
            "Only editors can publish or schedule an article; choose “In review” "
            "to send it to the desk."
        ]
        assert not Article.objects.filter(headline="Sneaky story").exists()

    def test_a_posted_publication_time_is_ignored(self, reporter_client, stories):
        draft = stories["draft"]
        data = article_form_data(
            draft,
            status="review",
            published_at_0=(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d"),
            published_at_1="09:00:00",
        )
        assert reporter_client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        assert (draft.status, draft.published_at) == (Article.Status.REVIEW, None)

    @pytest.mark.parametrize("action", ["publish_now", "unpublish", "delete_selected"])
    def test_publishing_and_deleting_actions_are_refused_on_post(
        self, reporter_client, stories, action
    ):
        before = {a.pk: (a.status, a.published_at) for a in Article.objects.all()}
        response = reporter_client.post(
            ARTICLES,
            action_data(action, stories["draft"], stories["live"], post="yes"),
            follow=True,
        )
        assert "No action selected." in response.content.decode()
        after = {a.pk: (a.status, a.published_at) for a in Article.objects.all()}
        assert after == before

    def test_reporter_cannot_change_a_published_article(self, reporter_client, stories):
        live = stories["live"]
        page = reporter_client.get(change_url(live))
        assert page.status_code == 200
        assert "View article" in page.content.decode()
        data = article_form_data(live, headline="Rewritten by a reporter")
        assert reporter_client.post(change_url(live), data).status_code == 403
        live.refresh_from_db()
        assert live.headline == "Harbour cranes idle"

    def test_reporter_cannot_move_a_published_article(self, reporter_client, stories):
        sport = Section.objects.get(slug="sport")
        data = action_data(
            "move_to_section",
            stories["draft"],
            stories["live"],
            apply="Move",
            section=sport.pk,
        )
        response = reporter_client.post(ARTICLES, data, follow=True)
        html = response.content.decode()
        assert "Moved 1 article to Sport." in html
        assert "Only editors can move published articles: “Harbour cranes idle”" in html
        stories["live"].refresh_from_db()
        assert stories["live"].section.slug == "world"

    def test_reporter_cannot_delete_or_merge(self, reporter_client, stories):
        response = reporter_client.post(
            f"{ARTICLES}{stories['draft'].pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
        assert Article.objects.filter(pk=stories["draft"].pk).exists()
        credits = [make_credit("Jane Doe/Reuters"), make_credit("JANE DOE/REUTERS")]
        reporter_client.post(
            "/admin/articles/photocredit/",
            {
                "action": "merge_credits",
                "_selected_action": [c.pk for c in credits],
                "apply": "Merge",
                "keep": credits[0].pk,
            },
        )
        assert PhotoCredit.objects.filter(pk=credits[1].pk).exists()

    def test_reporter_resolves_links_and_creates_drafts_from_unresolved_titles(
        self, reporter_client, stories
    ):
        url = f"{ARTICLES}unresolved-links/"
        key = stories["draft"].related_links.get().title_key
        reporter_client.post(url, {"prefix": "t", "t-key": key, "create": "Create"})
        created = Article.objects.get(headline="A story nobody wrote")
        assert created.status == Article.Status.DRAFT
        assert stories["draft"].related_links.get().target == created


class EditorTests:
    def test_editor_publishes_through_the_form(self, desk_editor_client, stories):
        draft = stories["draft"]
        data = article_form_data(draft, status="published")
        assert desk_editor_client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        assert draft.is_published

    def test_editor_schedules_through_the_form(self, desk_editor_client, stories):
        draft = stories["draft"]
        when = timezone.now() + timedelta(days=2)
        data = article_form_data(
            draft,
            status="published",
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1=when.strftime("%H:%M:%S"),
        )
        assert desk_editor_client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        assert draft.is_scheduled

    def test_editor_edits_a_published_article(self, desk_editor_client, stories):
        live = stories["live"]
        data = article_form_data(live, headline="Harbour cranes idle for a week")
        assert desk_editor_client.post(change_url(live), data).status_code == 302
        live.refresh_from_db()
        assert live.headline == "Harbour cranes idle for a week"

    def test_editor_sees_every_action(self, desk_editor_client, stories):
        response = desk_editor_client.get(ARTICLES)
        actions = {
            name
            for name, _label in response.context["action_form"].fields["action"].choices
        }
        assert {
            "publish_now",
            "unpublish",
            "submit_for_review",
            "move_to_section",
            "resolve_links_again",
            "delete_selected",
        } <= actions

    def test_editor_deletes_an_article(self, desk_editor_client, stories):
        response = desk_editor_client.post(
            f"{ARTICLES}{stories['draft'].pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302
        assert not Article.objects.filter(pk=stories["draft"].pk).exists()


def test_a_staff_user_without_a_group_cannot_open_articles(db, client):
    user = make_desk_user("Reporter")
    user.groups.clear()
    client.force_login(user)
    assert client.get(ARTICLES).status_code == 403


@pytest.fixture
def live_story(world):
    """A published article with a lead photo and a link, and a draft beside it."""
    photo = make_photo(image=make_image(), alt_text="Idle cranes", caption="Cranes")
    live = make_article(headline="Harbour cranes idle", lead_photo=photo)
    make_link(live, "Port strike ends")
    draft = make_article(headline="Council meets", status="draft", published_at=None)
    return {"live": live, "draft": draft, "photo": photo}


LINKS = "/admin/articles/relatedlink/"
PHOTOS = "/admin/articles/photo/"


def link_form(article: Article, **overrides) -> dict:
    return {
        "article": article.pk,
        "placement": "after",
        "position": 5,
        "title": "Read this instead",
        "target": "",
        "url": "https://evil.example/added",
        **overrides,
    }


class ReporterAndLiveArticlesTests:
    def test_reporter_cannot_add_a_link_to_a_published_article(
        self, reporter_client, live_story
    ):
        response = reporter_client.post(f"{LINKS}add/", link_form(live_story["live"]))
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["article"] == [
            "Only editors can change what readers see of a published or scheduled "
            "article, and “Harbour cranes idle” is one. Pick a draft, or ask an "
            "editor."
        ]
        assert not RelatedLink.objects.filter(url__contains="evil.example").exists()

    def test_reporter_still_adds_links_to_a_draft(self, reporter_client, live_story):
        response = reporter_client.post(f"{LINKS}add/", link_form(live_story["draft"]))
        assert response.status_code == 302
        assert live_story["draft"].related_links.get().url == (
            "https://evil.example/added"
        )

    def test_reporter_cannot_move_a_draft_link_onto_a_published_article(
        self, reporter_client, live_story
    ):
        link = make_link(live_story["draft"], "Council agenda")
        response = reporter_client.post(
            f"{LINKS}{link.pk}/change/", link_form(live_story["live"])
        )
        assert "Only editors can" in response.content.decode()
        link.refresh_from_db()
        assert link.article == live_story["draft"]

    def test_reporter_sees_a_live_articles_link_read_only_and_cannot_post(
        self, reporter_client, live_story
    ):
        link = live_story["live"].related_links.get()
        page = reporter_client.get(f"{LINKS}{link.pk}/change/")
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        change = reporter_client.post(
            f"{LINKS}{link.pk}/change/", link_form(live_story["live"])
        )
        delete = reporter_client.post(f"{LINKS}{link.pk}/delete/", {"post": "yes"})
        assert (change.status_code, delete.status_code) == (403, 403)
        link.refresh_from_db()
        assert (link.title, link.url) == ("Port strike ends", "")

    def test_reporter_cannot_bulk_delete_a_live_articles_links(
        self, reporter_client, live_story
    ):
        link = live_story["live"].related_links.get()
        response = reporter_client.post(
            LINKS,
            {"action": "delete_selected", "_selected_action": [link.pk], "post": "yes"},
        )
        assert response.status_code == 403
        assert RelatedLink.objects.filter(pk=link.pk).exists()

    def test_reporter_cannot_change_a_live_lead_photo(
        self, reporter_client, live_story
    ):
        photo = live_story["photo"]
        page = reporter_client.get(f"{PHOTOS}{photo.pk}/change/")
        assert page.status_code == 200
        assert 'name="caption"' not in page.content.decode()
        response = reporter_client.post(
            f"{PHOTOS}{photo.pk}/change/",
            {
                "caption": "Changed by a reporter",
                "alt_text": "x",
                "image": make_image(),
            },
        )
        assert response.status_code == 403
        photo.refresh_from_db()
        assert photo.caption == "Cranes"
        assert photo.image.name.endswith("crane.png")

    def test_reporter_still_edits_a_photo_no_live_article_shows(
        self, reporter_client, live_story
    ):
        photo = make_photo(caption="Spare")
        response = reporter_client.post(
            f"{PHOTOS}{photo.pk}/change/",
            {"caption": "Better caption", "alt_text": "", "credit": photo.credit_id},
        )
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.caption == "Better caption"

    def test_point_button_leaves_live_articles_links_for_an_editor(
        self, reporter_client, live_story
    ):
        live_link = make_link(live_story["live"], "Ferry fares rise")
        draft_link = make_link(live_story["draft"], "Ferry fares rise")
        target = make_article(headline="Fares go up by a tenth")
        response = reporter_client.post(
            f"{ARTICLES}unresolved-links/",
            {
                "prefix": "t",
                "t-key": live_link.title_key,
                "t-target": target.pk,
                "point": "Point these links at it",
            },
            follow=True,
        )
        html = response.content.decode()
        assert "1 link titled “Ferry fares rise” now points at" in html
        assert "1 link on published or scheduled articles was left for an editor" in (
            html
        )
        live_link.refresh_from_db()
        draft_link.refresh_from_db()
        assert (live_link.target, draft_link.target) == (None, target)

    def test_the_desk_marks_links_only_an_editor_may_point(
        self, reporter_client, live_story
    ):
        make_link(live_story["live"], "Ferry fares rise")
        html = reporter_client.get(f"{ARTICLES}unresolved-links/").content.decode()
        assert "published or scheduled: editors only" in html
        assert "these links are left for an editor." in html

    def test_resolving_links_again_leaves_live_articles_to_an_editor(
        self, reporter_client, live_story
    ):
        elsewhere = make_article(headline="Dock talks resume")
        make_article(headline="Council agenda published")
        live_link = make_link(
            live_story["live"], "Council agenda published", target=elsewhere
        )
        draft_link = make_link(
            live_story["draft"], "Council agenda published", target=elsewhere
        )
        response = reporter_client.post(
            ARTICLES,
            action_data("resolve_links_again", live_story["live"], live_story["draft"]),
            follow=True,
        )
        html = response.content.decode()
        assert "1 related link now points at a different article." in html
        assert "The links of 1 published or scheduled article was left" in html
        live_link.refresh_from_db()
        draft_link.refresh_from_db()
        assert live_link.target == elsewhere
        assert draft_link.target.headline == "Council agenda published"

    def test_a_scheduled_article_is_the_editors_too(self, reporter_client, world):
        scheduled = make_article(
            headline="Budget vote set",
            published_at=timezone.now() + timedelta(hours=3),
            lead_photo=make_photo(caption="The chamber"),
        )
        response = reporter_client.post(f"{LINKS}add/", link_form(scheduled))
        assert "Only editors can" in response.content.decode()
        photo_url = f"{PHOTOS}{scheduled.lead_photo_id}/change/"
        assert reporter_client.post(photo_url, {"caption": "x"}).status_code == 403


class EditorAndLiveArticlesTests:
    def test_editor_adds_and_retargets_links_on_a_live_article(
        self, desk_editor_client, live_story
    ):
        live = live_story["live"]
        assert desk_editor_client.post(f"{LINKS}add/", link_form(live)).status_code == (
            302
        )
        link = live.related_links.get(title="Port strike ends")
        target = make_article(headline="Strike over")
        response = desk_editor_client.post(
            f"{LINKS}{link.pk}/change/",
            link_form(live, title=link.title, url="", target=target.pk, position=0),
        )
        assert response.status_code == 302
        link.refresh_from_db()
        assert link.target == target

    def test_editor_changes_a_live_lead_photo(self, desk_editor_client, live_story):
        photo = live_story["photo"]
        response = desk_editor_client.post(
            f"{PHOTOS}{photo.pk}/change/",
            # A live picture keeps its credit: the form is sent with it.
            {
                "caption": "Cranes at dawn",
                "alt_text": "Idle cranes",
                "credit": photo.credit_id,
            },
        )
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.caption == "Cranes at dawn"

    def test_editor_points_every_link_on_the_desk(self, desk_editor_client, live_story):
        live_link = make_link(live_story["live"], "Ferry fares rise")
        target = make_article(headline="Fares go up by a tenth")
        response = desk_editor_client.post(
            f"{ARTICLES}unresolved-links/",
            {"prefix": "t", "t-key": live_link.title_key, "t-target": target.pk},
            follow=True,
        )
        assert "left for an editor" not in response.content.decode()
        live_link.refresh_from_db()
        assert live_link.target == target
