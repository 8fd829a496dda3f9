"""The body's live preview: the pages' renderer, for those who may write articles."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from articles.models import Article
from articles.text.plain_text import MAX_SEARCH_TEXT

from ..conftest import make_article, make_desk_user
from ..desk import change_url

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/articles/article/preview-body/"


def preview(client: Client, body: str, **extra) -> dict:
    response = client.post(PREVIEW, {"body": body, **extra})
    assert response.status_code == 200, response.content[:300]
    return response.json()


class RenderingTests:
    def test_the_preview_is_the_pages_rendering(self, reporter_client, world):
        data = preview(
            reporter_client,
            "A *fine* [link](https://example.org).\n\n- one\n- two\n\n<b>x</b>",
        )
        assert data == {
            "html": '<p>A <em>fine</em> <a href="https://example.org">link</a>.</p>\n'
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>&lt;b&gt;x&lt;/b&gt;</p>\n",
            "problems": [],
        }

    def test_read_also_points_link_to_the_live_articles_their_titles_name(
        self, reporter_client, world
    ):
        live = make_article(headline="Port strike ends")
        make_article(headline="Budget talks stall", status=Article.Status.DRAFT)
        html = preview(
            reporter_client,
            "Read Also: Port strike ends\n\nRead Also: Budget talks stall\n\n"
            "Read Also: A story nobody wrote",
        )["html"]
        assert f'<a href="{live.get_absolute_url()}">Port strike ends</a>' in html
        assert '<span class="unresolved-link">Budget talks stall</span>' in html
        assert '<span class="unresolved-link">A story nobody wrote</span>' in html
        assert "<!--" not in html

    def test_a_point_naming_the_article_itself_is_no_link(self, reporter_client, world):
        article = make_article(headline="Port strike ends")
        html = preview(
            reporter_client, "Read Also: Port strike ends", article=str(article.pk)
        )["html"]
        assert '<span class="unresolved-link">Port strike ends</span>' in html

    def test_what_the_form_would_refuse_is_named_with_the_preview(
        self, reporter_client, world
    ):
        data = preview(reporter_client, "> " * 10 + "deep\n\nA bell\x07.")
        assert data["problems"] == [
            "This text holds the control character U+0007 on line 3, column 7; "
            "remove it.",
            "Quotes and lists nest too deep here: what is inside the deepest one "
            "would not be shown. Take out a level (at most 9 quotes, or 4 lists, "
            "one inside another).",
        ]

    def test_a_body_over_the_article_limit_is_not_previewed(
        self, reporter_client, world
    ):
        response = reporter_client.post(PREVIEW, {"body": "a" * (MAX_SEARCH_TEXT + 1)})
        assert response.status_code == 413
        assert response.json() == {
            "error": "The body is 250,001 characters, over the 250,000 an article "
            "may have; it is not previewed."
        }


class AccessTests:
    def test_anonymous_users_are_sent_to_sign_in(self, client, world):
        response = client.post(PREVIEW, {"body": "*x*"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_a_reader_without_desk_access_is_sent_to_sign_in(self, client, world):
        reader = get_user_model().objects.create_user("reader", password="pw")
        client.force_login(reader)
        response = client.post(PREVIEW, {"body": "*x*"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_staff_who_may_not_write_articles_are_refused(self, client, world):
        viewer = get_user_model().objects.create_user("viewer", is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
        client.force_login(viewer)
        assert client.post(PREVIEW, {"body": "*x*"}).status_code == 403

    @pytest.mark.parametrize("group", ["Reporter", "Editor"])
    def test_reporters_and_editors_may_preview(self, client, world, group):
        client.force_login(make_desk_user(group))
        assert preview(client, "*x*")["html"] == "<p><em>x</em></p>\n"

    def test_a_get_is_refused(self, reporter_client, world):
        assert reporter_client.get(PREVIEW).status_code == 405

    def test_a_post_without_the_csrf_token_is_refused(self, world):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_desk_user("Editor"))
        assert client.post(PREVIEW, {"body": "*x*"}).status_code == 403


def test_the_body_field_brings_its_preview(desk_editor_client, world):
    article = make_article()
    html = desk_editor_client.get(change_url(article)).content.decode()
    assert f'data-preview-url="{PREVIEW}"' in html
    assert f'data-article="{article.pk}"' in html
    assert "js/body_preview.js" in html and "css/body_preview.css" in html
    add = desk_editor_client.get("/admin/articles/article/add/").content.decode()
    assert f'data-preview-url="{PREVIEW}"' in add and "data-article" not in add
