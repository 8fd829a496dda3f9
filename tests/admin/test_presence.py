"""Who else has a change form open: shown on the form, kept up by a heartbeat."""

import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from articles.admin.presence import PRESENCE_SECONDS
from articles.models import Article, Section

from ..conftest import make_article, make_desk_user
from ..desk import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_one_present():
    cache.clear()


@pytest.fixture
def story(world) -> Article:
    return make_article(headline="Harbour cranes stand idle")


def signed_in(group: str, **names) -> Client:
    client = Client()
    client.force_login(make_desk_user(group, **names))
    return client


def presence_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/presence/"


def test_the_form_says_who_else_has_it_open(story):
    first = signed_in("Editor", first_name="Edna", last_name="Editor")
    second = signed_in("Reporter", first_name="Ray", last_name="Reporter")

    alone = first.get(change_url(story)).content.decode()
    joined = second.get(change_url(story)).content.decode()

    assert "Nobody else has this open." in alone
    assert "Also open: Edna Editor (since " in joined
    assert "Ray Reporter" not in joined


def test_a_heartbeat_keeps_one_present_until_it_stops(story, monkeypatch):
    first = signed_in("Editor", first_name="Edna", last_name="Editor")
    second = signed_in("Editor", first_name="Sam", last_name="Second")
    first.post(presence_url(story), {"fingerprint": "", "opened": ""})

    asked = second.get(presence_url(story)).json()
    assert asked["others"].startswith("Also open: Edna Editor (since ")

    # A minute without a beat: she has left.
    later = time.time() + PRESENCE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert second.get(presence_url(story)).json()["others"] == (
        "Nobody else has this open."
    )


def test_a_heartbeat_says_who_changed_the_article_since_it_was_opened(story):
    editor = signed_in("Editor")
    page = editor.get(change_url(story)).content.decode()
    fingerprint = page.split('data-fingerprint="')[1].split('"')[0]
    opened = page.split('data-opened="')[1].split('"')[0]
    beat = {"fingerprint": fingerprint, "opened": opened}
    assert editor.post(presence_url(story), beat).json()["changed"] == ""

    other = make_desk_user("Editor", first_name="Sam", last_name="Second")
    story.dek = "Talks resume on Monday."
    story._history_user = other
    story.save()

    assert editor.post(presence_url(story), beat).json()["changed"] == "Sam Second"


def test_only_the_desk_may_ask_or_be_present(story, client):
    reader = get_user_model().objects.create_user("reader", password="pw")
    assert client.get(presence_url(story)).status_code == 302  # to sign in
    client.force_login(reader)
    assert client.post(presence_url(story), {}).status_code in {302, 403}
    assert client.get(presence_url(story)).status_code in {302, 403}
    editor = signed_in("Editor")
    assert editor.put(presence_url(story)).status_code == 405
    assert editor.get("/admin/articles/article/999999/presence/").status_code in {
        302,
        404,
    }


def test_sections_photos_and_credits_show_presence_too(world):
    first = signed_in("Editor", first_name="Edna", last_name="Editor")
    second = signed_in("Editor")
    url = f"/admin/articles/section/{Section.objects.get(slug='world').pk}/change/"
    first.get(url)
    assert "Also open: Edna Editor" in second.get(url).content.decode()


def test_with_the_cache_down_the_form_still_opens_and_saves(story, monkeypatch):
    def down(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    editor = signed_in("Editor")
    response = editor.get(change_url(story))
    assert response.status_code == 200
    assert "Nobody else has this open." in response.content.decode()
    assert editor.post(presence_url(story), {}).json()["others"] == (
        "Nobody else has this open."
    )
