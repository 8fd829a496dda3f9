"""The desk's front page: what waits for whom, with times, links and counts."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.templatetags.desk import PANEL_SIZE

from ..conftest import make_article, make_link
from ..desk import ARTICLES, article_form_data, change_url

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


def make_started(user, **fields) -> Article:
    """An article whose first version ``user`` saved, as the add form records."""
    article = make_article(**fields)
    article.history.filter(history_type="+").update(history_user=user)
    return article


def draft_fields(**fields) -> dict:
    return {"status": Article.Status.DRAFT, "published_at": None, **fields}


def panel(html: str, key: str) -> str:
    """The HTML of one front-page panel."""
    match = re.search(rf'<section [^>]*id="desk-{key}".*?</section>', html, re.S)
    assert match, f"no {key} panel on the front page"
    return match.group(0)


def panel_keys(html: str) -> list[str]:
    return re.findall(r'<section [^>]*id="desk-([a-z]+)"', html)


@pytest.fixture
def front(desk_editor, reporter):
    """A desk's day: stories in every state, some started by each user."""
    return {
        "review": make_started(
            reporter,
            headline="Rail fares rise again",
            status=Article.Status.REVIEW,
            published_at=None,
        ),
        "editor review": make_started(
            desk_editor,
            headline="Ferry timetable changes",
            status=Article.Status.REVIEW,
            published_at=None,
        ),
        "scheduled": make_article(
            headline="Budget vote set for Friday",
            published_at=datetime(2031, 11, 29, 17, 22, tzinfo=UTC),
        ),
        "live": make_article(
            headline="Harbour cranes idle",
            label="REPORT",
            published_at=datetime(2024, 3, 1, 9, 5, tzinfo=UTC),
        ),
        "reporter draft": make_started(
            reporter, **draft_fields(headline="Council meets tonight")
        ),
        "editor draft": make_started(
            desk_editor, **draft_fields(headline="Floods reach the delta")
        ),
        "imported draft": make_article(**draft_fields(headline="Wire copy waits")),
    }


class EditorFrontTests:
    def test_lists_review_drafts_scheduled_published_and_unresolved_links(
        self, client, desk_editor, front, settings
    ):
        settings.TIME_ZONE = "UTC"
        make_link(front["live"], "A story nobody wrote")
        client.force_login(desk_editor)
        response = client.get(INDEX)
        assert response.status_code == 200
        html = response.content.decode()
        assert panel_keys(html) == [
            "review",
            "drafts",
            "scheduled",
            "published",
            "unresolved",
        ]

        review = panel(html, "review")
        assert 'In review <span class="desk-count">(2)</span>' in review
        assert "Rail fares rise again" in review and "Ferry timetable" in review
        assert f'href="{change_url(front["review"])}"' in review
        assert f'href="{ARTICLES}?state=review"' in review

        scheduled = panel(html, "scheduled")
        assert "Budget vote set for Friday" in scheduled
        assert (
            '<time datetime="2031-11-29T17:22:00+00:00">29 November 2031, 17:22 UTC'
            "</time>"
        ) in scheduled
        assert f'href="{ARTICLES}?state=scheduled"' in scheduled

        drafts = panel(html, "drafts")
        assert "Floods reach the delta" in drafts
        assert "Council meets tonight" not in drafts
        assert "Wire copy waits" not in drafts
        assert f'href="{ARTICLES}?state=draft&amp;by=me"' in drafts

        published = panel(html, "published")
        assert '<span class="desk-label">REPORT</span> Harbour cranes idle' in published
        assert "1 March 2024, 09:05 UTC" in published
        assert "Budget vote" not in published

        unresolved = panel(html, "unresolved")
        assert "1 title in related links names no article yet" in unresolved
        assert 'href="/admin/articles/article/unresolved-links/"' in unresolved

    def test_unresolved_titles_are_counted_as_the_article_list_counts_them(
        self, desk_editor_client, front
    ):
        make_link(front["live"], "A story nobody wrote")
        make_link(front["scheduled"], "a story NOBODY wrote")
        # Titled with its own article's headline: listed apart, not counted.
        make_link(front["live"], "Harbour cranes idle")
        html = desk_editor_client.get(INDEX).content.decode()
        assert "1 title in related links" in panel(html, "unresolved")
        listed = desk_editor_client.get(ARTICLES).content.decode()
        assert "Unresolved links (1)" in listed

    def test_the_app_list_stays_below_the_panels(self, desk_editor_client, front):
        response = desk_editor_client.get(INDEX)
        html = response.content.decode()
        assert "admin/app_list.html" in [t.name for t in response.templates]
        assert html.index('id="desk-unresolved"') < html.index("Photo credits")
        assert "Recent actions" in html

    def test_scheduled_articles_come_soonest_first_and_published_newest_first(
        self, desk_editor_client
    ):
        now = timezone.now()
        for hours in (5, 1, 3):
            make_article(
                headline=f"Due in {hours} hours",
                published_at=now + timedelta(hours=hours),
            )
            make_article(
                headline=f"Out {hours} hours ago",
                published_at=now - timedelta(hours=hours),
            )
        html = desk_editor_client.get(INDEX).content.decode()
        scheduled = re.findall(r"Due in (\d) hours", panel(html, "scheduled"))
        published = re.findall(r"Out (\d) hours ago", panel(html, "published"))
        assert scheduled == ["1", "3", "5"]
        assert published == ["1", "3", "5"]

    def test_a_long_panel_shows_the_first_few_and_counts_them_all(
        self, desk_editor_client
    ):
        for number in range(PANEL_SIZE + 4):
            make_article(
                headline=f"Waiting story {number}",
                status=Article.Status.REVIEW,
                published_at=None,
            )
        review = panel(desk_editor_client.get(INDEX).content.decode(), "review")
        assert review.count("Waiting story") == PANEL_SIZE
        assert f"({PANEL_SIZE + 4})" in review
        assert f"See all {PANEL_SIZE + 4}" in review

    def test_an_empty_desk_says_so_in_each_panel(self, desk_editor_client):
        html = desk_editor_client.get(INDEX).content.decode()
        assert "Nothing is waiting for an editor." in panel(html, "review")
        assert "No drafts of yours." in panel(html, "drafts")
        assert "Nothing is scheduled." in panel(html, "scheduled")
        assert "Nothing is live yet." in panel(html, "published")
        assert "Every related link points at an article" in panel(html, "unresolved")

    def test_times_are_in_the_sites_time_zone_with_its_name(
        self, desk_editor_client, settings
    ):
        settings.TIME_ZONE = "America/New_York"
        make_article(
            headline="Budget vote set for Friday",
            published_at=datetime(2031, 1, 10, 17, 22, tzinfo=UTC),
        )
        scheduled = panel(desk_editor_client.get(INDEX).content.decode(), "scheduled")
        assert "10 January 2031, 12:22 EST" in scheduled
        assert 'datetime="2031-01-10T12:22:00-05:00"' in scheduled

    def test_headlines_and_labels_are_text_never_markup(self, desk_editor_client):
        make_article(
            headline="<script>alert(1)</script> Harbour",
            label="<b>LIVE</b>",
            status=Article.Status.REVIEW,
            published_at=None,
        )
        review = panel(desk_editor_client.get(INDEX).content.decode(), "review")
        assert "<script>alert(1)</script>" not in review
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Harbour" in review
        assert "&lt;b&gt;LIVE&lt;/b&gt;" in review


