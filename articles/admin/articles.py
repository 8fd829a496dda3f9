"""The article screen: list, form, history and actions.

Roles are enforced here, on the server: a user without ``publish_article``
(the Reporter group) can write and revise unpublished articles and send them
for review, but every path that would publish or schedule refuses them: the
form's status choices, the read-only publication time, ``save_model``, the
actions and the history's revert. Whether anyone may change an article at
all, or what its readers see, is decided by ``articles.access``.
"""

from contextlib import AbstractContextManager
from datetime import datetime

from simple_history.admin import SimpleHistoryAdmin

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join

from ..access import changeable, hold_publication, may_change, may_publish
from ..models import Article, RelatedLink, Rendition
from ..models.article_queries import renditions_of
from ..models.versions import update_latest_version
from ..preview import preview_url
from ..templatetags.desk import publication_state, state_key
from .actions import ArticleActionsMixin
from .article_list import ArticleListMixin
from .body_preview import BodyPreviewMixin
from .common import LiveArticleGuardMixin, photo_thumbnail
from .concurrency import NoLostUpdateMixin, article_state, history_authors
from .filters import (
    LabelFilter,
    LeadPhotoFilter,
    PublicationStateFilter,
    SectionTreeFilter,
    StartedByFilter,
    TagFilter,
    UnresolvedLinksFilter,
)
from .forms import (
    ArticleAdminForm,
    RelatedLinkForm,
    RelatedLinkFormSet,
)
from .history import (
    ArticleChangeHelper,
    describe_link_formsets,
    describe_tag_change,
    links_naming,
    retargets_recorded,
)
from .photo_picker import LeadPhotoPickerMixin
from .revert import revert_view
from .unresolved import UnresolvedLinksMixin


class RelatedLinkInline(admin.TabularInline):
    """The links shown after the body; Read Also points come from the body."""

    model = RelatedLink
    fk_name = "article"
    form = RelatedLinkForm
    formset = RelatedLinkFormSet
    extra = 0
    fields = ["order", "title", "target", "url"]
    autocomplete_fields = ["target"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "related link after the body"
    verbose_name_plural = "related links after the body"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(placement=RelatedLink.Placement.AFTER)
            .select_related("target")
        )

    # The parent article decides: links of a live article are the editors'.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_change(
            request.user, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change(
            request.user, obj
        )


