"""Restoring an earlier version of an article: its words, and its state only if asked.

A version (a row of the article's History) holds the article as a save left
it, with its tags and links after the body. Restoring it brings back the
content readers read. Whether and where they find it (status, publication
time, address, section) stays as it is unless the desk asks for that too;
``consequences`` then says in words what readers will notice, for the desk
to confirm before anything is written.
"""

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from taggit.models import Tag

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.text import Truncator

from .articles import Article
from .bulk_sql import kept_values
from .links import RelatedLink
from .photos import Photo
from .sections import Section
from .versions import update_latest_version, version_author

# What a revert brings back: the story as readers read it.
TEXT_FIELDS = ("label", "headline", "dek", "body", "byline")
# What it keeps unless asked: whether, when and where readers find the story.
STATE_FIELDS = ("status", "published_at", "slug", "section")
# How the importer's versions begin their reason (ingest/writes.py).


@dataclass(frozen=True)
class Difference:
    """One thing restoring a version changes: what it is now, what it becomes."""

    name: str
    label: str
    current: object
    restored: object


def when(moment: datetime) -> str:
    """Format a time as the desk reads it everywhere."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class Revert:
    """Restoring ``version`` of ``article`` (as stored now): what it would change.

    ``content`` and ``state`` list the differences, ``unrestorable`` what the
    version had that cannot come back, ``consequences`` what readers would
    notice of restoring the state; ``apply`` does it.
    """

    def __init__(self, article: Article, version: models.Model) -> None:
        self.article = article
        self.version = version
        self.restored: Article = version.instance
        # The article's tags and links now, read as a version keeps them.
        self._now = kept_values(type(version), article.pk)
        self.unrestorable: list[str] = []
        self.content = self._content()
        self.state = self._state()

    def _content(self) -> list[Difference]:
        article, restored = self.article, self.restored
        found = [
            self._difference(name, getattr(article, name), getattr(restored, name))
            for name in TEXT_FIELDS
            if getattr(article, name) != getattr(restored, name)
        ]
        if restored.lead_photo_id != article.lead_photo_id:
            photo = Photo.objects.filter(pk=restored.lead_photo_id).first()
            if restored.lead_photo_id is not None and photo is None:
                self.unrestorable.append(
                    "The lead photo of this version has since been deleted: "
                    "the current one stays."
                )
            else:
                found.append(self._difference("lead_photo", article.lead_photo, photo))
        if self.version.tag_names is None:
            self.unrestorable.append(
                "This version was saved before the History kept tags and links: "
                "the current ones stay."
            )
            return found
        if _folded(self.version.tag_names) != _folded(self._now["tag_names"]):
            found.append(
                Difference("tags", "Tags", self._now["tag_names"], self.tag_names)
            )
        if self.links != self._now["links_after"]:
            found.append(
                Difference(
                    "links",
                    "Links after the body",
                    self._now["links_after"],
                    self.links,
                )
            )
        return found

    def _state(self) -> list[Difference]:
        article, restored = self.article, self.restored
        found = []
        if restored.status != article.status:
            found.append(self._difference("status", article.status, restored.status))
        if restored.published_at != article.published_at:
            found.append(
                self._difference(
                    "published_at", article.published_at, restored.published_at
                )
            )
        if restored.slug != article.slug:
            others = Article.objects.exclude(pk=article.pk)
            if others.filter(slug=restored.slug).exists():
                self.unrestorable.append(
                    f"The address of this version, “{restored.slug}”, now belongs "
                    "to another article: the current one stays."
                )
            else:
                found.append(self._difference("slug", article.slug, restored.slug))
        if restored.section_id != article.section_id:
            section = Section.objects.filter(pk=restored.section_id).first()
            if section is None:
                self.unrestorable.append(
                    "The section of this version has since been deleted: the "
                    "current one stays."
                )
            else:
                found.append(self._difference("section", article.section, section))
        return found

    @cached_property
    def tag_names(self) -> list[str]:
        """The version's tag names, in its order."""
        return list(self.version.tag_names or [])

    @cached_property
    def new_tag_names(self) -> list[str]:
        """The version's tags that no tag has now: restoring creates them."""
        existing = set(
            Tag.objects.annotate(folded=Lower("name"))
            .filter(folded__in=_folded(self.tag_names))
            .values_list("folded", flat=True)
        )
        return [name for name in self.tag_names if name.lower() not in existing]

    @cached_property
    def links(self) -> list[dict]:
        """The version's links after the body as restoring writes them.

        A target deleted since, or the article itself, is dropped: the link
        finds its article by its title again.
        """
        kept = list(self.version.links_after or [])
        targets = {link["target"] for link in kept} - {None, self.article.pk}
        alive = set(Article.objects.filter(pk__in=targets).values_list("pk", flat=True))
        return [
            {**link, "target": link["target"] if link["target"] in alive else None}
            for link in kept
        ]

    def _difference(self, name: str, current: object, restored: object) -> Difference:
        label = str(Article._meta.get_field(name).verbose_name)
        return Difference(name, label[:1].upper() + label[1:], current, restored)

    def is_empty(self) -> bool:
        return not self.content and not self.state

    def after(self, state: Collection[str]) -> Article:
        """The article as restoring would leave it, restoring ``state`` fields too."""
        result = Article(
            **{
                field.attname: getattr(self.article, field.attname)
                for field in Article._meta.concrete_fields
            }
        )
        for difference in [*self.content, *self.state]:
            if difference.name in TEXT_FIELDS or difference.name in state:
                setattr(result, difference.name, difference.restored)
            elif difference.name == "lead_photo":
                result.lead_photo = difference.restored
        return result

    def consequences(self, state: Collection[str]) -> list[str]:
        """Say what readers would notice of restoring the ``state`` fields."""
        before, after = self.article, self.after(state)
        notes = []
        was_live, was_scheduled = before.is_published, before.is_scheduled
        live, scheduled = after.is_published, after.is_scheduled
        if was_live and not (live or scheduled):
            notes.append(
                "This takes the live story offline: readers will get 404 at "
                "its address."
            )
        elif was_live and scheduled:
            notes.append(
                "This takes the live story offline until "
                f"{when(after.published_at)}: readers will get 404 until then."
            )
        elif was_live and after.published_at != before.published_at:
            notes.append(
                "This changes when the live story was published, from "
                f"{when(before.published_at)} to {when(after.published_at)}: "
                "its place in listings and feeds moves."
            )
        elif was_scheduled and not (live or scheduled):
            notes.append(
                "This cancels the publication scheduled for "
                f"{when(before.published_at)}."
            )
        elif was_scheduled and live:
            notes.append("This publishes the scheduled story now.")
        elif was_scheduled and after.published_at != before.published_at:
            notes.append(
                f"This reschedules the story from {when(before.published_at)} "
                f"to {when(after.published_at)}."
            )
        elif was_live or was_scheduled:
            pass  # Readers find it as before.
        elif live:
            notes.append("This publishes the story: readers see it at once.")
        elif scheduled:
            notes.append(f"This schedules the story for {when(after.published_at)}.")
        moved = (after.slug, after.section_id) != (before.slug, before.section_id)
        if moved and (was_live or was_scheduled) and (live or scheduled):
            notes.append(
                "This moves the story to a new address, "
                f"{after.get_absolute_url()}; the current one, "
                f"{before.get_absolute_url()}, will redirect there."
            )
        return notes

    def consequences_digest(self, state: Collection[str]) -> str:
        """A short fingerprint of ``consequences``, for a page to say what it showed."""
        text = "\n".join(self.consequences(state))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def problems(self, state: Collection[str]) -> dict[str, str]:
        """What would keep the restored article from readers, if it is published."""
        after = self.after(state)
        if after.status != Article.Status.PUBLISHED:
            return {}
        return after.publication_problems()

    @property
    def version_author(self) -> str:
        """Who saved the version: a person, the importer, or else a script."""
        return version_author(self.version)

    def reason(self, state: Collection[str]) -> str:
        """The History's note for this revert: which version, whose, and how much."""
        reason = f"Reverted to the version of {when(self.version.history_date)} by "
        tail = ", with its state" if state else ""
        limit = Article.history.model._meta.get_field(
            "history_change_reason"
        ).max_length
        author = Truncator(self.version_author).chars(limit - len(reason) - len(tail))
        return reason + author + tail

    def apply(
        self, state: Collection[str] = (), user: models.Model | None = None
    ) -> None:
        """Restore the content, and the ``state`` fields named; record who did it.

        Raise ``ValidationError`` if the result would be published without
        what readers need (a body, say). Run it on the article as locked by
        the caller's transaction.
        """
        state = [d.name for d in self.state if d.name in state]
        if problems := self.problems(state):
            raise ValidationError(problems)
        article = self.article
        stored_status, stored_slug = article.status, article.slug
        with transaction.atomic():
            for name in [*TEXT_FIELDS, "lead_photo", *state]:
                if name in {d.name for d in [*self.content, *self.state]}:
                    attname = Article._meta.get_field(name).attname
                    setattr(article, attname, getattr(self.restored, attname))
            article._change_reason = self.reason(state)
            article._history_user = user
            article.save()
            if article.slug != stored_slug:
                if stored_status == Article.Status.PUBLISHED:
                    # As a save in the form does: the old address redirects.
                    article.remember_old_slug(stored_slug)
                else:
                    # Its own old address, in use again, stops redirecting.
                    article.old_slugs.filter(slug=article.slug).delete()
            names = {d.name for d in self.content}
            if "tags" in names:
                article.tags.set(self.tag_names)
            if "links" in names:
                self._restore_links(article)
            # The restored body decides the Read Also links again.
            article.sync_inline_links()
            update_latest_version(article)

    def _restore_links(self, article: Article) -> None:
        after = RelatedLink.Placement.AFTER
        RelatedLink.objects.filter(article=article, placement=after).delete()
        for position, link in enumerate(self.links):
            RelatedLink(
                article=article,
                placement=after,
                position=position,
                title=link["title"],
                target_id=link["target"],
                url=link["url"],
            ).save()


def _folded(names: Collection[str]) -> set[str]:
    # As taggit and the importer match tag names: case-insensitively.
    return {name.lower() for name in names}