class ReporterFrontTests:
    def test_a_reporter_sees_their_own_drafts_and_stories_in_review_first(
        self, client, reporter, front
    ):
        client.force_login(reporter)
        html = client.get(INDEX).content.decode()
        assert panel_keys(html) == [
            "drafts",
            "review",
            "scheduled",
            "published",
            "unresolved",
        ]
        drafts = panel(html, "drafts")
        assert "Council meets tonight" in drafts
        assert "Floods reach the delta" not in drafts
        review = panel(html, "review")
        assert "Yours in review" in review
        assert "Rail fares rise again" in review
        assert "Ferry timetable changes" not in review
        assert f'href="{ARTICLES}?state=review&amp;by=me"' in review

    def test_a_draft_the_reporter_adds_in_the_form_is_among_their_drafts(
        self, client, reporter, world
    ):
        client.force_login(reporter)
        response = client.post(
            f"{ARTICLES}add/",
            article_form_data(headline="Council meets tonight", section=world.pk),
        )
        assert response.status_code == 302
        drafts = panel(client.get(INDEX).content.decode(), "drafts")
        assert "Council meets tonight" in drafts
        assert "(1)" in drafts

    def test_see_all_opens_the_list_of_the_users_own_drafts(
        self, client, reporter, front
    ):
        client.force_login(reporter)
        response = client.get(f"{ARTICLES}?state=draft&by=me")
        assert response.status_code == 200
        listed = {article.headline for article in response.context["cl"].result_list}
        assert listed == {"Council meets tonight"}


def test_staff_who_may_not_see_articles_get_the_plain_index(client, front):
    clerk = get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="desk-front"' not in html
    assert "Rail fares rise again" not in html


def test_the_front_page_takes_the_same_few_queries_for_any_archive_size(
    client, desk_editor, reporter, django_assert_max_num_queries
):
    def add_stories(count: int) -> None:
        for number in range(count):
            state = number % 4
            make_started(
                desk_editor if number % 3 else reporter,
                headline=f"Story {number} of the archive",
                status=[
                    Article.Status.DRAFT,
                    Article.Status.REVIEW,
                    Article.Status.PUBLISHED,
                    Article.Status.PUBLISHED,
                ][state],
                published_at=[
                    None,
                    None,
                    timezone.now() + timedelta(hours=number + 1),
                    timezone.now() - timedelta(hours=number + 1),
                ][state],
            )

    client.force_login(desk_editor)
    # Enough that every panel is full, and counts its articles.
    add_stories(PANEL_SIZE * 8)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX).status_code == 200
    add_stories(300)
    assert Article.objects.count() > 300
    # The panels' own share: a list and a count each, and the links' count.
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(INDEX)
    assert len(many) == len(few)
    panels = [
        query["sql"]
        for query in many.captured_queries
        if '"articles_article"' in query["sql"]
        or '"articles_relatedlink"' in query["sql"]
    ]
    assert len(panels) <= 9
    assert f"See all {Article.objects.in_review().count()}" in (
        response.content.decode()
    )
