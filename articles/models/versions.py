"""What a version in an article's History keeps besides the article's own columns.

simple-history copies the article's row; its tags and its links after the
body live in other rows, so each version also keeps them, as JSON lists,
whichever way it is written: a save (simple-history's signal, below), a
change recorded on many articles or an import (``bulk_sql.record_history``).
Both fill them by the same SQL (``bulk_sql.kept_values``). Inline Read Also
links are not kept: they follow the body.
"""

from simple_history.signals import pre_create_historical_record

from django.db import models
from django.dispatch import receiver

from .bulk_sql import KeptRows, kept_values
from .links import RelatedLink

# The reasons an import gives the versions it writes, before the seed file's name.
IMPORTED_FROM = "Imported from "
REIMPORTED_FROM = "Re-imported from "


def version_author(version: models.Model) -> str:
    """Who saved a version: a person, the importer, or else a script."""
    user = version.history_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    why = version.history_change_reason or ""
    return (
        "the importer"
        if why.startswith((IMPORTED_FROM, REIMPORTED_FROM))
        else "a script"
    )


class VersionKeepsTagsAndLinks(models.Model):
    """The base of the article's history model: a version's tags and links too.

    Both are None in versions saved before the History kept them; restoring
    such a version keeps the article's current tags and links.
    """

    tag_names = models.JSONField(
        "tags",
        null=True,
        blank=True,
        editable=False,
        help_text="The tag names, in the desk's order.",
    )
    links_after = models.JSONField(
        "links after the body",
        null=True,
        blank=True,
        editable=False,
        help_text="Each link's title, target article id and web address, in order.",
    )

    kept_rows = {
        "tag_names": KeptRows(
            "articles.TaggedArticle", "content_object", value="tag__name"
        ),
        "links_after": KeptRows(
            "articles.RelatedLink",
            "article",
            values={"title": "title", "target": "target_id", "url": "url"},
            where={"placement": RelatedLink.Placement.AFTER},
            order_by=("position", "pk"),
        ),
    }

    class Meta:
        abstract = True


@receiver(pre_create_historical_record, dispatch_uid="version_keeps_tags_and_links")
def keep_tags_and_links(sender, instance, history_instance, **kwargs) -> None:
    # Any history model built on the base: one save's version.
    if isinstance(history_instance, VersionKeepsTagsAndLinks):
        for name, value in kept_values(sender, instance.pk).items():
            setattr(history_instance, name, value)


def update_latest_version(obj: models.Model) -> None:
    """Bring the tags and links of ``obj``'s latest version up to date.

    A form saves the article, which writes its version, before its tags and
    links; call this once they are saved, so the version holds what the
    save left.
    """
    latest = obj.history.order_by("-history_date", "-history_id").first()
    if latest is not None and isinstance(latest, VersionKeepsTagsAndLinks):
        type(latest).objects.filter(pk=latest.pk).update(
            **kept_values(type(latest), obj.pk)
        )