@admin.register(Article)
class ArticleAdmin(
    LeadPhotoPickerMixin,
    ArticleListMixin,
    BodyPreviewMixin,
    ArticleActionsMixin,
    UnresolvedLinksMixin,
    NoLostUpdateMixin,
    LiveArticleGuardMixin,
    SimpleHistoryAdmin,
):
    form = ArticleAdminForm
    # Combined columns, so the list fits 1280 px (article_list.py).
    list_display = [
        "story",
        "filed",
        "state",
        "lead_photo_thumbnail",
        "tag_list",
        "is_published",
    ]
    list_display_links = ["story"]
    list_filter = [
        PublicationStateFilter,
        StartedByFilter,
        SectionTreeFilter,
        ("label", LabelFilter),
        "published_at",
        TagFilter,
        LeadPhotoFilter,
        UnresolvedLinksFilter,
    ]
    list_per_page = 50
    search_fields = ["headline", "dek", "body", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo"]
    inlines = [RelatedLinkInline]
    actions = [
        "publish_now",
        "unpublish",
        "submit_for_review",
        "move_to_section",
        "resolve_links_again",
    ]
    fieldsets = [
        (
            "Story",
            {
                "fields": [
                    "label",
                    "headline",
                    "dek",
                    "body",
                    "read_also_points",
                    "byline",
                    "tags",
                ]
            },
        ),
        ("Photo", {"fields": ["lead_photo", "lead_photo_preview"]}),
        ("Placement", {"fields": ["section", "slug", "old_addresses"]}),
        ("Publishing", {"fields": ["current_state", "status", "published_at"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "description": "Filled in by the seed importer; an editor's save "
                "after the import time keeps re-imports from overwriting it.",
                "fields": [
                    "source_id",
                    "source_file",
                    "imported_at",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    object_history_list_template = "admin/articles/article/object_history_list.html"
    object_history_form_template = "admin/articles/article/revert_form.html"
    history_list_display = ["status"]

    # Permissions

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return may_publish(request.user)

    # Two people editing

    def edit_state(self, obj: Article, names: list[str]) -> dict:
        return article_state(obj, names)

    def changed_by(self, obj: Article, since: datetime) -> list[str]:
        return history_authors(obj, since)

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            *super().get_readonly_fields(request, obj),
            "current_state",
            "read_also_points",
            "lead_photo_preview",
            "old_addresses",
            "source_id",
            "source_file",
            "imported_at",
            "created_at",
            "updated_at",
        ]
        if not self.has_publish_permission(request):
            readonly.append("publication_time")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_publish_permission(request):
            return fieldsets
        # Reporters see the time an editor set, never an input for it.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "publication_time" if field == "published_at" else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description="publication time")
    def publication_time(self, obj: Article) -> str:
        if obj.published_at is None:
            return "Not set. An editor sets it when publishing or scheduling."
        when = formats.date_format(
            timezone.localtime(obj.published_at), "DATETIME_FORMAT"
        )
        return f"{when} (set by an editor)"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if request.GET.get("model_name") == "relatedlink" and (
            request.GET.get("field_name") == "article"
        ):
            # Offer a reporter only the articles a link may be added to.
            queryset = changeable(request.user, queryset)
        if request.GET.get("model_name") == "relatedlink" and (
            request.GET.get("field_name") == "target"
        ):
            # An editor picking a link's target types its headline.
            queryset = queryset.headline_matches_first(search_term)
        return queryset, duplicates

    # Changelist

    def get_queryset(self, request):
        unresolved = (
            RelatedLink.objects.unresolved()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("section", "lead_photo__credit")
            .prefetch_related(
                "tags", renditions_of("lead_photo", [Rendition.Crop.SQUARE])
            )
            .annotate(unresolved_count=Coalesce(Subquery(unresolved[:1]), 0))
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "unresolved_title_count": RelatedLink.objects.unresolved_title_count(),
            "unresolved_url": reverse("admin:articles_article_unresolved_links"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # Change form

    def view_on_site(self, obj: Article) -> str | None:
        # Drafts and scheduled articles get a signed preview link instead.
        return obj.get_absolute_url() if obj.is_published else None

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk and not obj.is_published:
            context["preview_url"] = preview_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="state")
    def current_state(self, obj: Article) -> str:
        if obj.pk is None:
            return "New, not saved yet"
        return format_html(
            '<strong class="publication-state state-{}">{}</strong>',
            state_key(obj),
            publication_state(obj),
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # A byline given in the address (?byline=...) wins.
        initial.setdefault("byline", _writer_byline(request.user))
        return initial

    @admin.display(description="Read Also points")
    def read_also_points(self, obj: Article) -> str:
        if obj.pk is None:
            return "Listed here once the article is saved."
        items = [item for item in obj.body_items() if item.block.is_read_also]
        if not items:
            return "None: add a line “Read Also: Headline” to the body."
        return format_html(
            '<ol class="read-also-points">{}</ol>',
            format_html_join(
                "",
                "<li>{} → {}</li>",
                ((item.block.text, _link_target_text(item.link)) for item in items),
            ),
        )

    @admin.display(description="picture")
    def lead_photo_preview(self, obj: Article) -> str:
        return photo_thumbnail(obj.lead_photo)

    @admin.display(description="old addresses")
    def old_addresses(self, obj: Article) -> str:
        if obj.pk is None:
            return "—"
        slugs = [old.slug for old in obj.old_slugs.all()]
        if not slugs:
            return (
                "None. Change the slug of a published article and its old "
                "address is kept here, sending readers to the new one."
            )
        return ", ".join(slugs)

    def save_model(self, request, obj, form, change):
        stored = (
            Article.objects.filter(pk=obj.pk)
            .values("slug", "status", "published_at")
            .first()
            if change
            else None
        )
        hold_publication(request.user, obj, stored)
        super().save_model(request, obj, form, change)
        if (
            stored is not None
            and stored["status"] == Article.Status.PUBLISHED
            and stored["slug"] != obj.slug
        ):
            obj.remember_old_slug(stored["slug"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_inline_links()
        with retargets_recorded(
            request.user, links_naming(form.instance), "its headline matched"
        ):
            form.instance.resolve_links_naming_it()
        # The save's version was written before the tags and links were.
        update_latest_version(form.instance)
        if change:
            # Links and tags live in their own rows; say in the history what
            # happened to them.
            notes = [describe_link_formsets(formsets), describe_tag_change(form)]
            reason = "; ".join(note for note in notes if note) or (
                "" if form.has_changed() else "Saved without changes"
            )
            latest = form.instance.history.first()
            if reason and latest is not None and not latest.history_change_reason:
                latest.history_change_reason = reason[:100]
                latest.save(update_fields=["history_change_reason"])

    # History

    def get_historical_record_context_helper(self, request, historical_record):
        return ArticleChangeHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring is about words: the revert screen, not simple-history's
        # form, which would restore every field including the state.
        return revert_view(self, request, unquote(object_id), version_id, extra_context)

    # Deleting

    def delete_model(self, request, obj):
        with transaction.atomic():
            with _inbound_links_recorded(request, Article.objects.filter(pk=obj.pk)):
                super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            with _inbound_links_recorded(request, queryset):
                super().delete_queryset(request, queryset)


def _inbound_links_recorded(
    request: HttpRequest, articles: models.QuerySet
) -> AbstractContextManager[None]:
    """Record on other articles the links that lose their target with ``articles``."""
    inbound = RelatedLink.objects.filter(target__in=articles).exclude(
        article__in=articles
    )
    pks = list(inbound.values_list("pk", flat=True))
    return retargets_recorded(
        request.user, RelatedLink.objects.filter(pk__in=pks), "its article was deleted"
    )


def _writer_byline(user: AbstractBaseUser) -> str:
    """The byline a new article starts with: its writer's full name.

    Never the username, which is what signs in: published, it would tell
    anyone which accounts to try (and lock out). A name the byline field
    would refuse (too long, a control character) is left for the writer.
    """
    name = user.get_full_name().strip()
    try:
        Article._meta.get_field("byline").clean(name, None)
    except ValidationError:
        return ""
    return name


def _link_target_text(link: RelatedLink | None) -> str:
    if link is None or link.target_id is None:
        return "no article with that headline yet"
    target = link.target
    state = "published" if target.is_published else target.get_status_display().lower()
    return f"“{target.headline}” ({state})"
