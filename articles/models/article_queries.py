"""Which articles: what readers may see, and what each page fetches at once."""

from collections.abc import Container, Iterable, Sequence
from datetime import datetime

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import slugify

from ..text.headlines import title_key
from .bulk_sql import record_history
from .photos import Rendition
from .sections import Section

# The length of the slug column.
SLUG_LENGTH = 255


def renditions_of(photo_path: str, crops: Sequence[str]) -> models.Prefetch:
    """Prefetch the renditions of ``crops`` a page shows of the photos it lists.

    Only those crops: a page lists the srcsets of its pictures from these
    rows and never asks the storage (a request each on S3).
    """
    return models.Prefetch(
        f"{photo_path}__renditions", queryset=Rendition.objects.filter(crop__in=crops)
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Articles readers may see: published, and not scheduled for later."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, now: datetime | None = None) -> "ArticleQuerySet":
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def drafts(self) -> "ArticleQuerySet":
        return self.filter(status=self.model.Status.DRAFT)

    def in_review(self) -> "ArticleQuerySet":
        """Articles sent to the desk, waiting for an editor to publish them."""
        return self.filter(status=self.model.Status.REVIEW)

    def started_by(self, user: models.Model) -> "ArticleQuerySet":
        """Articles whose first version in the History ``user`` saved.

        There is no author column: the History records who created each
        article (the desk's add form, a draft made from a link's title), and
        imported articles were started by nobody. One subquery, so a list of
        them costs one query however large the archive.
        """
        if user.pk is None:
            # Imported articles' rows have no user; nobody signed in started them.
            return self.none()
        created = self.model.history.model.objects.filter(
            id=OuterRef("pk"), history_type="+", history_user_id=user.pk
        )
        return self.filter(Exists(created))

    def reader_facing(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Articles readers see now or will see at their time: live or scheduled."""
        now = now or timezone.now()
        return self.published(now) | self.scheduled(now)

    def record_change(self, user: models.Model | None, reason: str) -> int:
        """Add a row to each article's history saying who changed it, and why.

        For changes the article's own save does not record: its links, its
        lead photo and that photo's credit, its tags, its section. Return how
        many articles it was written for. One statement, however many there
        are (a section or a tag may carry thousands).
        """
        # Rows come back once each, however the caller joined to find them.
        pks = self.order_by().values("pk").distinct()
        count = pks.count()
        if count:
            record_history(
                self.model,
                pks.query.sql_with_params(),
                "~",
                reason,
                user_id=None if user is None else user.pk,
            )
        return count

    def in_section(self, section: Section) -> "ArticleQuerySet":
        """Articles in ``section`` or any section nested below it."""
        return self.filter(section_id__in=section.descendant_ids())

    def tagged(self, slug: str) -> "ArticleQuerySet":
        return self.filter(tags__slug=slug)

    def headline_matches_first(self, term: str) -> "ArticleQuerySet":
        """Order by headline match: exact, then starting with ``term``, then the rest.

        Headlines are compared by title key, as a link's title names an
        article; each group keeps the usual order, newest first.
        """
        key = title_key(term)
        if not key or len(key) > self.model._meta.get_field("headline_key").max_length:
            return self
        rank = Case(
            When(headline_key=key, then=Value(0)),
            When(headline_key__startswith=key, then=Value(1)),
            default=Value(2),
        )
        return self.alias(headline_rank=rank).order_by(
            "headline_rank", *self.model._meta.ordering
        )

    def imported_as(self, source_ids: Iterable[str]) -> "ArticleQuerySet":
        """Articles imported under these source ids.

        The unique index on the source id covers imported articles only; the
        database uses such a partial index only when the query repeats its
        condition, so it is stated here too (else every lookup reads the table).
        """
        return self.exclude(source_id="").filter(source_id__in=list(source_ids))

    def for_listing(
        self, crops: Sequence[str] = (Rendition.Crop.CARD,)
    ) -> "ArticleQuerySet":
        """Fetch what a card shows: section, lead photo, credit, ``crops``."""
        return self.select_related("section", "lead_photo__credit").prefetch_related(
            renditions_of("lead_photo", crops)
        )

    def for_page(self) -> "ArticleQuerySet":
        """Fetch everything an article page shows in a fixed number of queries."""
        link_model = self.model._meta.get_field("related_links").related_model
        links = link_model.objects.select_related("target__section")
        return self.select_related(
            "section__parent", "lead_photo__credit"
        ).prefetch_related(
            "tags",
            models.Prefetch("related_links", queryset=links),
            renditions_of(
                "lead_photo", [Rendition.Crop.ORIGINAL, Rendition.Crop.SOCIAL]
            ),
        )

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

    def free_slugs(self, headlines: Sequence[str]) -> list[str]:
        """Return a slug for each headline that no article among these has.

        The one slug rule: the headline slugified, cut to fit, with -2, -3,
        ... added when taken, also among the headlines given together.
        """
        bases = [_slug_base(headline) for headline in headlines]
        taken = set(self.filter(slug__in=set(bases)).values_list("slug", flat=True))
        for base in {base for base in bases if base in taken}:
            taken.update(
                self.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
            )
        slugs = []
        for base in bases:
            slug = _free_slug(base, taken)
            taken.add(slug)
            slugs.append(slug)
        return slugs

    def preferred_first(self) -> "ArticleQuerySet":
        """Order link candidates so the most recently published one comes first."""
        return self.order_by(
            Case(
                When(status=self.model.Status.PUBLISHED, then=Value(0)),
                default=Value(1),
            ),
            F("published_at").desc(nulls_last=True),
            "-pk",
        )


def _slug_base(text: str) -> str:
    return slugify(text)[:SLUG_LENGTH].strip("-") or "article"


def _free_slug(base: str, taken: Container[str]) -> str:
    candidate, counter = base, 2
    while candidate in taken:
        suffix = f"-{counter}"
        candidate = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        counter += 1
    return candidate
