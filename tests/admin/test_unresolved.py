"""The unresolved-links desk: titles waiting for an article, and the target picker."""

import re
from datetime import timedelta

import pytest

from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from articles.models import Article, RelatedLink, Section

from ..conftest import make_article, make_desk_user, make_link
from ..desk import ARTICLES

pytestmark = pytest.mark.django_db

UNRESOLVED = f"{ARTICLES}unresolved-links/"


def target_choices(client: Client, term: str) -> list[str]:
    """The headlines the link-target picker offers for ``term``, in order."""
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "relatedlink",
            "field_name": "target",
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def forms_on(html: str) -> list[str]:
    return re.findall(r"<form method=\"post\".*?</form>", html, re.DOTALL)


class UnresolvedLinksViewTests:
    def test_lists_each_missing_title_once_with_the_articles_using_it(
        self, desk_editor_client, world
    ):
        first = make_article(headline="Storm hits the coast")
        second = make_article(headline="Ferries cancelled")
        make_link(first, "Coastal towns evacuated")
        make_link(second, "Coastal Towns Evacuated [UPDATE]")
        make_link(second, "Port reopens")
        response = desk_editor_client.get(UNRESOLVED)
        assert response.status_code == 200
        assert "admin/articles/article/unresolved_links.html" in [
            t.name for t in response.templates
        ]
        html = response.content.decode()
        assert html.count("<h2 id=") == 2
        assert "Also written as: Coastal" in html
        assert "Coastal Towns Evacuated [UPDATE]" in html
        assert "Used by 2 links in:" in html
        assert first.headline in html and second.headline in html
        assert 'data-model-name="relatedlink"' in html
        assert "2 titles" in html

    def test_the_target_autocomplete_finds_articles_by_headline(
        self, desk_editor_client, world
    ):
        make_article(headline="Port strike ends")
        response = desk_editor_client.get(
            "/admin/autocomplete/",
            {
                "app_label": "articles",
                "model_name": "relatedlink",
                "field_name": "target",
                "term": "port strike",
            },
        )
        assert response.status_code == 200
        assert [r["text"] for r in response.json()["results"]] == ["Port strike ends"]

    def test_search_narrows_the_titles(self, desk_editor_client, world):
        article = make_article()
        make_link(article, "Coastal towns evacuated")
        make_link(article, "Port reopens")
        html = desk_editor_client.get(f"{UNRESOLVED}?q=port").content.decode()
        assert "Port reopens" in html
        assert "Coastal towns evacuated" not in html

    def test_picking_a_target_points_every_link_with_that_title(
        self, desk_editor_client, world
    ):
        one, two = make_article(), make_article()
        links = [
            make_link(one, "Evacuation order"),
            make_link(two, "evacuation order!"),
        ]
        target = make_article(headline="Thousands leave the coast")
        data = {
            "prefix": "title0",
            "title0-key": links[0].title_key,
            "title0-target": target.pk,
            "point": "Point these links at it",
        }
        response = desk_editor_client.post(UNRESOLVED, data, follow=True)
        assert "2 links titled" in response.content.decode()
        assert {link.target for link in RelatedLink.objects.all()} == {target}

    def test_creating_a_draft_resolves_every_link_naming_it(
        self, desk_editor_client, world
    ):
        one, two = (
            make_article(),
            make_article(section=Section.objects.get(slug="sport")),
        )
        make_link(one, "Final score [UPDATE]")
        make_link(two, "Final score")
        key = RelatedLink.objects.first().title_key
        response = desk_editor_client.post(
            UNRESOLVED,
            {"prefix": "title0", "title0-key": key, "create": "Create"},
            follow=True,
        )
        draft = Article.objects.get(headline="Final score")
        assert (draft.status, draft.label) == (Article.Status.DRAFT, "")
        assert draft.section.slug == "sport"
        assert {link.target for link in RelatedLink.objects.all()} == {draft}
        html = response.content.decode()
        assert "Created the draft" in html and "2 links now point at it." in html
        assert draft.history.get().history_user.username.startswith("editor")

    def test_a_title_resolved_meanwhile_is_reported_not_an_error(
        self, desk_editor_client, world
    ):
        response = desk_editor_client.post(
            UNRESOLVED,
            {"prefix": "title0", "title0-key": "gone", "create": "Create"},
            follow=True,
        )
        assert "no longer unresolved" in response.content.decode()


