"""Related links: a title as written, resolved to the article it names."""

from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q

from ..text.headlines import title_key
from ..validators import refuse_control_characters_in_line
from .bulk_sql import update_column

# A link titled with its own article's headline: it never points there.
_NAMES_OWN_ARTICLE = Q(title_key=F("article__headline_key"))


class RelatedLinkQuerySet(models.QuerySet):
    def unresolved(self) -> "RelatedLinkQuerySet":
        return self.filter(target__isnull=True, url="")

    def naming_own_article(self) -> "RelatedLinkQuerySet":
        """Links whose title is their own article's headline.

        A link never points at its own article, so unless another article
        has the same headline, such a link stays text: no draft or target
        found by title can answer it.
        """
        return self.filter(_NAMES_OWN_ARTICLE)

    def not_naming_own_article(self) -> "RelatedLinkQuerySet":
        return self.exclude(_NAMES_OWN_ARTICLE)

    def unresolved_title_count(self) -> int:
        """How many titles the unresolved-links desk lists, each counted once.

        Links naming their own article are listed apart, as no draft answers them.
        """
        unresolved = self.unresolved().not_naming_own_article()
        return unresolved.order_by().values("title_key").distinct().count()

    def following_titles(self) -> "RelatedLinkQuerySet":
        """Links whose target is whatever article their title names.

        That is unresolved links and links pointing at an article whose
        headline matches their title. A link an editor pointed elsewhere, or
        whose article's headline was revised since, keeps its target.
        """
        return self.filter(
            Q(target__isnull=True, url="") | Q(target__headline_key=F("title_key"))
        )

    def point_at(self, target: models.Model) -> int:
        """Point these links at ``target``, except the target's own; return how many."""
        return self.exclude(article=target).update(target=target)

    def resolve(
        self, *, again: bool = False, targets: "LinkTargets | None" = None
    ) -> int:
        """Point links at the articles their titles name; return how many changed.

        Only links that follow their titles are looked at unless ``again`` is
        true. A link none of whose title's articles exists keeps its target.
        ``targets`` may bring the candidates already looked up.
        """
        links = (self if again else self.following_titles()).values_list(
            "pk", "article_id", "title_key", "target_id"
        )
        rows = list(links.order_by())
        if targets is None:
            targets = LinkTargets(key for _pk, _article, key, _target in rows)
        changes = [
            (target, pk)
            for pk, article_id, key, current in rows
            if (target := targets.target(key, article_id)) is not None
            and target != current
        ]
        update_column(RelatedLink, "target", changes)
        return len(changes)


class LinkTargets:
    """The article a link titled by each of ``keys`` points at, looked up at once.

    This is the one rule of resolution: of the articles whose headline has
    the link's title key, the most recently published wins, whichever was
    written first, then the newest draft; a link never points at its own
    article. Save, the admin and the importer all resolve through it.
    """

    KEYS_PER_QUERY = 5000

    def __init__(self, keys: Iterable[str]) -> None:
        # Two per key, because a link never points at its own article.
        self._found: dict[str, list[int]] = {}
        keys = sorted(set(keys))
        # In slices: SQLite takes a limited number of parameters per query.
        for start in range(0, len(keys), self.KEYS_PER_QUERY):
            articles = (
                _articles()
                .objects.filter(
                    headline_key__in=keys[start : start + self.KEYS_PER_QUERY]
                )
                .preferred_first()
            )
            for key, pk in articles.values_list("headline_key", "pk"):
                pks = self._found.setdefault(key, [])
                if len(pks) < 2:
                    pks.append(pk)

    def target(self, key: str, article_id: int | None) -> int | None:
        """Return the article a link of ``article_id`` titled ``key`` points at."""
        return next((pk for pk in self._found.get(key, ()) if pk != article_id), None)


class RelatedLink(models.Model):
    class Placement(models.TextChoices):
        INLINE = "inline", "Inline (Read Also)"
        AFTER = "after", "After the body"

    article = models.ForeignKey(
        "articles.Article",
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
        help_text="Readers see this text; left empty in the desk, the target "
        "article's headline is used.",
    )
    title_key = models.CharField(max_length=500, db_index=True, editable=False)
    target = models.ForeignKey(
        "articles.Article",
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
    def href(self) -> str:
        """Where the link goes for readers, or "" to show the title as text."""
        if self.target is not None and self.target.is_published:
            return self.target.get_absolute_url()
        return self.url


def _articles() -> type[models.Model]:
    # Links point at articles, and articles own their links: the model is
    # looked up through the relation rather than imported in a circle.
    return RelatedLink._meta.get_field("target").related_model
