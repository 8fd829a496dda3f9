from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from . import feeds, preview, views
from .sitemaps import NEWS_SITEMAPS, SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Site-level addresses come before the section pattern; their first words
    # are reserved section slugs (models.RESERVED_SLUGS).
    path("search/", views.SearchView.as_view(), name="search"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("feed/", feeds.LatestArticlesFeed(), name="latest-feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="latest-atom-feed"),
    path("feeds/<slug:slug>/", feeds.SectionFeed(), name="section-feed"),
    path("feeds/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-atom-feed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "articles/news_sitemap.xml"},
        name="news-sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Before the section pattern: "preview" is a reserved section slug.
    path(
        "preview/<str:token>/",
        preview.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path("<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path(
        "<slug:section>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
]
