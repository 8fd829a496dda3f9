"""Sections, photo credits, photos, articles, their tags and related links."""

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from .body import Block, parse_body
from .credits import CreditParts, format_credit, normalize_credit, split_credit
from .headlines import title_key
from .validators import refuse_control_characters, refuse_control_characters_in_line

# Top-level paths the site uses for itself; a section slug must not shadow them.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "search",
        "tags",
        "feed",
        "feeds",
        "preview",
        "sitemap.xml",
        "news-sitemap.xml",
        "robots.txt",
        "static",
        "media",
    }
)

# Changes this soon after publication are part of publishing, not an update.
REVISION_GRACE = timedelta(minutes=2)

BODY_HELP_TEXT = (
    "Separate paragraphs with a blank line. Start a line with “## ” for a "
    "subheading. A line “Read Also: Headline of another article” places an "
    "inline related link there. HTML is shown as text, never run."
)


def validate_section_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is used by the site's own addresses; choose another slug.",
            code="reserved",
            params={"value": value},
        )


def slug_base(text: str, max_length: int = 255) -> str:
    """Return the slug ``text`` gets when no other article has it."""
    return slugify(text)[:max_length].strip("-") or "article"


def unique_slug(text: str, taken: Iterable[str], max_length: int = 255) -> str:
    """Return a slug for ``text`` that is not in ``taken``, adding -2, -3, ..."""
    return free_slug(slug_base(text, max_length), set(taken), max_length)


def free_slug(base: str, taken: Container[str], max_length: int = 255) -> str:
    """Return ``base``, or ``base`` with -2, -3, ... if it is in ``taken``."""
    candidate, counter = base, 2
    while candidate in taken:
        suffix = f"-{counter}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        counter += 1
    return candidate


class SectionQuerySet(models.QuerySet):
    def in_navigation(self) -> "SectionQuerySet":
        return self.filter(show_in_navigation=True, parent__isnull=True)

    def in_tree_order(self) -> list[tuple["Section", int]]:
        """Return these sections depth first in menu order, each with its depth.

        A section whose parent is not among them is shown at the top level.
        """
        sections = list(self.order_by("position", "name", "pk"))
        present = {section.pk for section in sections}
        children: dict[int | None, list[Section]] = {}
        for section in sections:
            parent = section.parent_id if section.parent_id in present else None
            children.setdefault(parent, []).append(section)
        ordered: list[tuple[Section, int]] = []
        pending = [(section, 0) for section in reversed(children.get(None, []))]
        while pending:
            section, depth = pending.pop()
            ordered.append((section, depth))
            pending.extend(
                (child, depth + 1) for child in reversed(children.get(section.pk, []))
            )
        # Sections caught in a loop of parents are unreachable; still list them.
        shown = {section.pk for section, _depth in ordered}
        ordered.extend((s, 0) for s in sections if s.pk not in shown)
        return ordered


