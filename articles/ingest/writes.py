"""Write a batch of parsed seed files: articles, lead photos, credits, links, tags.

Everything for a batch is written with a few bulk statements (``bulk_sql``),
by the models' own rules: slugs from ``ArticleQuerySet.free_slugs``, links
by ``LinkTargets``, credits by key, merged wordings included, and a history
row per article, as an editor's save would leave.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from taggit.models import Tag

from django.db import connection
from django.db.models.functions import Lower
from django.utils import timezone

from ..models import (
    Article,
    LinkTargets,
    Photo,
    PhotoCredit,
    RelatedLink,
    Section,
    TaggedArticle,
)
from ..models.bulk_sql import insert_returning_pks, insert_rows, record_history
from ..models.versions import IMPORTED_FROM, REIMPORTED_FROM
from ..text.credits import normalize_credit
from ..text.seeds import SeedError
from ..text.stories import Story
from .discovery import SeedFile

_INLINE = RelatedLink.Placement.INLINE
_AFTER = RelatedLink.Placement.AFTER
SOURCE_FILE_LENGTH = Article._meta.get_field("source_file").max_length
_LIMITS = {
    "label": Article._meta.get_field("label").max_length,
    "credit": PhotoCredit._meta.get_field("text").max_length,
    "link": RelatedLink._meta.get_field("title").max_length,
    "source_id": Article._meta.get_field("source_id").max_length,
}


@dataclass
class Plan:
    """One file to write: ``article`` is the one it updates, None for a new one.

    ``article_id`` is known once the article is written.
    """

    seed_file: SeedFile
    story: Story
    digest: str
    article: Article | None
    section: Section | None
    # The search document computed beside the import (PostgreSQL's binary
    # format), or None for the database to compute.
    document: bytes | None = None
    created: bool = field(init=False)
    article_id: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.created = self.article is None
        self.article_id = None if self.article is None else self.article.pk


class BatchWriter:
    """Write batches of one import; ``published_at`` dates each new article."""

    def __init__(
        self,
        *,
        draft: bool,
        forced_section: Section | None,
        published_at: Callable[[SeedFile], datetime],
    ) -> None:
        self.draft = draft
        self.forced_section = forced_section
        self.published_at = published_at

    def write(self, plans: list[Plan]) -> None:
        """Write these files' articles, photos, credits, links and tags."""
        now = timezone.now()
        credits = self._credits([plan.story.credit for plan in plans])
        created = [plan for plan in plans if plan.created]
        updated = [plan for plan in plans if not plan.created]
        self._create(created, credits, now)
        self._update(updated, credits, now)
        self._replace_links(plans)
        self._replace_tags(plans)
        # Last: each version keeps the article's tags and links as written.
        _record_history([plan.article_id for plan in created], "+", IMPORTED_FROM)
        _record_history([plan.article_id for plan in updated], "~", REIMPORTED_FROM)

    def _create(
        self, plans: list[Plan], credits: dict[str, int], now: datetime
    ) -> None:
        """Insert new articles, each credited one with a lead photo for its credit."""
        if not plans:
            return
        credited = [plan for plan in plans if plan.story.credit]
        photo_ids = insert_returning_pks(
            Photo,
            ["credit"],
            [(credits[normalize_credit(plan.story.credit)],) for plan in credited],
        )
        lead_photo = dict(zip(map(id, credited), photo_ids, strict=True))
        adapt = connection.ops.adapt_datetimefield_value
        # Import time is also the last change: an editor's save makes it newer.
        stamp = adapt(now)
        slugs = Article.objects.free_slugs([plan.story.headline for plan in plans])
        rows = []
        for plan, slug in zip(plans, slugs, strict=True):
            story = plan.story
            # What keeps an editor from publishing keeps the import from it:
            # an article without a body waits as a draft for one.
            draft = self.draft or bool(
                Article.publishing_problems(
                    headline=story.headline,
                    section_id=plan.section.pk,
                    body=story.body_text,
                )
            )
            rows.append(
                (
                    story.headline,
                    story.headline_key,
                    slug,
                    story.label,
                    # The summary is the lede until an editor writes a dek.
                    "",
                    story.body_text,
                    story.body_html,
                    plan.section.pk,
                    (Article.Status.DRAFT if draft else Article.Status.PUBLISHED).value,
                    None if draft else adapt(self.published_at(plan.seed_file)),
                    lead_photo.get(id(plan)),
                    plan.seed_file.source_id,
                    _source_file(plan.seed_file.display),
                    plan.digest,
                    stamp,
                    stamp,
                    plan.document,
                )
            )
        pks = insert_returning_pks(
            Article,
            [
                "headline",
                "headline_key",
                "slug",
                "label",
                "dek",
                "body",
                "body_html",
                "section",
                "status",
                "published_at",
                "lead_photo",
                "source_id",
                "source_file",
                "source_hash",
                "imported_at",
                "updated_at",
                "search_document",
            ],
            rows,
        )
        for plan, pk in zip(plans, pks, strict=True):
            plan.article_id = pk

    def _update(
        self, plans: list[Plan], credits: dict[str, int], now: datetime
    ) -> None:
        if not plans:
            return
        new_photos, changed_photos, dropped_photos = [], [], []
        for plan in plans:
            article, seed = plan.article, plan.story
            article.headline = seed.headline
            article.headline_key = seed.headline_key
            article.label = seed.label
            article.dek = ""
            article.body = seed.body_text
            article.body_html = seed.body_html
            if self.forced_section is not None:
                article.section = self.forced_section
            article.source_file = _source_file(plan.seed_file.display)
            article.source_hash = plan.digest
            article.imported_at = article.updated_at = now
            photo = article.lead_photo
            if seed.credit:
                credit_id = credits[normalize_credit(seed.credit)]
                if photo is None:
                    photo = Photo(credit_id=credit_id)
                    new_photos.append((article, photo))
                elif photo.credit_id != credit_id:
                    photo.credit_id = credit_id
                    changed_photos.append(photo)
            elif photo is not None and not photo.image:
                dropped_photos.append(photo.pk)
                article.lead_photo = None
        Photo.objects.bulk_create([photo for _, photo in new_photos])
        for article, photo in new_photos:
            article.lead_photo = photo
        Photo.objects.bulk_update(changed_photos, ["credit"])
        Article.objects.bulk_update(
            [plan.article for plan in plans],
            [
                "headline",
                "headline_key",
                "label",
                "dek",
                "body",
                "body_html",
                "section",
                "lead_photo",
                "source_file",
                "source_hash",
                "imported_at",
                "updated_at",
            ],
        )
        Photo.objects.filter(pk__in=dropped_photos, lead_articles__isnull=True).delete()

    def _credits(self, texts: list[str]) -> dict[str, int]:
        """Return credit ids by key, creating the credits not seen before.

        A new credit keeps the wording of the first file, in import order,
        that carries it.
        """
        by_key: dict[str, str] = {}
        for text in filter(None, texts):
            by_key.setdefault(normalize_credit(text), text)
        found = PhotoCredit.objects.ids_for_keys(by_key)
        missing = [
            PhotoCredit.from_text(text)
            for key, text in by_key.items()
            if key not in found
        ]
        PhotoCredit.objects.bulk_create(missing)
        found.update((credit.key, credit.pk) for credit in missing)
        return found

    def _replace_links(self, plans: list[Plan]) -> None:
        """Write the files' links, and point links at the articles they name.

        Links are written already pointing at their articles, and earlier
        links that name an article of this batch are resolved again, all by
        the one rule of ``LinkTargets``, from one query.
        """
        RelatedLink.objects.filter(
            article__in=[plan.article for plan in plans if not plan.created]
        ).delete()
        rows = []
        for plan in plans:
            story = plan.story
            titles = [(_INLINE, title) for title in story.read_also_titles]
            positions = len(titles)
            titles += [(_AFTER, related.title) for related in story.related]
            for number, ((placement, title), key) in enumerate(
                zip(titles, story.link_keys, strict=True)
            ):
                position = number if placement == _INLINE else number - positions
                rows.append((plan.article_id, placement, position, title, key))
        headline_keys = {plan.story.headline_key for plan in plans}
        targets = LinkTargets(headline_keys | {row[4] for row in rows})
        # Before the new rows: they are written already resolved.
        RelatedLink.objects.filter(title_key__in=headline_keys).resolve(targets=targets)
        insert_rows(
            RelatedLink,
            ["article", "placement", "position", "title", "title_key", "target", "url"],
            [(*row, targets.target(row[4], row[0]), "") for row in rows],
        )

    def _replace_tags(self, plans: list[Plan]) -> None:
        names = {name for plan in plans for name in plan.story.tags}
        tags = {
            folded: tag
            for folded, tag in (
                Tag.objects.annotate(folded=Lower("name"))
                .filter(folded__in=[name.lower() for name in names])
                .values_list("folded", "pk")
            )
        }
        for name in sorted(names):
            if name.lower() not in tags:
                tag = Tag(name=name)
                tag.save()  # taggit picks a free slug
                tags[name.lower()] = tag.pk
        TaggedArticle.objects.filter(
            content_object__in=[plan.article for plan in plans if not plan.created]
        ).delete()
        insert_rows(
            TaggedArticle,
            ["content_object", "tag"],
            [
                (plan.article_id, tags[name.lower()])
                for plan in plans
                for name in plan.story.tags
            ],
        )


