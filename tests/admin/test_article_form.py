"""The article form says where a story stands, and starts with its writer's byline."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from django.utils import timezone

from articles.models import Article

from ..conftest import make_article, make_desk_user
from ..desk import ARTICLES, article_form_data, change_url

pytestmark = pytest.mark.django_db

ADD = f"{ARTICLES}add/"


def header_state(html: str) -> str:
    """The state line under the headline at the top of the form."""
    match = re.search(r'<p class="publication-state state-(\w+)">(.*?)</p>', html)
    assert match, "the form's header says nothing of the article's state"
    return f"{match.group(1)}: {match.group(2)}"


def publishing_state(html: str) -> str:
    """The state line in the Publishing group, beside the status field."""
    match = re.search(
        r'<div class="form-row field-current_state">.*?'
        r'<strong class="publication-state state-(\w+)">(.*?)</strong>',
        html,
        re.S,
    )
    assert match, "the Publishing group says nothing of the article's state"
    return f"{match.group(1)}: {match.group(2)}"


def byline_input(html: str) -> str:
    match = re.search(r'<input type="text" name="byline"[^>]*>', html)
    assert match, "the form has no byline field"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


class StateLineTests:
    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            (
                {"published_at": datetime(2031, 11, 29, 17, 22, tzinfo=UTC)},
                'scheduled: Scheduled for <time datetime="2031-11-29T17:22:00+00:00">'
                "29 November 2031, 17:22 UTC</time>",
            ),
            (
                {"published_at": datetime(2024, 3, 1, 9, 5, tzinfo=UTC)},
                'live: Live since <time datetime="2024-03-01T09:05:00+00:00">'
                "1 March 2024, 09:05 UTC</time>",
            ),
            (
                {"status": Article.Status.DRAFT, "published_at": None},
                "draft: Draft",
            ),
            (
                {"status": Article.Status.REVIEW, "published_at": None},
                "review: In review",
            ),
        ],
    )
    def test_the_form_says_where_the_article_stands_in_its_header_and_beside_status(
        self, desk_editor_client, settings, fields, expected
    ):
        settings.TIME_ZONE = "UTC"
        article = make_article(**fields)
        response = desk_editor_client.get(change_url(article))
        assert response.status_code == 200
        html = response.content.decode()
        assert header_state(html) == expected
        assert publishing_state(html) == expected
        # The state comes just before the status field it explains.
        assert html.index("field-current_state") < html.index('name="status"')

    def test_the_time_is_in_the_sites_zone_with_its_name(
        self, desk_editor_client, settings
    ):
        settings.TIME_ZONE = "Europe/Paris"
        article = make_article(published_at=datetime(2031, 7, 1, 15, 22, tzinfo=UTC))
        html = desk_editor_client.get(change_url(article)).content.decode()
        assert "Scheduled for" in header_state(html)
        assert "1 July 2031, 17:22 CEST" in header_state(html)

    def test_a_reporter_reading_a_scheduled_article_sees_when_it_goes_live(
        self, reporter_client
    ):
        article = make_article(published_at=timezone.now() + timedelta(hours=2))
        response = reporter_client.get(change_url(article))
        assert response.status_code == 200
        html = response.content.decode()
        # Read only for a reporter, yet it says what will happen.
        assert 'name="status"' not in html
        assert header_state(html).startswith("scheduled: Scheduled for")
        assert publishing_state(html).startswith("scheduled: Scheduled for")

    def test_a_scheduled_article_reads_live_once_its_time_has_passed(
        self, desk_editor_client
    ):
        article = make_article(published_at=timezone.now() + timedelta(minutes=5))
        html = desk_editor_client.get(change_url(article)).content.decode()
        assert header_state(html).startswith("scheduled: ")
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timedelta(minutes=1)
        )
        html = desk_editor_client.get(change_url(article)).content.decode()
        assert header_state(html).startswith("live: Live since")

    def test_the_add_form_says_the_article_is_not_saved_yet(self, desk_editor_client):
        html = desk_editor_client.get(ADD).content.decode()
        assert "New, not saved yet" in html
        assert 'class="publication-state' not in html


class BylineDefaultTests:
    def test_a_new_article_starts_with_the_writers_full_name(
        self, reporter_client, reporter
    ):
        html = reporter_client.get(ADD).content.decode()
        assert byline_input(html) == "Ray Reporter"

    def test_the_writer_may_change_it_before_saving(self, reporter_client, world):
        response = reporter_client.post(
            ADD,
            article_form_data(
                headline="Council meets tonight",
                section=world.pk,
                byline="Ray Reporter and Wire Staff",
            ),
        )
        assert response.status_code == 302
        article = Article.objects.get(headline="Council meets tonight")
        assert article.byline == "Ray Reporter and Wire Staff"

    def test_an_emptied_byline_stays_empty(self, reporter_client, world):
        reporter_client.post(
            ADD,
            article_form_data(headline="Council meets tonight", section=world.pk),
        )
        assert Article.objects.get(headline="Council meets tonight").byline == ""

    def test_a_writer_with_only_a_first_name_gets_that(self, client):
        client.force_login(make_desk_user("Reporter", first_name="Ray"))
        assert byline_input(client.get(ADD).content.decode()) == "Ray"

    def test_a_writer_without_a_name_starts_with_no_byline_not_their_username(
        self, client
    ):
        client.force_login(make_desk_user("Reporter", username="rreporter7"))
        html = client.get(ADD).content.decode()
        assert byline_input(html) == ""
        assert "rreporter7" not in re.search(
            r'<input type="text" name="byline"[^>]*>', html
        ).group(0)

    def test_a_name_the_byline_field_would_refuse_is_not_offered(self, client):
        client.force_login(
            make_desk_user("Reporter", first_name="Ray\x07", last_name="Reporter")
        )
        assert byline_input(client.get(ADD).content.decode()) == ""
        client.force_login(
            make_desk_user("Reporter", first_name="R" * 150, last_name="S" * 150)
        )
        assert byline_input(client.get(ADD).content.decode()) == ""

    def test_a_byline_given_in_the_address_wins(self, reporter_client):
        html = reporter_client.get(f"{ADD}?byline=Wire+Staff").content.decode()
        assert byline_input(html) == "Wire Staff"

    def test_an_existing_articles_byline_is_left_as_it_is(self, reporter_client):
        article = make_article(
            byline="", status=Article.Status.DRAFT, published_at=None
        )
        html = reporter_client.get(change_url(article)).content.decode()
        assert byline_input(html) == ""
