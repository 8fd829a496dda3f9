"""Sections: listed as the menu nests them; a rename shows in its articles' History."""

from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import format_html

from ..access import articles_showing
from ..models import Article, Section
from .common import LiveArticleGuardMixin, quoted
from .concurrency import NoLostUpdateMixin
from .history import record_for


class SectionTreeChangeList(ChangeList):
    """List sections as the menu nests them unless a column is sorted."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return ["tree_order", "pk"]

    def get_ordering_field_columns(self):
        if ORDER_VAR in self.params:
            return super().get_ordering_field_columns()
        return {self.list_display.index("tree_name"): "asc"}


@admin.register(Section)
class SectionAdmin(NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin):
    list_display = [
        "tree_name",
        "slug",
        "position",
        "show_in_navigation",
        "article_count",
        "published_count",
    ]
    list_display_links = ["tree_name"]
    list_editable = ["position", "show_in_navigation"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "slug", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_per_page = 200

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        tree = Section.objects.in_tree_order()
        articles = Article.objects.filter(section=OuterRef("pk"))
        return queryset.annotate(
            tree_order=_rank(section.pk for section, _depth in tree),
            depth=_lookup({section.pk: depth for section, depth in tree}),
            article_count=_count(articles, "section"),
            published_count=_count(articles.published(), "section"),
        )

    def get_changelist(self, request, **kwargs):
        return SectionTreeChangeList

    @admin.display(description="section", ordering="tree_order")
    def tree_name(self, obj: Section) -> str:
        depth = getattr(obj, "depth", 0) or 0
        if not depth:
            return obj.name
        return format_html(
            '<span class="tree-indent">{}└ </span>{}', "\u2003" * (depth - 1), obj.name
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj: Section) -> int:
        return obj.article_count

    @admin.display(description="published", ordering="published_count")
    def published_count(self, obj: Section) -> int:
        return obj.published_count

    def save_model(self, request, obj, form, change):
        stored = Section.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if stored is None:
            return
        notes = []
        if stored.name != obj.name:
            notes.append(
                f"Section renamed from {quoted(stored.name)} to {quoted(obj.name)}"
            )
        if stored.slug != obj.slug:
            notes.append(
                f"Section address changed from /{stored.slug}/ to /{obj.slug}/"
            )
        record_for(request.user, articles_showing(obj), "; ".join(notes))


def _rank(pks: Iterable[int]) -> models.Case:
    return _lookup({pk: rank for rank, pk in enumerate(pks)})


def _lookup(values: dict[int, int]) -> models.Case:
    """Annotate each row with the value its primary key maps to."""
    return models.Case(
        *[models.When(pk=pk, then=models.Value(value)) for pk, value in values.items()],
        default=models.Value(0),
        output_field=models.IntegerField(),
    )


def _count(queryset: models.QuerySet, by: str) -> Coalesce:
    """Count the rows of ``queryset``, filtered on ``OuterRef``, grouped by ``by``."""
    counted = queryset.order_by().values(by).annotate(total=Count("pk"))
    return Coalesce(Subquery(counted.values("total")[:1]), 0)
