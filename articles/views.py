"""Public pages. Visibility rules live on ArticleQuerySet, not here.

Published pages answer conditional requests. Their ETag hashes every stored
value the page shows (and Last-Modified is the newest change among them), so
a reader's copy is confirmed with 304 Not Modified until an edit, or a
scheduled article going live, changes the page. Pages always revalidate
(max-age=0): nothing readers see can lag behind the newsroom. Previews of
drafts are never cached.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from taggit.models import Tag

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import condition
from django.views.generic import DetailView, ListView, TemplateView

from .access import may_see_drafts
from .context_processors import navigation_sections
from .images.on_demand import make_missing_soon
from .images.pick import pick, social_image
from .models import Article, Photo, Rendition, Section
from .search import clean_query, search_articles
from .templatetags.reader import html_datetime
from .text.bylines import byline_names

ARTICLES_PER_PAGE = 20
HOME_ARTICLES_PER_SECTION = 4


def page_etag(*parts: object) -> str:
    """Return a hash of what a page shows, to serve as its ETag."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def rows(*objects: Model | None) -> tuple:
    """Return every stored value of each instance, so any saved change shows."""
    return tuple(
        None
        if obj is None
        else tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields)
        for obj in objects
    )


def photo_rows(photo: Photo | None) -> tuple:
    """Return what a page shows of ``photo``: its row, its credit, its renditions.

    Renditions are remade under new rows, so a picture that gets them (or a
    new focal point) changes the page.
    """
    if photo is None:
        return ()
    return (
        rows(photo, photo.credit),
        [rendition.pk for rendition in photo.renditions.all()],
    )


def latest_change(articles: Iterable[Article]) -> datetime | None:
    """Return the newest edit or publication among ``articles`` that has happened."""
    now = timezone.now()
    times = [
        moment
        for article in articles
        for moment in (article.updated_at, article.published_at)
        if moment is not None and moment <= now
    ]
    return max(times, default=None)


def respond_conditionally(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    *,
    etag: str,
    last_modified: datetime | None,
) -> HttpResponse:
    """Answer 304 when the reader's copy is current, otherwise ``render()``."""

    @condition(
        etag_func=lambda request: etag,
        last_modified_func=lambda request: last_modified,
    )
    def page(request: HttpRequest) -> HttpResponse:
        return render()

    response = page(request)
    patch_cache_control(response, max_age=0, must_revalidate=True)
    return response


class ArticleQuerysetMixin:
    """Start article queries from what the visitor may see: staff preview drafts."""

    def get_article_queryset(self) -> QuerySet[Article]:
        if may_see_drafts(self.request.user):
            return Article.objects.all()
        return Article.objects.published()


@dataclass(frozen=True)
class SectionGroup:
    section: Section
    articles: list[Article]


def group_by_top_section(
    articles: Iterable[Article], sections: Sequence[Section], per_group: int
) -> list[SectionGroup]:
    """Group articles under their top-level section, newest first.

    Groups follow the order of ``sections`` (menu order); an article of a
    nested section (Europe) counts for its top section (World).
    """
    by_id = {section.pk: section for section in sections}

    def top(section_id: int) -> int:
        seen = set()
        while by_id[section_id].parent_id in by_id and section_id not in seen:
            seen.add(section_id)
            section_id = by_id[section_id].parent_id
        return section_id

    grouped: dict[int, list[Article]] = {}
    for article in articles:
        if article.section_id in by_id:
            grouped.setdefault(top(article.section_id), []).append(article)
    return [
        SectionGroup(
            section,
            sorted(
                grouped[section.pk],
                key=lambda article: (article.published_at, article.pk),
                reverse=True,
            )[:per_group],
        )
        for section in sections
        if section.pk in grouped
    ]


class HomeView(TemplateView):
    """The lead story, then the latest articles of each section."""

    template_name = "articles/article_list.html"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        articles = Article.objects.published().for_listing()
        lead = articles.first()
        if lead is not None:
            articles = articles.exclude(pk=lead.pk)
        sections = list(Section.objects.all())
        groups = group_by_top_section(
            articles.latest_per_section(HOME_ARTICLES_PER_SECTION),
            sections,
            HOME_ARTICLES_PER_SECTION,
        )
        context = self.get_context_data(
            lead=lead, groups=groups, navigation_sections=navigation_sections()
        )
        shown = [article for group in groups for article in group.articles]
        if lead is not None:
            shown.append(lead)
        make_missing_soon(article.lead_photo for article in shown)
        etag = page_etag(
            rows(*sections),
            rows(*context["navigation_sections"]),
            [(rows(article), photo_rows(article.lead_photo)) for article in shown],
        )
        return respond_conditionally(
            request,
            lambda: self.render_to_response(context),
            etag=etag,
            last_modified=latest_change(shown),
        )


class ArticleListMixin:
    """A paginated list of published articles that answers conditional requests."""

    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs) -> HttpResponse:
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        page = context["page_obj"]
        # Evaluated here, once: the template reuses these rows.
        articles = list(page.object_list)
        make_missing_soon(article.lead_photo for article in articles)
        etag = page_etag(
            self.page_parts(context),
            page.number,
            page.paginator.count,
            [
                (rows(article, article.section), photo_rows(article.lead_photo))
                for article in articles
            ],
            rows(*context["navigation_sections"]),
        )
        return respond_conditionally(
            request,
            lambda: self.render_to_response(context),
            etag=etag,
            last_modified=latest_change(articles),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            navigation_sections=navigation_sections(), **kwargs
        )
        if context["page_obj"].number > 1:
            # Each page of a list is its own page for search engines.
            context["canonical_url"] = self.request.build_absolute_uri(
                f"{self.request.path}?page={context['page_obj'].number}"
            )
        return context

    def page_parts(self, context: dict) -> object:
        """Return what else the page shows, for its ETag."""
        return ()


