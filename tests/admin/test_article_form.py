"""The article form says where a story stands."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from django.utils import timezone

from articles.models import Article

from ..conftest import make_article
from ..desk import ARTICLES, change_url

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
