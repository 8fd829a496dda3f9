"""Sections: the desks a site files its articles under, nested, with fronts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from ..validators import refuse_control_characters, refuse_control_characters_in_line

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


def validate_section_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is used by the site's own addresses; choose another slug.",
            code="reserved",
            params={"value": value},
        )


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
