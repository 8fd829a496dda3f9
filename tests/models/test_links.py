"""Which links the unresolved-links desk lists, and how the target picker orders."""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article, RelatedLink

from ..conftest import make_article, make_link

pytestmark = pytest.mark.django_db


def test_a_link_titled_with_its_own_articles_headline_names_its_own_article(world):
    article = make_article(headline="Port strike ends")
    own = make_link(article, "Port Strike Ends! [UPDATE]")
    other = make_link(article, "Ferry fares rise")
    assert list(RelatedLink.objects.naming_own_article()) == [own]
    assert list(RelatedLink.objects.not_naming_own_article()) == [other]
    assert set(RelatedLink.objects.unresolved()) == {own, other}


def test_headline_matches_come_first_exact_then_prefix_then_newest(world):
    now = timezone.now()
    exact = make_article(headline="Port strike", published_at=now - timedelta(days=9))
    prefix = make_article(
        headline="Port strike ends", published_at=now - timedelta(days=8)
    )
    newest = make_article(headline="The port strike", published_at=now)
    articles = Article.objects.filter(pk__in=[exact.pk, prefix.pk, newest.pk])
    assert list(articles.headline_matches_first("PORT-STRIKE")) == [
        exact,
        prefix,
        newest,
    ]
    assert list(articles.headline_matches_first("")) == [newest, prefix, exact]
    assert list(articles.headline_matches_first("x" * 300)) == [newest, prefix, exact]
