"""The desk's querysets: drafts, stories in review, and who started an article."""

import pytest

from django.contrib.auth.models import AnonymousUser

from articles.models import Article, Section

from ..conftest import make_article, make_desk_user

pytestmark = pytest.mark.django_db


def started_by(user, **fields) -> Article:
    """Save a new article as ``user`` would, through simple-history's hook."""
    fields = {
        "status": Article.Status.DRAFT,
        "published_at": None,
        "section": Section.objects.get(slug="world"),
        **fields,
    }
    article = Article(**fields)
    article._history_user = user
    article.save()
    return article


def test_drafts_and_in_review_are_the_states_the_desk_works_on(world):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    review = make_article(status=Article.Status.REVIEW, published_at=None)
    make_article()
    assert list(Article.objects.drafts()) == [draft]
    assert list(Article.objects.in_review()) == [review]


def test_an_article_is_started_by_whoever_saved_its_first_version(world):
    reporter = make_desk_user("Reporter")
    editor = make_desk_user("Editor")
    hers = started_by(reporter, headline="Council meets tonight")
    his = started_by(editor, headline="Floods reach the delta")
    # An editor's later change does not make the story theirs.
    hers._history_user = editor
    hers.dek = "Edited by the desk."
    hers.save()
    assert list(Article.objects.started_by(reporter)) == [hers]
    assert list(Article.objects.started_by(editor)) == [his]


def test_articles_saved_without_a_user_were_started_by_nobody(world):
    make_article(status=Article.Status.DRAFT, published_at=None)
    assert not Article.objects.started_by(make_desk_user("Editor")).exists()
    assert not Article.objects.started_by(AnonymousUser()).exists()


def test_started_by_combines_with_the_other_filters(world):
    reporter = make_desk_user("Reporter")
    draft = started_by(reporter, headline="Council meets tonight")
    started_by(reporter, headline="Rail fares rise", status=Article.Status.REVIEW)
    assert list(Article.objects.drafts().started_by(reporter)) == [draft]
    assert Article.objects.in_review().started_by(reporter).count() == 1
