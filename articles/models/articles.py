"""Articles, their tags and their old addresses, and the changes of their state."""

from datetime import datetime, timedelta

from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from ..text.headlines import split_label, title_key
from ..validators import (
    refuse_control_characters,
    refuse_control_characters_in_line,
    refuse_deep_nesting,
)
from .article_body import ArticleBodyMixin
from .article_queries import ArticleQuerySet
from .links import RelatedLink
from .photos import Photo
from .sections import Section
from .versions import VersionKeepsTagsAndLinks

# Changes this soon after publication are part of publishing, not an update.
REVISION_GRACE = timedelta(minutes=2)
NO_CREDIT = (
    "The lead photo has no credit: add its credit, or tick “own photo” on the "
    "photo if the newsroom made it."
)


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article",
        on_delete=models.CASCADE,
        related_name="tagged_items",
        # The unique constraint below starts with it, so it is indexed there.
        db_index=False,
    )

    class Meta:
        verbose_name = "article tag"
        verbose_name_plural = "article tags"
        constraints = [
            # Besides refusing a tag twice on one article, this index lets a
            # tag page join its articles by (article, tag): with only the
            # one-column indexes SQLite scanned every row of a common tag for
            # each article, and a tag on 10,000 articles took 25 seconds.
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="article_tag_once"
            ),
        ]