class DraftFromTitleTests:
    def test_the_draft_button_is_a_form_of_its_own_without_the_target_picker(
        self, desk_editor_client, world
    ):
        make_link(make_article(), "Ferry fares rise")
        html = desk_editor_client.get(UNRESOLVED).content.decode()
        create = [form for form in forms_on(html) if 'name="create"' in form]
        point = [form for form in forms_on(html) if 'name="point"' in form]
        assert len(create) == 1 and len(point) == 1
        # A browser refuses to send a form whose required field is hidden
        # (select2 hides the picker) and empty: the draft form has none.
        assert "required" not in create[0]
        assert "title0-target" not in create[0]
        assert 'name="title0-key"' in create[0]
        assert 'name="create"' not in point[0]

    def test_a_reporter_creates_a_draft_too(self, reporter_client, world):
        live = make_article()
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        make_link(live, "Ferry fares rise")
        make_link(draft, "Ferry fares rise")
        key = RelatedLink.objects.first().title_key
        response = reporter_client.post(
            UNRESOLVED,
            {"prefix": "title0", "title0-key": key, "create": "1"},
            follow=True,
        )
        created = Article.objects.get(headline="Ferry fares rise")
        assert created.status == Article.Status.DRAFT
        # Readers of the live article still see text: the target is a draft.
        assert {link.target for link in RelatedLink.objects.all()} == {created}
        assert "Created the draft" in response.content.decode()

    def test_a_user_who_may_not_add_articles_cannot_create_one(self, client, world):
        make_link(make_article(), "Ferry fares rise")
        viewer = make_desk_user("Reporter")
        viewer.groups.clear()
        viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
        client.force_login(viewer)
        assert client.get(UNRESOLVED).status_code == 200
        key = RelatedLink.objects.get().title_key
        response = client.post(UNRESOLVED, {"prefix": "t", "t-key": key, "create": "1"})
        assert response.status_code == 403
        assert not Article.objects.filter(headline="Ferry fares rise").exists()

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, world):
        make_link(make_article(), "Ferry fares rise")
        key = RelatedLink.objects.get().title_key
        assert client.get(UNRESOLVED)["Location"].startswith("/admin/login/")
        response = client.post(UNRESOLVED, {"prefix": "t", "t-key": key, "create": "1"})
        assert response["Location"].startswith("/admin/login/")
        assert not Article.objects.filter(headline="Ferry fares rise").exists()