class SectionDetailView(ArticleListMixin, ListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(
            Section.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return Article.objects.published().in_section(self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            current_section=self.section,
            child_sections=list(self.section.children.all()),
            **kwargs,
        )

    def page_parts(self, context: dict) -> object:
        return rows(self.section, self.section.parent, *context["child_sections"])


class TagDetailView(ArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"
    # A tag that only drafts carry is not shown: its name could leak a story.
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().tagged(self.tag.slug).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def page_parts(self, context: dict) -> object:
        return rows(self.tag)


class SearchView(ListView):
    """Search results; a query that cannot run gets a message, never an error."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        if not self.query.is_runnable:
            return Article.objects.none()
        articles = Article.objects.published().for_listing()
        return search_articles(articles, self.query.text)

    def paginate_queryset(self, queryset, page_size):
        # A mistyped or stale page number shows the nearest page, not an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, navigation_sections=navigation_sections(), **kwargs
        )
        make_missing_soon(article.lead_photo for article in context["articles"])
        return context


class ArticleDetailView(ArticleQuerysetMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.get_article_queryset().for_page()

    def get(self, request, *args, **kwargs) -> HttpResponse:
        try:
            self.object = self.get_object()
        except Http404:
            # A published article whose slug changed keeps its old address.
            moved = (
                self.get_article_queryset()
                .filter(old_slugs__slug=kwargs["slug"])
                .select_related("section")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
        if self.object.section.slug != kwargs["section"]:
            # The article moved desks; its old address keeps working.
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object)
        make_missing_soon([self.object.lead_photo])
        if not self.object.is_published:
            response = self.render_to_response(context)
            add_never_cache_headers(response)
            return response
        targets = [link.target for link in context["related_links"] if link.target]
        return respond_conditionally(
            request,
            lambda: self.render_to_response(context),
            etag=self.page_etag(context),
            last_modified=latest_change([self.object, *targets]),
        )

    def get_context_data(self, **kwargs):
        article = self.object
        tags = list(article.tags.all())
        # Only the 1200×630 copy: a network shows it at that size, and the
        # original may be 20 MB and carry what renditions strip.
        social = social_image(article.lead_photo)
        social_url = social and self.request.build_absolute_uri(social.file.url)
        return super().get_context_data(
            tags=tags,
            related_links=list(article.related_links.all()),
            links_after_body=article.links_after_body(),
            navigation_sections=navigation_sections(),
            current_section=article.section,
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            social_image=social,
            social_image_url=social_url,
            structured_data=news_article_data(article, tags, self.request),
            **kwargs,
        )

    def page_etag(self, context: dict) -> str:
        article, photo = self.object, self.object.lead_photo
        return page_etag(
            rows(article, article.section, article.section.parent),
            photo_rows(photo),
            rows(*context["tags"]),
            [
                # href says whether the target is live, which time alone changes.
                (rows(link, link.target), link.href)
                for link in context["related_links"]
            ],
            rows(*context["navigation_sections"]),
            self.request.user.is_staff,
        )


def image_data(
    photo: Photo, request: HttpRequest, publisher: dict | None = None
) -> dict:
    """Describe a photo as a schema.org ImageObject, naming its credit.

    Only what the credit says: a line such as "Screenshot from YouTube"
    names no creator and no rights holder. The newsroom's own photo
    (``is_own``) names ``publisher`` where the credit is silent.
    """
    data: dict = {"@type": "ImageObject"}
    # The largest uncropped copy: search engines want 1200 px or more, and
    # never the original, which may carry what the renditions strip.
    if rendition := pick(photo, Rendition.Crop.ORIGINAL):
        url = request.build_absolute_uri(rendition.file.url)
        data.update(
            url=url, contentUrl=url, width=rendition.width, height=rendition.height
        )
    if photo.caption:
        data["caption"] = photo.caption
    credit = photo.credit
    if credit is not None:
        data["creditText"] = credit.display
        if credit.creator:
            data["creator"] = {"@type": "Person", "name": credit.creator}
        elif credit.agency:
            data["creator"] = {"@type": "Organization", "name": credit.agency}
        if credit.copyright_holder:
            data["copyrightNotice"] = credit.copyright_holder
    if photo.is_own and publisher is not None:
        data.setdefault("creditText", publisher["name"])
        data.setdefault("creator", publisher)
        data["copyrightNotice"] = publisher["name"]
        data["copyrightHolder"] = publisher
    return data


def news_article_data(
    article: Article, tags: Sequence[Tag], request: HttpRequest
) -> dict:
    """Describe an article as a schema.org NewsArticle for search engines."""
    url = request.build_absolute_uri(article.get_absolute_url())
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("articles:home")),
    }
    names = byline_names(article.byline)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in tags],
        "author": [{"@type": "Person", "name": name} for name in names] or [publisher],
        "publisher": publisher,
    }
    if article.published_at:
        data["datePublished"] = html_datetime(article.published_at)
        data["dateModified"] = html_datetime(article.revised_at or article.published_at)
    if article.lead_photo:
        data["image"] = image_data(article.lead_photo, request, publisher)
    return data