class Section(models.Model):
    name = models.CharField(
        "name", max_length=100, validators=[refuse_control_characters_in_line]
    )
    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        validators=[validate_section_slug],
        help_text="The section's address: /world/. Words the site uses itself "
        "(admin, search, tags, feed, ...) are refused.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="parent section",
        help_text="Nest this section under another, e.g. Europe under World.",
    )
    description = models.TextField(
        "description", blank=True, validators=[refuse_control_characters]
    )
    position = models.PositiveSmallIntegerField(
        "menu position", default=0, help_text="Lower numbers come first in menus."
    )
    show_in_navigation = models.BooleanField("show in navigation", default=True)
    keywords = models.TextField(
        "keywords",
        blank=True,
        help_text="Comma-separated words; the importer files a seed under the "
        "section whose keywords best match its headline and lede.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"
        verbose_name_plural = "sections"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="section_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "A section cannot sit inside itself or its children."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def descendant_ids(self) -> set[int]:
        """Return the ids of this section and every section nested below it."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Section.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, pending = {self.pk}, [self.pk]
        while pending:
            for child in children.get(pending.pop(), []):
                if child not in found:
                    found.add(child)
                    pending.append(child)
        return found


class PhotoCreditQuerySet(models.QuerySet):
    def for_text(self, text: str) -> "PhotoCredit":
        """Return the credit for a credit line, creating and splitting it once."""
        new = PhotoCredit.from_text(text)
        if found := self.ids_for_keys([new.key]):
            return self.get(pk=found[new.key])
        fields = ["text", "creator", "agency", "distributor"]
        credit, _created = self.get_or_create(
            key=new.key, defaults={name: getattr(new, name) for name in fields}
        )
        return credit

    def ids_for_keys(self, keys: Iterable[str]) -> dict[str, int]:
        """Map credit keys to the credits that carry them, merged wordings too."""
        keys = set(keys)
        found = dict(
            CreditAlias.objects.filter(key__in=keys).values_list("key", "credit_id")
        )
        found.update(self.filter(key__in=keys).values_list("key", "pk"))
        return found


class PhotoCredit(models.Model):
    text = models.CharField(
        "credit line",
        max_length=255,
        help_text="Kept exactly as the wire or photographer wrote it.",
        validators=[refuse_control_characters_in_line],
    )
    key = models.CharField(max_length=255, unique=True, editable=False)
    creator = models.CharField(
        "creator",
        max_length=200,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    agency = models.CharField(
        "agency",
        max_length=200,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    distributor = models.CharField(
        "distributor",
        max_length=200,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )

    objects = PhotoCreditQuerySet.as_manager()

    class Meta:
        ordering = ["text"]
        verbose_name = "photo credit"
        verbose_name_plural = "photo credits"

    def __str__(self) -> str:
        return self.display

    def save(self, *args, **kwargs) -> None:
        self.key = normalize_credit(self.text)
        super().save(*args, **kwargs)

    @classmethod
    def from_text(cls, text: str) -> "PhotoCredit":
        """Return an unsaved credit for a credit line, split into its parts."""
        parts = split_credit(text)
        return cls(
            text=text.strip(),
            key=normalize_credit(text),
            creator=parts.creator,
            agency=parts.agency,
            distributor=parts.distributor,
        )

    @property
    def parts(self) -> CreditParts:
        return CreditParts(self.creator, self.agency, self.distributor)

    def absorb(self, duplicates: Iterable["PhotoCredit"]) -> int:
        """Give this credit every photo of ``duplicates``, then delete them.

        Return how many photos moved; no photo is left without a credit.
        """
        others = [credit for credit in duplicates if credit.pk != self.pk]
        moved = Photo.objects.filter(credit__in=others).update(credit=self)
        # Their wordings stay known, so a later import of the same line
        # lands here instead of bringing the merged credit back.
        CreditAlias.objects.filter(credit__in=others).update(credit=self)
        CreditAlias.objects.bulk_create(
            [CreditAlias(key=credit.key, credit=self) for credit in others],
            ignore_conflicts=True,
        )
        PhotoCredit.objects.filter(pk__in=[credit.pk for credit in others]).delete()
        return moved

    @property
    def copyright_holder(self) -> str:
        """Who holds the rights as far as the credit says, or "" if it does not.

        The agency licenses wire pictures; without one the creator owns the
        picture, and a platform alone (Getty Images, YouTube) is the holder.
        """
        return self.agency or self.creator or self.distributor

    @property
    def display(self) -> str:
        """The credit in house style, e.g. "Olga Maltseva/AFP via Getty Images"."""
        return format_credit(self.text, self.parts)


class CreditAlias(models.Model):
    """The key of a credit line that a merge folded into another credit."""

    key = models.CharField("credit line key", max_length=255, unique=True)
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name="merged into",
    )

    class Meta:
        verbose_name = "merged credit wording"
        verbose_name_plural = "merged credit wordings"

    def __str__(self) -> str:
        return self.key


class Photo(models.Model):
    image = models.ImageField(
        "image",
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        blank=True,
        help_text="May stay empty: an imported article knows its credit before "
        "anyone uploads the picture.",
    )
    caption = models.TextField(
        "caption", blank=True, validators=[refuse_control_characters]
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        validators=[refuse_control_characters_in_line],
        help_text="Describes the picture for readers who cannot see it. "
        "Required once an image is uploaded.",
    )
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="credit",
    )
    width = models.PositiveIntegerField("width", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(
        "height", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    # Not a column: a small JPEG made from the image on first use and cached as a
    # file, so lists of photos cost no query per row.
    thumbnail = ImageSpecField(
        source="image",
        processors=[ResizeToFit(160, 120)],
        format="JPEG",
        options={"quality": 80},
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "photo"
        verbose_name_plural = "photos"
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(alt_text=""),
                name="photo_image_has_alt_text",
                violation_error_message="An uploaded image needs alt text.",
            ),
        ]

    def __str__(self) -> str:
        if self.caption:
            return self.caption[:80]
        if self.credit_id:
            return f"Photo: {self.credit}"
        return f"Photo #{self.pk}"

    def clean(self) -> None:
        if self.image and not self.alt_text.strip():
            raise ValidationError({"alt_text": "An uploaded image needs alt text."})


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


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Articles readers may see: published, and not scheduled for later."""
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, now: datetime | None = None) -> "ArticleQuerySet":
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def reader_facing(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Articles readers see now or will see at their time: live or scheduled."""
        now = now or timezone.now()
        return self.published(now) | self.scheduled(now)

    def record_change(self, user: models.Model | None, reason: str) -> int:
        """Add a row to each article's history saying who changed it, and why.

        For changes the article's own save does not record: its links, its
        lead photo and that photo's credit, its tags, its section. Return how
        many articles it was written for.
        """
        history = Article.history
        limit = history.model._meta.get_field("history_change_reason").max_length
        reason, now, count = Truncator(reason).chars(limit), timezone.now(), 0
        # A section or tag may carry thousands of articles; keep memory flat.
        # Rows come back once each, however the caller joined to find them.
        articles = (
            Article.objects.filter(pk__in=self.values("pk"))
            .order_by("pk")
            .iterator(chunk_size=500)
        )
        while batch := list(islice(articles, 500)):
            history.bulk_history_create(
                batch,
                update=True,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
            count += len(batch)
        return count

    def in_section(self, section: Section) -> "ArticleQuerySet":
        """Articles in ``section`` or any section nested below it."""
        return self.filter(section_id__in=section.descendant_ids())

    def tagged(self, slug: str) -> "ArticleQuerySet":
        return self.filter(tags__slug=slug)

    def named(self, title: str) -> "ArticleQuerySet":
        """Articles whose headline matches ``title`` as a link title would."""
        return self.filter(headline_key=title_key(title))

    def imported_as(self, source_ids: Iterable[str]) -> "ArticleQuerySet":
        """Articles imported under these source ids.

        The unique index on the source id covers imported articles only; the
        database uses such a partial index only when the query repeats its
        condition, so it is stated here too (else every lookup reads the table).
        """
        return self.exclude(source_id="").filter(source_id__in=list(source_ids))

    def for_listing(self) -> "ArticleQuerySet":
        return self.select_related("section", "lead_photo__credit")

    def for_page(self) -> "ArticleQuerySet":
        """Fetch everything an article page shows in a fixed number of queries."""
        links = RelatedLink.objects.select_related("target__section")
        return self.select_related(
            "section__parent", "lead_photo__credit"
        ).prefetch_related("tags", models.Prefetch("related_links", queryset=links))

    def published_since(
        self, since: datetime, now: datetime | None = None
    ) -> "ArticleQuerySet":
        """Articles readers may see that were published at ``since`` or later."""
        return self.published(now).filter(published_at__gte=since)

    def latest_per_section(self, count: int) -> "ArticleQuerySet":
        """Keep the ``count`` newest articles of each section.

        Only ids are ranked: ranking whole rows would carry every body through
        the sort, which on a large archive takes most of a page's time. The ids
        are fetched first, in their own query: as a subquery, PostgreSQL with
        statistics from before a large import ranked the whole archive once
        per article (1.6 s for the home page of 4,000 articles).
        """
        newest = (
            self.annotate(
                section_rank=Window(
                    RowNumber(),
                    partition_by=F("section_id"),
                    order_by=[F("published_at").desc(nulls_last=True), F("pk").desc()],
                )
            )
            .filter(section_rank__lte=count)
            .values_list("pk", flat=True)
        )
        return self.filter(pk__in=list(newest))

    def preferred_first(self) -> "ArticleQuerySet":
        """Order link candidates so the most recently published one comes first."""
        return self.order_by(
            Case(
                When(status=Article.Status.PUBLISHED, then=Value(0)),
                default=Value(1),
            ),
            F("published_at").desc(nulls_last=True),
            "-pk",
        )


@dataclass(frozen=True)
class BodyItem:
    """One block of an article body, with its inline link for a Read Also point."""

    block: Block
    link: "RelatedLink | None" = None


class Article(models.Model):
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
        help_text="Shown under the headline and in listings; imports use the lede.",
        validators=[refuse_control_characters],
    )
    body = models.TextField(
        "body",
        blank=True,
        help_text=BODY_HELP_TEXT,
        validators=[refuse_control_characters],
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
        "the future schedules it.",
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
    # document and last-changed stamp would only add noise to every difference.
    # History is looked up by article and by date only; indexing its copies of
    # other columns would slow every save and every import for nothing.
    history = HistoricalRecords(
        excluded_fields=["headline_key", "search_document", "updated_at"],
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
            taken = Article.objects.exclude(pk=self.pk).filter(
                slug__startswith=slugify(self.headline)[:200] or "article"
            )
            self.slug = unique_slug(self.headline, taken.values_list("slug", flat=True))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "headline" in update_fields:
            kwargs["update_fields"] = {*update_fields, "headline_key"}
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

    def body_items(self) -> list[BodyItem]:
        """Return the body's blocks, each Read Also point with its inline link.

        Uses the prefetched links, so rendering a page adds no queries.
        """
        inline = {
            link.position: link
            for link in self.related_links.all()
            if link.placement == RelatedLink.Placement.INLINE
        }
        items, read_also = [], 0
        for block in parse_body(self.body):
            link = None
            if block.is_read_also:
                link = inline.get(read_also)
                if link is None or link.title_key != title_key(block.text):
                    link = None
                read_also += 1
            items.append(BodyItem(block, link))
        return items

    @property
    def lede(self) -> str:
        """The body's first paragraph."""
        return next((b.text for b in parse_body(self.body) if b.is_paragraph), "")

    @property
    def standfirst(self) -> str:
        """The dek to show under the headline, or "" when it repeats the lede.

        Imports use the lede as the dek; the page should not print it twice.
        """
        if " ".join(self.dek.split()) == self.lede:
            return ""
        return self.dek.strip()

    @property
    def summary(self) -> str:
        """A short description for listings, feeds and search engines."""
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

    def links_after_body(self) -> list["RelatedLink"]:
        return [
            link
            for link in self.related_links.all()
            if link.placement == RelatedLink.Placement.AFTER
        ]

    def sync_inline_links(self) -> None:
        """Make the inline links match the body's Read Also points, then resolve.

        A point whose title is unchanged keeps its link and target.
        """
        titles = [b.text for b in parse_body(self.body) if b.is_read_also]
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

    def publication_problems(self) -> dict[str, str]:
        """Return what keeps this article from being published, by field."""
        problems = {}
        if not self.headline.strip():
            problems["headline"] = "A published article needs a headline."
        if self.section_id is None:
            problems["section"] = "A published article needs a section."
        if not self.body.strip():
            problems["body"] = "A published article needs a body."
        return problems

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED:
            if problems := self.publication_problems():
                raise ValidationError(problems)

    def remember_old_slug(self, old_slug: str) -> None:
        """Keep ``old_slug`` as an address that redirects here.

        Call it when the slug of a published article changes, so links readers
        shared keep working. A slug in use again stops being a redirect.
        """
        if old_slug and old_slug != self.slug:
            OldSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})
        OldSlug.objects.filter(slug=self.slug).delete()


