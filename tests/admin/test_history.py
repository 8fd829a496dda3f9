"""Every change to an article is recorded with who and when, shown, and restorable."""

import re

import pytest
from simple_history.utils import bulk_update_with_history

from django.test import Client
from django.utils import timezone

from articles.admin.history import text_diff
from articles.models import Article

from ..conftest import make_article, make_desk_user
from ..desk import ARTICLES, action_data, article_form_data, change_url

pytestmark = pytest.mark.django_db

BODY = (
    "Dock workers walked out at dawn.\n\n"
    "## What comes next\n\n"
    "Talks resume on Monday with the port authority."
)


@pytest.fixture
def article(world) -> Article:
    return make_article(headline="Harbour cranes idle", body=BODY)


def history_url(article: Article) -> str:
    return f"{ARTICLES}{article.pk}/history/"


def revert_data(page, *ticks: str) -> dict:
    """What the revert page posts back, with these boxes ticked."""
    form = page.context["form"]
    data = {name: form[name].value() for name in ("seen", "consequences_seen")}
    return {**data, **{tick: "on" for tick in ticks}}


def test_saving_in_the_admin_records_who_and_when(
    desk_editor_client, desk_editor, article
):
    data = article_form_data(article, headline="Harbour cranes idle for a week")
    before = timezone.now()
    assert desk_editor_client.post(change_url(article), data).status_code == 302
    latest = article.history.first()
    assert latest.history_user == desk_editor
    assert latest.history_date >= before
    assert latest.headline == "Harbour cranes idle for a week"
    assert article.history.count() == 2


def test_actions_are_recorded_with_who_and_why(desk_editor_client, desk_editor, world):
    draft = make_article(status="draft", published_at=None)
    desk_editor_client.post(ARTICLES, action_data("publish_now", draft))
    latest = draft.history.first()
    assert (latest.history_user, latest.history_change_reason, latest.status) == (
        desk_editor,
        "Published now",
        "published",
    )


def test_the_history_page_shows_each_change_as_a_difference(
    desk_editor_client, article
):
    data = article_form_data(
        article,
        headline="Harbour cranes idle for a week",
        body=BODY.replace("Monday", "Tuesday"),
    )
    desk_editor_client.post(change_url(article), data)
    response = desk_editor_client.get(history_url(article))
    assert response.status_code == 200
    assert "admin/articles/article/object_history_list.html" in [
        t.name for t in response.templates
    ]
    html = response.content.decode()
    assert "Edna Editor" in html
    assert (
        "<del>Harbour cranes idle</del> → <ins>Harbour cranes idle for a week</ins>"
        in (html)
    )
    # The body shows only the words that changed, in context.
    assert "<del>Monday</del> <ins>Tuesday</ins>" in html
    assert '<p class="diff-same">Dock workers walked out at dawn.</p>' in html
    assert "First version." in html


def test_the_history_page_gives_each_change_a_time_to_the_second(
    desk_editor_client, article
):
    # history_date keeps microseconds, which a <time datetime> may not carry.
    html = desk_editor_client.get(history_url(article)).content.decode()
    times = re.findall(r'<time datetime="([^"]*)">', html)
    assert times
    valid = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")
    assert [value for value in times if not valid.fullmatch(value)] == []


def test_html_in_a_changed_body_is_shown_as_text(desk_editor_client, article):
    data = article_form_data(article, body=BODY + "\n\n<script>alert(1)</script>")
    desk_editor_client.post(change_url(article), data)
    html = desk_editor_client.get(history_url(article)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_an_editor_restores_an_earlier_version(desk_editor_client, world):
    target = make_article(headline="Port strike ends")
    article = make_article(
        headline="Harbour cranes idle", body=BODY + "\n\nRead Also: Port strike ends"
    )
    article.sync_inline_links()
    original = article.history.earliest()
    data = article_form_data(article, headline="Wrong headline", body="Mangled.")
    desk_editor_client.post(change_url(article), data)
    assert not article.related_links.exists()

    revert_url = f"{ARTICLES}{article.pk}/history/{original.pk}/"
    page = desk_editor_client.get(revert_url)
    assert page.status_code == 200
    assert "Harbour cranes idle" in page.content.decode()
    response = desk_editor_client.post(revert_url, revert_data(page))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == (original.headline, original.body)
    # The restored body brings its Read Also link back.
    assert article.related_links.get().target == target
    assert article.history.count() == 3


def test_a_reporter_sees_history_but_cannot_restore_a_published_article(
    desk_editor_client, article
):
    original = article.history.earliest()
    desk_editor_client.post(
        change_url(article), article_form_data(article, headline="Changed by the desk")
    )
    reporter = Client()
    reporter.force_login(make_desk_user("Reporter"))
    assert reporter.get(history_url(article)).status_code == 200
    revert_url = f"{ARTICLES}{article.pk}/history/{original.pk}/"
    response = reporter.post(revert_url, revert_data(reporter.get(revert_url)))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Changed by the desk"


def test_a_reporter_restores_an_earlier_draft_but_never_publishes_by_it(
    world, desk_editor_client
):
    """Restoring a version that was published keeps the draft a draft."""
    article = make_article(headline="Published once")
    published_version = article.history.earliest()
    desk_editor_client.post(ARTICLES, action_data("unpublish", article))
    article.refresh_from_db()
    Article.objects.filter(pk=article.pk).update(
        published_at=None, headline="Published once, then changed"
    )
    reporter = Client()
    reporter.force_login(make_desk_user("Reporter"))
    revert_url = f"{ARTICLES}{article.pk}/history/{published_version.pk}/"
    page = reporter.get(revert_url)
    reporter.post(revert_url, revert_data(page, "restore_state"))
    reporter.post(revert_url, revert_data(page))
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)
    assert article.history.first().history_change_reason.startswith("Reverted")