class OwnHeadlineTests:
    """A link titled with its own article's headline is shown apart, with why."""

    @pytest.fixture
    def self_titled(self, world):
        article = make_article(
            headline="Harbour cranes idle",
            body="Dock workers walked out.\n\nRead Also: Harbour Cranes Idle",
        )
        article.sync_inline_links()
        make_link(make_article(), "Ferry fares rise")
        return article

    def test_listed_apart_with_the_reason_and_the_article(
        self, desk_editor_client, self_titled
    ):
        response = desk_editor_client.get(UNRESOLVED)
        html = response.content.decode()
        assert [group["titles"] for group in response.context["groups"]] == [
            ["Ferry fares rise"]
        ]
        assert "Titled with their own article’s headline (1)" in html
        assert "this is the article’s own headline, and a link never points at " in (
            html
        )
        own = html.split('class="module unresolved-own-headline"')[1]
        assert f'href="/admin/articles/article/{self_titled.pk}/change/"' in own
        assert "Read Also point 1 in the body, written “Harbour Cranes Idle”" in own
        assert "Create a draft" not in own
        assert "1 title" in html

    def test_the_article_list_counts_only_titles_waiting_for_an_article(
        self, desk_editor_client, self_titled
    ):
        html = desk_editor_client.get(ARTICLES).content.decode()
        assert "Unresolved links (1)" in html

    def test_a_search_narrows_them_too(self, desk_editor_client, self_titled):
        html = desk_editor_client.get(UNRESOLVED, {"q": "ferry"}).content.decode()
        assert "unresolved-own-headline" not in html
        html = desk_editor_client.get(UNRESOLVED, {"q": "cranes"}).content.decode()
        assert "Titled with their own article’s headline (1)" in html
        assert "No title is waiting for an article" not in html
        assert "No title waiting for an article matches “cranes”." in html

    def test_a_crafted_draft_for_one_is_refused_with_the_reason(
        self, desk_editor_client, self_titled
    ):
        response = desk_editor_client.post(
            UNRESOLVED,
            {"prefix": "t", "t-key": self_titled.headline_key, "create": "1"},
            follow=True,
        )
        assert (
            Article.objects.filter(headline_key=self_titled.headline_key).count() == 1
        )
        assert (
            "“Harbour Cranes Idle” is the headline of the article these links are "
            "on, and a link never points at its own article; no draft was created."
        ) in response.content.decode()

    def test_it_resolves_once_another_article_has_that_headline(
        self, desk_editor_client, self_titled
    ):
        other = make_article(headline="Harbour cranes idle")
        other.resolve_links_naming_it()
        assert self_titled.related_links.get().target == other
        html = desk_editor_client.get(UNRESOLVED).content.decode()
        assert "unresolved-own-headline" not in html

    def test_a_renamed_article_turns_it_into_an_ordinary_title(
        self, desk_editor_client, self_titled
    ):
        self_titled.headline = "Cranes stand idle for a week"
        self_titled.save()
        response = desk_editor_client.get(UNRESOLVED)
        titles = [group["titles"] for group in response.context["groups"]]
        assert ["Harbour Cranes Idle"] in titles
        assert "unresolved-own-headline" not in response.content.decode()


class TargetPickerTests:
    def test_the_exact_headline_comes_first_then_those_starting_with_it(
        self, desk_editor_client, world
    ):
        now = timezone.now()
        exact = make_article(
            headline="Harbour cranes idle", published_at=now - timedelta(days=30)
        )
        for number in range(25):
            make_article(
                headline=f"Why harbour cranes idle matters, part {number}",
                published_at=now - timedelta(hours=number + 1),
            )
        starting = make_article(
            headline="Harbour cranes idle for a second week [UPDATE]",
            published_at=now - timedelta(days=40),
        )
        drafted = make_article(
            headline="Harbour cranes idle: what next",
            status=Article.Status.DRAFT,
            published_at=None,
        )

        offered = target_choices(desk_editor_client, "Harbour cranes idle")

        assert len(offered) == 20  # the picker's page
        assert offered[0] == exact.headline
        assert offered[1:3] == [starting.headline, drafted.headline]
        assert offered[3] == "Why harbour cranes idle matters, part 0"

    def test_punctuation_and_case_do_not_matter(self, desk_editor_client, world):
        make_article(headline="Port strike: the end?")
        make_article(headline="Port strike ends as talks succeed")
        assert target_choices(desk_editor_client, "port strike the end")[0] == (
            "Port strike: the end?"
        )

    def test_without_a_term_the_newest_come_first(self, desk_editor_client, world):
        now = timezone.now()
        make_article(headline="Older", published_at=now - timedelta(days=2))
        make_article(headline="Newer", published_at=now - timedelta(days=1))
        assert target_choices(desk_editor_client, "")[:2] == ["Newer", "Older"]

    def test_a_reporter_gets_the_same_order_and_an_anonymous_visitor_nothing(
        self, reporter_client, world
    ):
        make_article(headline="Port strike ends soon")
        make_article(headline="Port strike ends")
        assert target_choices(reporter_client, "Port strike ends") == [
            "Port strike ends",
            "Port strike ends soon",
        ]
        response = Client().get(
            "/admin/autocomplete/",
            {
                "app_label": "articles",
                "model_name": "relatedlink",
                "field_name": "target",
                "term": "port",
            },
        )
        assert response.status_code == 302