class RelatedLinkQuerySet(models.QuerySet):
    def unresolved(self) -> "RelatedLinkQuerySet":
        return self.filter(target__isnull=True, url="")

    def following_titles(self) -> "RelatedLinkQuerySet":
        """Links whose target is whatever article their title names.

        That is unresolved links and links pointing at an article whose
        headline matches their title. A link an editor pointed elsewhere, or
        whose article's headline was revised since, keeps its target.
        """
        return self.filter(
            Q(target__isnull=True, url="") | Q(target__headline_key=F("title_key"))
        )

    def point_at(self, target: Article) -> int:
        """Point these links at ``target``, except the target's own; return how many."""
        return self.exclude(article=target).update(target=target)

    def resolve(self, *, again: bool = False) -> int:
        """Point links at the articles their titles name; return how many changed.

        Only links that follow their titles are looked at unless ``again`` is
        true. When two articles share a headline the most recently published
        one wins, whichever was written first. One UPDATE does it, however
        many links there are.
        """
        candidates = (
            Article.objects.filter(headline_key=OuterRef("title_key"))
            .exclude(pk=OuterRef("article_id"))
            .preferred_first()
            .values("pk")[:1]
        )
        links = self if again else self.following_titles()
        return (
            links.filter(Exists(candidates))
            .exclude(target=Subquery(candidates))
            .update(target=Subquery(candidates))
        )


