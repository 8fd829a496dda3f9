"""Sitemaps for search engines: every published article and section, and news.

``sitemap.xml`` is an index of sitemaps of at most ``SITEMAP_LIMIT`` addresses
each (``sitemap-home.xml``, ``sitemap-sections.xml``,
``sitemap-articles.xml?p=2``...), so no page grows with the archive;
``news-sitemap.xml`` follows Google News and lists only what was published in
the last two days. All start from ``Article.objects.published()``; every one
is served from the page cache.
"""

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from .models import Article, Section

# Google News reads articles from the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
# Only what a sitemap entry shows: without the body, 10,000 articles load in a
# fraction of the time and memory.
SITEMAP_FIELDS = ["slug", "headline", "published_at", "updated_at", "section__slug"]
# Google reads up to 50,000; 10,000 keep each page quick to build.
SITEMAP_LIMIT = 10_000


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self) -> list[str]:
        return ["articles:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.7

    def items(self) -> QuerySet[Section]:
        return Section.objects.order_by("pk")


class ArticleSitemap(Sitemap):
    priority = 0.5
    limit = SITEMAP_LIMIT

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .select_related("section")
            .only(*SITEMAP_FIELDS)
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime:
        return item.revised_at or item.published_at

    def get_latest_lastmod(self) -> datetime | None:
        # For the index, in one query: Django would load every article.
        # An edit within the revision grace makes this a little later than
        # any entry's lastmod, which only asks a crawler to look again.
        latest = self.items().aggregate(
            changed=Max("updated_at"), published=Max("published_at")
        )
        return max(filter(None, latest.values()), default=None)


class NewsSitemap(ArticleSitemap):
    """Articles of the last two days, with the Google News fields."""

    limit = NEWS_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published_since(since)
            .select_related("section")
            .only(*SITEMAP_FIELDS)
            .order_by("-published_at", "-pk")
        )


SITEMAPS = {
    "home": HomeSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
}
NEWS_SITEMAPS = {"news": NewsSitemap}