def _record_history(pks: list[int], history_type: str, reason: str) -> None:
    """Record the import in each article's history, naming its seed file."""
    if pks:
        placeholders = ", ".join(["%s"] * len(pks))
        record_history(
            Article,
            (placeholders, pks),
            history_type,
            reason,
            reason_tail_column="source_file",
        )


def _source_file(display: str) -> str:
    """Shorten a path to fit its column, keeping its tail (the file name).

    A path is no reason to reject a file, and cutting it here keeps SQLite,
    which would store it whole, and PostgreSQL, which would refuse it, alike.
    """
    limit = SOURCE_FILE_LENGTH
    return display if len(display) <= limit else "…" + display[1 - limit :]


def check_lengths(seed_file: SeedFile, seed: Story) -> None:
    """Refuse what the database would cut, naming the line it stands on."""
    name = seed_file.display
    if len(seed_file.source_id) > _LIMITS["source_id"]:
        raise SeedError(
            name, None, f"source id is over {_LIMITS['source_id']} characters"
        )
    if len(seed.label) > _LIMITS["label"]:
        raise SeedError(
            name,
            seed.headline_line,
            f"label is over {_LIMITS['label']} characters",
        )
    if len(seed.credit) > _LIMITS["credit"]:
        raise SeedError(
            name,
            seed.credit_line,
            f"photo credit is over {_LIMITS['credit']} characters",
        )
    titles = list(zip(seed.read_also_titles, seed.read_also_lines, strict=True))
    titles += [(related.title, related.line) for related in seed.related]
    for title, line in titles:
        if len(title) > _LIMITS["link"]:
            raise SeedError(
                name, line, f"link title is over {_LIMITS['link']} characters"
            )