class RelatedLink(models.Model):
    class Placement(models.TextChoices):
        INLINE = "inline", "Inline (Read Also)"
        AFTER = "after", "After the body"

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="related_links",
        verbose_name="article",
        # The unique constraint on (article, placement, position) indexes it.
        db_index=False,
    )
    placement = models.CharField(
        "placement",
        max_length=10,
        choices=Placement.choices,
        default=Placement.AFTER,
    )
    position = models.PositiveSmallIntegerField(
        "position",
        default=0,
        help_text="Order among the article's links of the same placement; an "
        "inline link belongs to the body's Read Also point of that number "
        "(0 is the first).",
    )
    title = models.CharField(
        "title as written",
        max_length=500,
        validators=[refuse_control_characters_in_line],
        help_text="Readers see this text until the link points at an article.",
    )
    title_key = models.CharField(max_length=500, db_index=True, editable=False)
    target = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_links",
        verbose_name="target article",
        help_text="Found by title automatically; if the target is deleted the "
        "title is shown as text again.",
    )
    url = models.URLField(
        "external URL",
        blank=True,
        help_text="Only for a link to another site.",
    )

    objects = RelatedLinkQuerySet.as_manager()

    class Meta:
        ordering = ["article", "placement", "position"]
        verbose_name = "related link"
        verbose_name_plural = "related links"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "placement", "position"],
                name="relatedlink_unique_position",
            ),
            models.CheckConstraint(
                condition=~Q(title=""), name="relatedlink_has_title"
            ),
            models.CheckConstraint(
                condition=~Q(target=F("article")), name="relatedlink_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(url="")
                | Q(url__startswith="http://")
                | Q(url__startswith="https://"),
                name="relatedlink_url_is_web_address",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.title_key = title_key(self.title)
        super().save(*args, **kwargs)

    @property
    def is_resolved(self) -> bool:
        return self.target_id is not None or bool(self.url)

    @property
    def href(self) -> str:
        """Where the link goes for readers, or "" to show the title as text."""
        if self.target is not None and self.target.is_published:
            return self.target.get_absolute_url()
        return self.url


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
