"""Two people, one story: a form saved after someone else's save never overwrites it."""

import re
from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from articles.ingest import import_seeds
from articles.models import Article, Photo, RelatedLink, Section

from ..conftest import make_article, make_credit, make_desk_user, make_link
from ..desk import article_form_data, change_url, opened_state

pytestmark = pytest.mark.django_db

REFUSED = "Not saved:"


def signed_in(group: str, **names) -> Client:
    client = Client()
    client.force_login(make_desk_user(group, **names))
    return client


def field_value(response, name: str) -> str:
    """What the form shows in a text input or textarea."""
    page = response.content.decode()
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    if match is None:
        match = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    assert match, f"no field {name}"
    return match.group(1)


@pytest.fixture
def story(world) -> Article:
    return make_article(
        headline="Harbour cranes stand idle",
        dek="Dock workers walked out.",
        status=Article.Status.DRAFT,
        published_at=None,
    )


def test_a_form_opened_before_anothers_save_is_refused_and_merges_their_change(story):
    first = signed_in("Editor", first_name="Edna", last_name="Editor")
    second = signed_in("Editor", first_name="Sam", last_name="Second")
    opened_by_first = opened_state(first.get(change_url(story)))
    opened_by_second = opened_state(second.get(change_url(story)))

    second.post(
        change_url(story),
        article_form_data(
            story, dek="Talks resume on Monday.", opened_state=opened_by_second
        ),
    )
    response = first.post(
        change_url(story),
        article_form_data(
            story, headline="Harbour cranes idle", opened_state=opened_by_first
        ),
    )

    story.refresh_from_db()
    assert (story.headline, story.dek) == (
        "Harbour cranes stand idle",
        "Talks resume on Monday.",
    )
    page = response.content.decode()
    assert response.status_code == 200 and REFUSED in page
    assert "Sam Second changed this since you opened it" in page
    assert "now “Talks resume on Monday.”" in page
    # Their dek is in the form now; the headline typed is still there.
    assert field_value(response, "dek") == "Talks resume on Monday."
    assert field_value(response, "headline") == "Harbour cranes idle"

    again = first.post(
        change_url(story),
        article_form_data(
            story,
            headline="Harbour cranes idle",
            dek=field_value(response, "dek"),
            opened_state=opened_state(response),
        ),
    )
    assert again.status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.dek) == (
        "Harbour cranes idle",
        "Talks resume on Monday.",
    )


def test_when_both_change_the_same_field_the_form_keeps_yours_and_shows_theirs(
    story,
):
    first, second = signed_in("Editor"), signed_in("Reporter")
    opened = opened_state(first.get(change_url(story)))
    second.post(
        change_url(story),
        article_form_data(
            story,
            dek="Theirs.",
            opened_state=opened_state(second.get(change_url(story))),
        ),
    )

    response = first.post(
        change_url(story), article_form_data(story, dek="Mine.", opened_state=opened)
    )

    assert Article.objects.get(pk=story.pk).dek == "Theirs."
    page = response.content.decode()
    assert "now “Theirs.” (you changed it too: your version is kept in the form)" in (
        page
    )
    assert field_value(response, "dek") == "Mine."


def test_tags_and_links_changed_meanwhile_refuse_the_save_too(story):
    editor = signed_in("Editor")
    opened = opened_state(editor.get(change_url(story)))
    story.tags.add("Port strike")
    make_link(story, "Ferry crews vote", placement=RelatedLink.Placement.AFTER)

    response = editor.post(
        change_url(story),
        article_form_data(story, headline="Cranes idle", opened_state=opened),
    )

    page = response.content.decode()
    assert REFUSED in page
    assert "Tags: now “Port strike”" in page
    assert "Links after the body: now “Ferry crews vote”" in page
    assert Article.objects.get(pk=story.pk).headline == "Harbour cranes stand idle"


def test_an_action_between_opening_and_saving_is_reported_as_the_change(story):
    editor = signed_in("Editor", first_name="Edna", last_name="Editor")
    opened = opened_state(editor.get(change_url(story)))
    publisher = make_desk_user("Editor", first_name="Pat", last_name="Publisher")
    Client().force_login(publisher)
    story.publish()  # as the "Publish now" action does

    response = editor.post(
        change_url(story),
        article_form_data(
            story, status=Article.Status.DRAFT, dek="New dek.", opened_state=opened
        ),
    )

    assert REFUSED in response.content.decode()
    story.refresh_from_db()
    # The form would have unpublished the story; it is still live.
    assert story.is_published and story.dek == "Dock workers walked out."


