"""Signed preview links: staff read a draft or scheduled article before readers."""

import time
from datetime import timedelta

import pytest

from django.contrib.auth.models import Permission
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.preview import make_preview_token, preview_url, read_preview_token

from .conftest import make_article, make_desk_user
from .desk import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world) -> Article:
    return make_article(
        headline="Embargoed budget story",
        body="The budget adds a new tax.\n\n## Who pays\n\nEveryone.",
        status=Article.Status.DRAFT,
        published_at=None,
    )


def test_a_token_names_its_article_and_cannot_be_altered(draft):
    token = make_preview_token(draft)
    assert read_preview_token(token) == draft.pk
    with pytest.raises(signing.BadSignature):
        read_preview_token(token.replace(str(draft.pk), str(draft.pk + 1), 1))


def test_staff_open_the_preview_of_a_draft_as_readers_will_see_it(
    reporter_client, draft
):
    response = reporter_client.get(preview_url(draft))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Embargoed budget story" in html
    assert "Who pays" in html
    assert "readers cannot see" in html.lower()
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_scheduled_article_can_be_previewed_before_its_time(
    desk_editor_client, world
):
    scheduled = make_article(
        headline="Budget day", published_at=timezone.now() + timedelta(hours=6)
    )
    assert Client().get(scheduled.get_absolute_url()).status_code == 404
    response = desk_editor_client.get(preview_url(scheduled))
    assert response.status_code == 200
    assert "Budget day" in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, draft):
    url = preview_url(draft)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert "Embargoed" not in response.content.decode()


def test_signed_in_readers_who_are_not_staff_cannot_open_it(
    client, draft, django_user_model
):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    response = client.get(preview_url(draft))
    assert response.status_code == 403
    assert "articles/preview_unavailable.html" in [t.name for t in response.templates]
    assert "Only newsroom staff can open preview links." in response.content.decode()
    assert "Embargoed" not in response.content.decode()


def test_an_expired_link_says_so_and_how_to_get_a_new_one(
    reporter_client, draft, monkeypatch
):
    three_days_ago = time.time() - 3 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: three_days_ago)
    url = preview_url(draft)
    monkeypatch.undo()
    response = reporter_client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This preview link has expired: links work for 48 hours." in html
    assert "Embargoed" not in html


def test_the_expiry_is_a_setting(reporter_client, draft, settings, monkeypatch):
    settings.ARTICLE_PREVIEW_MAX_AGE = timedelta(minutes=5)
    ten_minutes_ago = time.time() - 600
    monkeypatch.setattr(signing.time, "time", lambda: ten_minutes_ago)
    url = preview_url(draft)
    monkeypatch.undo()
    assert reporter_client.get(url).status_code == 410


def test_a_made_up_token_is_not_found_with_a_message(reporter_client, draft):
    response = reporter_client.get("/preview/12:abc:forged/")
    assert response.status_code == 404
    assert "This is not a valid preview link." in response.content.decode()


def test_the_preview_of_a_deleted_article_is_not_found(reporter_client, draft):
    url = preview_url(draft)
    draft.delete()
    assert reporter_client.get(url).status_code == 404


def test_the_change_form_offers_a_preview_for_drafts_and_scheduled_articles(
    desk_editor_client, draft
):
    html = desk_editor_client.get(change_url(draft)).content.decode()
    assert 'class="viewsitelink previewlink"' in html
    assert "/preview/" in html
    assert "View on site" not in html


def test_live_articles_offer_view_on_site_instead_of_a_preview(
    desk_editor_client, world
):
    live = make_article()
    html = desk_editor_client.get(change_url(live)).content.decode()
    assert "previewlink" not in html
    assert "View on site" in html


def test_a_reporter_gets_a_preview_link_too(client, draft):
    client.force_login(make_desk_user("Reporter"))
    html = client.get(change_url(draft)).content.decode()
    assert "previewlink" in html


@pytest.mark.parametrize(
    "staff, codenames, sees",
    [
        (True, ["view_article"], True),
        (False, ["view_article", "change_article"], False),
        (True, [], False),
    ],
    ids=["staff-who-view", "not-staff-with-change", "staff-without-view"],
)
def test_the_site_and_the_preview_link_agree_on_who_sees_drafts(
    client, draft, django_user_model, staff, codenames, sees
):
    user = django_user_model.objects.create_user("someone", is_staff=staff)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)

    page = client.get(draft.get_absolute_url())
    preview = client.get(preview_url(draft))

    assert (page.status_code == 200) is sees
    assert (preview.status_code == 200) is sees
    assert ("Embargoed budget story" in page.content.decode()) is sees
