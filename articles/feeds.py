"""RSS and Atom feeds for the whole site and for each section.

Items come from ``Article.objects.published()``, so a feed never shows a draft
or an article before its time. The lead photo travels as Media RSS
(``media:content`` with its credits when the picture exists, bare
``media:credit`` elements when only the credit is known; ``photo_credits``),
the way feed readers and aggregators expect pictures to be credited. Each
item carries the body as the article page shows it (RSS ``content:encoded``,
Atom ``content``), its links made absolute.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from .images.pick import pick
from .images.renditions import CONTENT_TYPES
from .models import Article, Photo, RelatedLink, Rendition, Section
from .templatetags.reader import body_with_links
from .text.markdown import absolute_links
from .text.xml_text import xml_safe

FEED_LENGTH = 30
# Feed readers show an item's picture at most a column wide.
FEED_IMAGE_WIDTH = 1280
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"


class MediaFeedMixin:
    """Add Media RSS elements for an item's photo to a feed generator.

    Every value is made XML-safe on its way in: one stored control character
    must not turn the whole feed into a server error.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*xml_safe(args), **xml_safe(kwargs))

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*xml_safe(args), **xml_safe(kwargs))

    def root_attributes(self) -> dict:
        attributes = super().root_attributes()
        attributes["xmlns:media"] = MEDIA_NAMESPACE
        return attributes

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            self.add_content(handler, item["content"])
        photo = item.get("photo")
        if not photo:
            return
        if photo["url"]:
            attributes = {"url": photo["url"], "medium": "image"}
            if photo["type"]:
                attributes["type"] = photo["type"]
            if photo["width"]:
                attributes["width"] = str(photo["width"])
                attributes["height"] = str(photo["height"])
            handler.startElement("media:content", attributes)
        for text, attributes in photo["credits"]:
            handler.addQuickElement("media:credit", text, attributes)
        if photo["copyright"]:
            handler.addQuickElement("media:copyright", photo["copyright"])
        if photo["caption"]:
            handler.addQuickElement(
                "media:description", photo["caption"], {"type": "plain"}
            )
        if photo["url"]:
            handler.endElement("media:content")


class MediaRssFeed(MediaFeedMixin, Rss201rev2Feed):
    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:content": CONTENT_NAMESPACE}

    def add_content(self, handler, html: str) -> None:
        handler.addQuickElement("content:encoded", html)


class MediaAtomFeed(MediaFeedMixin, Atom1Feed):
    def add_content(self, handler, html: str) -> None:
        handler.addQuickElement("content", html, {"type": "html"})


def photo_credits(photo: Photo) -> tuple[list[tuple[str, dict]], str]:
    """Return a photo's Media RSS credits, as (text, attributes), and copyright.

    First the credit as readers see it, with no role: it names several
    entities at once. Then the creator alone as the photographer (the spec
    wants one element per entity and role; the EBU role scheme is its
    default). The newsroom's own photo without a credit is credited to the
    site. The copyright names only a holder the credit really names.
    """
    credit = photo.credit
    if credit is None:
        if photo.is_own:
            return [(settings.SITE_NAME, {})], settings.SITE_NAME
        return [], ""
    credits = [(credit.display, {})]
    if credit.creator:
        credits.append((credit.creator, {"role": "photographer", "scheme": "urn:ebu"}))
    holder = settings.SITE_NAME if photo.is_own else credit.copyright_holder
    return credits, holder


class LatestArticlesFeed(Feed):
    """The newest published articles of the whole site, as RSS 2.0."""

    feed_type: type[SyndicationFeed] = MediaRssFeed

    def get_feed(self, obj, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        # Photo addresses must be absolute, and only the request knows the host.
        # (One feed instance serves every request, so it cannot keep the request.)
        origin = request.build_absolute_uri("/").rstrip("/")
        for item in feed.items:
            if photo := item.get("photo"):
                photo["url"] = photo["url"] and request.build_absolute_uri(photo["url"])
            if item.get("content"):
                item["content"] = absolute_links(item["content"], origin)
        return feed

    def title(self, obj=None) -> str:
        return settings.SITE_NAME

    def link(self, obj=None) -> str:
        return reverse("articles:home")

    def feed_url(self, obj=None) -> str:
        return reverse("articles:latest-feed")

    def description(self, obj=None) -> str:
        return f"The latest news from {settings.SITE_NAME}."

    def articles(self, obj=None) -> QuerySet[Article]:
        return Article.objects.published()

    def items(self, obj=None) -> QuerySet[Article]:
        return (
            self.articles(obj)
            .for_listing(crops=[Rendition.Crop.ORIGINAL])
            .prefetch_related(
                "tags",
                # The links of the Read Also points in the body the items carry.
                Prefetch(
                    "related_links",
                    queryset=RelatedLink.objects.filter(
                        placement=RelatedLink.Placement.INLINE
                    ).select_related("target__section"),
                ),
            )
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        # RSS descriptions and Atom summaries are read as HTML: escape the text so
        # markup typed into a dek shows as text in feed readers too.
        return escape(item.summary)

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.revised_at or item.published_at

    def item_author_name(self, item: Article) -> str | None:
        return item.byline or None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Article) -> str:
        # The address changes when an article moves section; its id does not.
        return f"urn:newsroom:article:{item.pk}"

    item_guid_is_permalink = False

    def item_extra_kwargs(self, item: Article) -> dict:
        content = {"content": str(body_with_links(item.body_html, item.read_also_link))}
        photo = item.lead_photo
        if photo is None or not (photo.image or photo.credit_id):
            return content
        credits, copyright = photo_credits(photo)
        # A reader's copy, never the original; none yet, and the credit
        # travels alone, as for a photo known only by its credit.
        rendition = pick(photo, Rendition.Crop.ORIGINAL, at_most=FEED_IMAGE_WIDTH)
        return {
            **content,
            "photo": {
                "url": rendition.file.url if rendition else "",
                "type": CONTENT_TYPES[rendition.format] if rendition else "",
                "width": rendition and rendition.width,
                "height": rendition and rendition.height,
                "caption": photo.caption,
                "credits": credits,
                "copyright": copyright,
            },
        }


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = MediaAtomFeed
    subtitle = LatestArticlesFeed.description

    def feed_url(self, obj=None) -> str:
        return reverse("articles:latest-atom-feed")


class SectionFeed(LatestArticlesFeed):
    """The newest published articles of one section and its nested sections."""

    def get_object(self, request: HttpRequest, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Section) -> str:
        return reverse("articles:section-feed", kwargs={"slug": obj.slug})

    def description(self, obj: Section) -> str:
        return (
            obj.description or f"The latest {obj.name} news from {settings.SITE_NAME}."
        )

    def articles(self, obj: Section) -> QuerySet[Article]:
        return Article.objects.published().in_section(obj)


class SectionAtomFeed(SectionFeed):
    feed_type = MediaAtomFeed
    subtitle = SectionFeed.description

    def feed_url(self, obj: Section) -> str:
        return reverse("articles:section-atom-feed", kwargs={"slug": obj.slug})
