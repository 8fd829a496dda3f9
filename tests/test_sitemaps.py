import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article, Section
from articles.sitemaps import SITEMAP_LIMIT, ArticleSitemap

from .conftest import make_article

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def urls(response) -> dict[str, ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}


def sitemap_index(response) -> list[str]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [entry.findtext(f"{SITEMAP}loc") for entry in root]


def listed_everywhere(client) -> dict[str, ET.Element]:
    """Every address of every sitemap the index names."""
    listed = {}
    for location in sitemap_index(client.get("/sitemap.xml")):
        listed.update(urls(client.get(location.removeprefix("http://testserver"))))
    return listed


class SitemapTests:
    def test_sitemap_lists_home_sections_and_published_articles(self, client, world):
        live = make_article(headline="Live story")
        draft = make_article(headline="Draft story", status=Article.Status.DRAFT)
        scheduled = make_article(
            headline="Scheduled story",
            published_at=timezone.now() + timedelta(hours=1),
        )

        listed = listed_everywhere(client)

        assert "http://testserver/" in listed
        for section in Section.objects.all():
            assert f"http://testserver{section.get_absolute_url()}" in listed
        assert f"http://testserver{live.get_absolute_url()}" in listed
        assert f"http://testserver{draft.get_absolute_url()}" not in listed
        assert f"http://testserver{scheduled.get_absolute_url()}" not in listed

    def test_sitemap_is_an_index_of_pages_of_at_most_ten_thousand_addresses(
        self, client, world, monkeypatch
    ):
        assert ArticleSitemap.limit == SITEMAP_LIMIT == 10_000
        monkeypatch.setattr(ArticleSitemap, "limit", 2)
        articles = [make_article() for _ in range(5)]

        index = sitemap_index(client.get("/sitemap.xml"))

        assert index == [
            "http://testserver/sitemap-home.xml",
            "http://testserver/sitemap-sections.xml",
            "http://testserver/sitemap-articles.xml",
            "http://testserver/sitemap-articles.xml?p=2",
            "http://testserver/sitemap-articles.xml?p=3",
        ]
        pages = [urls(client.get(f"/sitemap-articles.xml?p={n}")) for n in (1, 2, 3)]
        assert [len(page) for page in pages] == [2, 2, 1]
        assert {url for page in pages for url in page} == {
            f"http://testserver{article.get_absolute_url()}" for article in articles
        }
        assert client.get("/sitemap-articles.xml?p=4").status_code == 404

    def test_sitemap_index_says_when_the_articles_last_changed(self, client, world):
        article = make_article(published_at=timezone.now() - timedelta(days=3))
        root = ET.fromstring(client.get("/sitemap.xml").content)
        lastmod = {
            entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
            for entry in root
        }["http://testserver/sitemap-articles.xml"]
        assert lastmod.startswith(article.updated_at.strftime("%Y-%m-%dT%H:%M"))

    def test_sitemap_index_does_not_read_every_article(
        self, client, world, monkeypatch
    ):
        for _ in range(30):
            make_article()
        read = []
        original = ArticleSitemap.lastmod
        monkeypatch.setattr(
            ArticleSitemap,
            "lastmod",
            lambda self, item: read.append(item) or original(self, item),
        )
        assert client.get("/sitemap.xml").status_code == 200
        assert read == []

    def test_article_entry_says_when_it_last_changed(self, client, world):
        article = make_article(published_at=timezone.now() - timedelta(days=3))
        entry = urls(client.get("/sitemap-articles.xml"))[
            f"http://testserver{article.get_absolute_url()}"
        ]
        lastmod = entry.findtext(f"{SITEMAP}lastmod")
        assert lastmod.startswith(timezone.now().date().isoformat())

    def test_a_crawler_with_the_current_sitemap_gets_a_304(self, client, world):
        article = make_article(headline="Live story")
        etag = client.get("/sitemap-articles.xml")["ETag"]
        assert (
            client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=etag).status_code
            == 304
        )

        article.slug = "live-story-renamed"
        article.save()
        changed = client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=etag)
        assert f"http://testserver{article.get_absolute_url()}" in urls(changed)


class NewsSitemapTests:
    def test_news_sitemap_lists_only_the_last_two_days(self, client, world):
        recent = make_article(
            headline="Port strike ends",
            published_at=timezone.now() - timedelta(hours=30),
        )
        old = make_article(published_at=timezone.now() - timedelta(days=3))
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=1))

        listed = urls(client.get("/news-sitemap.xml"))

        assert list(listed) == [f"http://testserver{recent.get_absolute_url()}"]
        assert f"http://testserver{old.get_absolute_url()}" not in listed
        assert f"http://testserver{scheduled.get_absolute_url()}" not in listed

    def test_news_entry_names_publication_language_date_and_title(self, client, world):
        article = make_article(headline="Port strike ends & ships sail")
        entry = next(iter(urls(client.get("/news-sitemap.xml")).values()))
        news = entry.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
        assert news.findtext(f"{NEWS}title") == "Port strike ends & ships sail"
        published = news.findtext(f"{NEWS}publication_date")
        assert published.startswith(article.published_at.strftime("%Y-%m-%dT%H:%M"))

    def test_news_sitemap_is_valid_when_nothing_is_recent(self, client, db):
        assert urls(client.get("/news-sitemap.xml")) == {}