class Article(ArticleBodyMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(
        "headline", max_length=255, validators=[refuse_control_characters_in_line]
    )
    slug = models.SlugField(
        "slug",
        max_length=255,
        unique=True,
        blank=True,
        help_text="The article's address within its section; made from the "
        "headline when left empty.",
    )
    label = models.CharField(
        "label",
        max_length=40,
        blank=True,
        validators=[refuse_control_characters_in_line],
        help_text="The kicker shown above the headline, such as REPORT or UPDATE.",
    )
    dek = models.TextField(
        "summary (dek)",
        blank=True,
        help_text="Shown under the headline and in listings. Left empty, "
        "readers see the body's first paragraph there instead.",
        validators=[refuse_control_characters],
    )
    body = models.TextField(
        "body",
        blank=True,
        # Shown as HTML in the admin, like every help text there.
        help_text='<div class="body-syntax">'
        "<p>Markdown, previewed beside the text as readers will see it. "
        "HTML is shown as text, never run.</p>"
        "<dl>"
        "<dt>A blank line</dt><dd>starts a new paragraph.</dd>"
        "<dt><code>## What comes next</code></dt><dd>a line starting "
        "<code>## </code> is a subheading (<code>#</code> and <code>###</code> "
        "are text).</dd>"
        "<dt><code>*emphasis*</code>, <code>**strong**</code></dt>"
        "<dd>emphasis, strong emphasis.</dd>"
        "<dt><code>[the report](https://example.org/report)</code></dt><dd>a "
        "link: http, https and mailto addresses, or a path on this site such "
        "as <code>/world/</code>; other links stay text.</dd>"
        "<dt><code>- item</code>, <code>1. item</code></dt><dd>a line each: "
        "a bulleted or a numbered list.</dd>"
        "<dt><code>&gt; quoted text</code></dt><dd>a block quote.</dd>"
        "<dt><code>Pull Quote: Words to set large</code><br>"
        "<code>— Who said them</code></dt><dd>a pull quote; the second line, "
        "starting with a dash, is optional.</dd>"
        "<dt><code>Read Also: Headline of another article</code></dt><dd>on its "
        "own line, places a related link there; it points at the article with "
        "that headline as soon as one exists.</dd>"
        "<dt><code>\\*</code>, <code>\\Read Also: x</code></dt><dd>a "
        "backslash keeps a character, or a paragraph starting with one, from "
        "being read as any of the above.</dd>"
        "</dl><p>No images: the picture is the lead photo.</p></div>",
        validators=[refuse_control_characters, refuse_deep_nesting],
    )
    body_html = models.TextField(
        "body as readers see it",
        blank=True,
        editable=False,
        help_text="Rendered from the body whenever it changes.",
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="section",
    )
    tags = TaggableManager(
        through=TaggedArticle,
        blank=True,
        verbose_name="tags",
        # In the order the desk gave them, also when prefetched for many articles.
        ordering=["articles_taggedarticle_items__pk"],
    )
    byline = models.CharField(
        "byline",
        max_length=255,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Readers see a published article from this time on; a time in "
        "the future schedules it. Left empty, publishing means now.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)
    lead_photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_articles",
        verbose_name="lead photo",
    )
    headline_key = models.CharField(max_length=255, db_index=True, editable=False)
    source_id = models.CharField(
        "source id",
        max_length=255,
        blank=True,
        editable=False,
        help_text="The wire's id for an imported article; re-imports update it.",
    )
    source_file = models.CharField(
        "source file", max_length=500, blank=True, editable=False
    )
    source_hash = models.CharField(
        "source content hash", max_length=64, blank=True, editable=False
    )
    imported_at = models.DateTimeField(
        "imported", null=True, blank=True, editable=False
    )
    # What reader search matches on PostgreSQL: headline, label and dek, and
    # body, weighted in that order. A trigger keeps it in step with every
    # write: it computes it for an insert that brings none (the ORM's) and
    # for every update of those fields; a large import brings it computed
    # by the same function (migrations 0010 and 0012). A GIN index finds
    # matches and ranking reads it instead of parsing every body again.
    # Unused, and empty, on SQLite.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Who changed what and when, one row per save; the derived key, search
    # document, rendered body and last-changed stamp would only add noise to
    # every difference (a body restored from history is rendered on save).
    # History is looked up by article and by date only; indexing its copies of
    # other columns would slow every save and every import for nothing. Each
    # version keeps the tags and links after the body too (``versions``).
    history = HistoricalRecords(
        bases=[VersionKeepsTagsAndLinks],
        excluded_fields=["headline_key", "search_document", "updated_at", "body_html"],
        no_db_index=["slug", "status", "published_at", "section", "lead_photo"],
    )

    class Meta:
        ordering = [F("published_at").desc(nulls_last=True), "-pk"]
        verbose_name = "article"
        verbose_name_plural = "articles"
        permissions = [("publish_article", "Can publish and schedule articles")]
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"],
                condition=~Q(source_id=""),
                name="article_unique_source_id",
            ),
            models.CheckConstraint(
                condition=~Q(headline=""), name="article_has_headline"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published article needs a publication time.",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        self.headline_key = title_key(self.headline)
        if not self.slug:
            others = Article.objects.exclude(pk=self.pk)
            [self.slug] = others.free_slugs([self.headline])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "headline" in update_fields:
            kwargs["update_fields"] = {*update_fields, "headline_key"}
        if update_fields is None or "body" in update_fields:
            if self.render_body_html() and update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:article-detail",
            kwargs={"section": self.section.slug, "slug": self.slug},
        )

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    # State changes. The desk's actions and form and the importer all go
    # through these, so a rule about publishing is written once.

    @staticmethod
    def publishing_problems(
        *,
        headline: str,
        section_id: int | None,
        body: str,
        lead_photo: Photo | None = None,
    ) -> dict[str, str]:
        """Return what keeps an article with these values from readers, by field.

        A picture readers would see needs a credit, unless the newsroom made
        it; a photo with only a credit (imported, no picture yet) shows none.
        """
        problems = {}
        if not headline.strip():
            problems["headline"] = "A published article needs a headline."
        if section_id is None:
            problems["section"] = "A published article needs a section."
        if not body.strip():
            problems["body"] = "A published article needs a body."
        if lead_photo is not None and lead_photo.lacks_credit:
            problems["lead_photo"] = NO_CREDIT
        return problems

    def publication_problems(self) -> dict[str, str]:
        """Return what keeps this article from being published, by field."""
        return self.publishing_problems(
            headline=self.headline,
            section_id=self.section_id,
            body=self.body,
            lead_photo=self.lead_photo,
        )

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED:
            if problems := self.publication_problems():
                raise ValidationError(problems)
            if self.published_at is None:
                # Publishing without a time means now.
                self.published_at = timezone.now()

    def publish(self, at: datetime | None = None) -> None:
        """Publish now, or at ``at``; a time in the future schedules it.

        Raise ``ValidationError`` naming what is missing for readers.
        """
        if problems := self.publication_problems():
            raise ValidationError(problems)
        self._change_state(
            "Scheduled" if at and at > timezone.now() else "Published now",
            status=self.Status.PUBLISHED,
            published_at=at or timezone.now(),
        )

    def unpublish(self) -> None:
        """Take the article from readers, back to a draft."""
        self._change_state("Unpublished", status=self.Status.DRAFT)

    def submit_for_review(self) -> None:
        """Send a draft to the desk for an editor to read and publish."""
        self._change_state("Submitted for review", status=self.Status.REVIEW)

    def move_to(self, section: Section) -> None:
        """File the article under another section."""
        self._change_state(f"Moved to {section}", section=section)

    @classmethod
    def create_draft_named_by(cls, link: RelatedLink) -> "Article":
        """Create the draft a link's title names, in the section of its article.

        Links with that title point at it as soon as they are resolved.
        """
        headline, label = split_label(link.title)
        draft = cls(headline=headline, label=label, section=link.article.section)
        draft._change_reason = "Created from an unresolved related link"
        draft.save()
        return draft

    def _change_state(self, reason: str, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self._change_reason = reason
        self.save()

    @property
    def summary(self) -> str:
        """A short description for listings, feeds and search engines.

        The dek an editor wrote, or else the lede, as the seed format says.
        """
        return self.dek.strip() or self.lede

    @property
    def revised_at(self) -> datetime | None:
        """When the article last changed after publication, if it did."""
        if (
            self.published_at is not None
            and self.updated_at is not None
            and self.updated_at - self.published_at > REVISION_GRACE
        ):
            return self.updated_at
        return None

    # Links

    def links_after_body(self) -> list[RelatedLink]:
        return [
            link
            for link in self.related_links.all()
            if link.placement == RelatedLink.Placement.AFTER
        ]

    def sync_inline_links(self) -> None:
        """Make the inline links match the body's Read Also points, then resolve.

        A point whose title is unchanged keeps its link and target.
        """
        titles = [block.text for block in self.blocks if block.is_read_also]
        existing = {
            link.position: link
            for link in self.related_links.filter(
                placement=RelatedLink.Placement.INLINE
            )
        }
        for position, title in enumerate(titles):
            link = existing.pop(position, None)
            if link is None:
                link = RelatedLink(
                    article=self,
                    placement=RelatedLink.Placement.INLINE,
                    position=position,
                )
            elif link.title_key == title_key(title):
                if link.title != title:
                    link.title = title
                    link.save(update_fields=["title", "title_key"])
                continue
            link.title, link.target, link.url = title, None, ""
            link.save()
        RelatedLink.objects.filter(
            pk__in=[link.pk for link in existing.values()]
        ).delete()
        RelatedLink.objects.filter(article=self).resolve()

    def resolve_links_naming_it(self) -> int:
        """Point the links that name this article's headline at their best match.

        That is this article unless another with the same headline was
        published more recently; links an editor pointed elsewhere stay.
        """
        return RelatedLink.objects.filter(title_key=self.headline_key).resolve()

    def remember_old_slug(self, old_slug: str) -> None:
        """Keep ``old_slug`` as an address that redirects here.

        Call it when the slug of a published article changes, so links readers
        shared keep working. A slug in use again stops being a redirect.
        """
        if old_slug and old_slug != self.slug:
            OldSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})
        OldSlug.objects.filter(slug=self.slug).delete()


class OldSlug(models.Model):
    """An address a published article had before its slug changed."""

    slug = models.SlugField(
        "old slug",
        max_length=255,
        unique=True,
        help_text="Readers who follow a link with this slug are sent to the article.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name="article",
    )
    retired_at = models.DateTimeField("changed", auto_now=True)

    class Meta:
        ordering = ["-retired_at"]
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self) -> str:
        return self.slug