def test_an_import_updates_an_open_article_and_the_form_reports_it(world, tmp_path):
    (tmp_path / "001_cranes.txt").write_text(
        "Harbour cranes stand idle\n\nDock workers walked out.\n"
    )
    import_seeds([tmp_path])
    article = Article.objects.get(source_id="cranes")
    editor = signed_in("Editor")
    opened = opened_state(editor.get(change_url(article)))

    # The wire sends a new version while the form is open: the article is
    # still as imported, so the import updates it.
    (tmp_path / "001_cranes.txt").write_text(
        "Harbour cranes stand idle\n\nDock workers walked out at dawn.\n"
    )
    import_seeds([tmp_path])
    article.refresh_from_db()
    assert article.body == "Dock workers walked out at dawn."

    response = editor.post(
        change_url(article),
        article_form_data(
            article, body="Dock workers walked out.", opened_state=opened
        ),
    )
    page = response.content.decode()
    assert REFUSED in page
    assert "the importer (Re-imported from " in page
    article.refresh_from_db()
    assert article.body == "Dock workers walked out at dawn."


def test_a_save_with_nothing_changed_meanwhile_goes_through(story):
    editor = signed_in("Editor")
    opened = opened_state(editor.get(change_url(story)))
    response = editor.post(
        change_url(story),
        article_form_data(story, headline="Cranes idle", opened_state=opened),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Cranes idle"


def test_a_tampered_snapshot_or_one_of_another_article_is_refused(story):
    editor = signed_in("Editor")
    other = make_article(headline="Ferry crews vote")
    for token in ["forged:1:2", opened_state(editor.get(change_url(other)))]:
        response = editor.post(
            change_url(story),
            article_form_data(story, headline="Cranes idle", opened_state=token),
        )
        assert "record of what it showed is damaged" in response.content.decode()
        assert Article.objects.get(pk=story.pk).headline == (
            "Harbour cranes stand idle"
        )


def section_data(section: Section, **changes) -> dict:
    data = {
        "name": section.name,
        "slug": section.slug,
        "parent": section.parent_id or "",
        "description": section.description,
        "position": section.position,
        "keywords": section.keywords,
    }
    if section.show_in_navigation:
        data["show_in_navigation"] = "on"
    return {**data, **changes}


def test_sections_photos_credits_and_links_are_guarded_the_same_way(world):
    editor = signed_in("Editor")
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    credit = make_credit("REUTERS/Jane Doe")
    photo = Photo.objects.create(credit=credit, caption="Cranes at dawn.")
    link = make_link(article, "Ferry crews vote", placement=RelatedLink.Placement.AFTER)
    cases = [
        (
            f"/admin/articles/section/{world.pk}/change/",
            lambda: Section.objects.filter(pk=world.pk).update(description="Abroad."),
            lambda token: section_data(world, keywords="war", opened_state=token),
            lambda: Section.objects.get(pk=world.pk).keywords == world.keywords,
        ),
        (
            f"/admin/articles/photo/{photo.pk}/change/",
            lambda: Photo.objects.filter(pk=photo.pk).update(caption="Cranes at noon."),
            lambda token: {
                "caption": "Cranes.",
                "alt_text": "",
                "credit": credit.pk,
                "opened_state": token,
            },
            lambda: Photo.objects.get(pk=photo.pk).caption == "Cranes at noon.",
        ),
        (
            f"/admin/articles/photocredit/{credit.pk}/change/",
            lambda: type(credit).objects.filter(pk=credit.pk).update(agency="AFP"),
            lambda token: {
                "text": credit.text,
                "creator": "J. Doe",
                "agency": credit.agency,
                "distributor": "",
                "aliases-TOTAL_FORMS": "0",
                "aliases-INITIAL_FORMS": "0",
                "opened_state": token,
            },
            lambda: type(credit).objects.get(pk=credit.pk).creator == credit.creator,
        ),
        (
            f"/admin/articles/relatedlink/{link.pk}/change/",
            lambda: RelatedLink.objects.filter(pk=link.pk).update(
                url="https://a.test/"
            ),
            lambda token: {
                "article": article.pk,
                "placement": link.placement,
                "position": link.position,
                "title": "Ferry crews vote again",
                "target": "",
                "url": "",
                "opened_state": token,
            },
            lambda: RelatedLink.objects.get(pk=link.pk).title == "Ferry crews vote",
        ),
    ]
    for url, change_meanwhile, data, untouched in cases:
        token = opened_state(editor.get(url))
        change_meanwhile()
        response = editor.post(url, data(token))
        assert REFUSED in response.content.decode(), url
        assert untouched(), url


def test_a_scheduled_time_changed_meanwhile_comes_back_in_the_form(story):
    editor = signed_in("Editor")
    opened = opened_state(editor.get(change_url(story)))
    later = timezone.now() + timedelta(days=2)
    story.publish(at=later)

    response = editor.post(
        change_url(story),
        article_form_data(story, status=Article.Status.DRAFT, opened_state=opened)
        | {"dek": "Edited."},
    )

    page = response.content.decode()
    assert REFUSED in page
    local = timezone.localtime(later)
    assert f'name="published_at_0" value="{local:%Y-%m-%d}"' in page
    assert f'name="published_at_1" value="{local:%H:%M:%S}"' in page