def test_bulk_writes_with_the_history_helper_are_recorded(article):
    """What the importer calls so wire updates appear in the history too."""
    article.headline = "Harbour cranes idle (wire update)"
    bulk_update_with_history(
        [article],
        Article,
        ["headline", "headline_key"],
        default_change_reason="Imported from seeds/001_x.txt",
    )
    latest = article.history.first()
    assert latest.headline == "Harbour cranes idle (wire update)"
    assert latest.history_change_reason == "Imported from seeds/001_x.txt"
    assert latest.history_user is None


def test_link_changes_are_named_in_the_history(desk_editor_client, article):
    data = article_form_data(article, links=[{"order": 1, "title": "Port strike ends"}])
    desk_editor_client.post(change_url(article), data)
    assert article.history.first().history_change_reason == (
        "Added link “Port strike ends”"
    )
    html = desk_editor_client.get(history_url(article)).content.decode()
    assert "Added link “Port strike ends”" in html


def test_the_history_page_shows_tags_and_links_changed_in_a_save(
    desk_editor_client, article
):
    article.tags.set(["ports"])
    article.save()
    data = article_form_data(
        article,
        tags="ports, strikes",
        links=[{"order": 1, "title": "Port budget", "url": "https://example.org/b"}],
    )
    desk_editor_client.post(change_url(article), data)

    latest = article.history.first()
    assert latest.tag_names == ["ports", "strikes"]
    assert latest.links_after == [
        {"title": "Port budget", "target": None, "url": "https://example.org/b"}
    ]
    html = desk_editor_client.get(history_url(article)).content.decode()
    assert "<dt>Tags</dt>" in html
    assert "<del>ports</del> → <ins>ports, strikes</ins>" in html
    assert "<del>none</del> → <ins>Port budget → https://example.org/b</ins>" in html


def test_versions_from_before_the_history_kept_tags_show_no_tag_change(
    desk_editor_client, article
):
    article.history.update(tag_names=None, links_after=None)
    data = article_form_data(article, tags="ports")
    desk_editor_client.post(change_url(article), data)

    html = desk_editor_client.get(history_url(article)).content.decode()
    assert "<dt>Tags</dt>" not in html
    assert article.history.first().tag_names == ["ports"]


def test_a_save_without_changes_says_so(desk_editor_client, article):
    desk_editor_client.post(change_url(article), article_form_data(article))
    assert article.history.first().history_change_reason == "Saved without changes"


def test_a_one_word_correction_shows_as_words_taken_out_and_put_in():
    diff = text_diff("The ferry left at noon.", "The ferry left at dawn.")

    assert 'class="diff-changed"' in diff
    assert "<del>noon.</del> <ins>dawn.</ins>" in diff


def test_a_paragraph_too_long_to_compare_by_words_shows_whole_versions():
    # Comparing two 8,000-word paragraphs word by word took seconds a page.
    old = " ".join(f"word{n}" for n in range(8000))
    new = old.replace("word4000 ", "changed ", 1)

    diff = text_diff(f"Intro.\n\n{old}", f"Intro.\n\n{new}")

    assert 'class="diff-changed"' not in diff
    assert diff.count('class="diff-removed"') == 1
    assert diff.count('class="diff-added"') == 1
    assert "changed word4001" in diff


def test_texts_of_too_many_paragraphs_to_compare_show_whole_versions():
    old = "\n\n".join(f"Paragraph {n}." for n in range(1200))
    new = old.replace("Paragraph 600.", "Paragraph six hundred.")

    diff = text_diff(old, new)

    assert diff.count('class="diff-removed"') == 1200
    assert diff.count('class="diff-added"') == 1200
