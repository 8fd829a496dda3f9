"""The editors' desk in the Django admin.

Roles are enforced here, on the server: a user without ``publish_article``
(the Reporter group) can write and revise unpublished articles and send them
for review, but every path that would publish or schedule refuses them: the
form's status choices, the read-only publication time, ``save_model``, the
actions and the history's revert.
"""

import difflib
from collections.abc import Iterable

from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from .forms import (
    ArticleAdminForm,
    ArticleTargetForm,
    MergeCreditsForm,
    MoveToSectionForm,
    RelatedLinkForm,
    RelatedLinkFormSet,
    section_choices,
)
from .headlines import split_label
from .models import (
    Article,
    CreditAlias,
    Photo,
    PhotoCredit,
    RelatedLink,
    Section,
)
from .preview import preview_url


def photo_thumbnail(photo: Photo | None) -> str:
    """Return a small picture of ``photo``, or say that only its credit is known."""
    if photo is None:
        return "—"
    if not photo.image:
        credit = photo.credit.display if photo.credit_id else "no credit"
        return format_html('<span class="credit-only">Credit only: {}</span>', credit)
    try:
        url = photo.thumbnail.url
    except (OSError, ValueError):
        # The file is gone from storage; say so instead of failing the page.
        return format_html('<span class="missing-image">Image file missing</span>')
    return format_html(
        '<img class="photo-thumbnail" src="{}" alt="{}" loading="lazy">',
        url,
        photo.alt_text,
    )


def text_diff(old: str, new: str) -> SafeString:
    """Return an HTML difference of two texts, paragraph by paragraph.

    A changed paragraph shows the words taken out and put in, so a one-word
    correction in a long paragraph is easy to spot.
    """
    old_lines = [line for line in (old or "").splitlines() if line.strip()]
    new_lines = [line for line in (new or "").splitlines() if line.strip()]
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if i2 - i1 > 2:
                rows.append(format_html('<p class="diff-same">{}</p>', old_lines[i1]))
                rows.append(mark_safe('<p class="diff-skip">…</p>'))
                rows.append(
                    format_html('<p class="diff-same">{}</p>', old_lines[i2 - 1])
                )
            else:
                rows.extend(
                    format_html('<p class="diff-same">{}</p>', line)
                    for line in old_lines[i1:i2]
                )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                rows.append(
                    format_html(
                        '<p class="diff-changed">{}</p>', _words_diff(before, after)
                    )
                )
        else:
            rows.extend(
                format_html('<p class="diff-removed"><del>{}</del></p>', line)
                for line in old_lines[i1:i2]
            )
            rows.extend(
                format_html('<p class="diff-added"><ins>{}</ins></p>', line)
                for line in new_lines[j1:j2]
            )
    return mark_safe('<div class="text-diff">' + "".join(rows) + "</div>")


def _words_diff(old: str, new: str) -> SafeString:
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))


class ArticleChangeHelper(HistoricalRecordContextHelper):
    """Show long text fields of a change as a difference, others as old → new."""

    long_text_fields = frozenset({"body", "dek"})

    def context_for_delta_changes(self, delta) -> list[dict]:
        context = super().context_for_delta_changes(delta)
        for entry, change in zip(context, delta.changes, strict=True):
            if change.field in self.long_text_fields:
                entry["diff"] = text_diff(change.old, change.new)
        return context


class PublicationStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (live)"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "review":
                return queryset.filter(status=Article.Status.REVIEW)
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
        return queryset


class SectionTreeFilter(admin.SimpleListFilter):
    """Filter by section, nested sections included, listed as the menu nests them."""

    title = "section"
    parameter_name = "section"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in section_choices()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        section = Section.objects.filter(pk=self.value()).first()
        if section is None:
            return queryset.none()
        return queryset.in_section(section)


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = (
            model_admin.model.tags.through.tag_model()
            .objects.filter(articles_taggedarticle_items__isnull=False)
            .distinct()
            .order_by("name")
        )
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.tagged(self.value())


class LeadPhotoFilter(admin.SimpleListFilter):
    title = "lead photo"
    parameter_name = "photo"

    def lookups(self, request, model_admin):
        return [
            ("picture", "With a picture"),
            ("credit", "Credit only"),
            ("none", "No photo"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "picture":
                return queryset.filter(lead_photo__isnull=False).exclude(
                    lead_photo__image=""
                )
            case "credit":
                return queryset.filter(lead_photo__image="")
            case "none":
                return queryset.filter(lead_photo__isnull=True)
        return queryset


class UnresolvedLinksFilter(admin.SimpleListFilter):
    title = "related links"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("unresolved", "Has unresolved links"), ("resolved", "All resolved")]

    def queryset(self, request, queryset):
        unresolved = Exists(
            RelatedLink.objects.unresolved().filter(article=OuterRef("pk"))
        )
        if self.value() == "unresolved":
            return queryset.filter(unresolved)
        if self.value() == "resolved":
            return queryset.exclude(unresolved)
        return queryset


class PhotoImageFilter(admin.SimpleListFilter):
    title = "picture"
    parameter_name = "picture"

    def lookups(self, request, model_admin):
        return [("yes", "With a picture"), ("no", "Credit only")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(image="")
        if self.value() == "no":
            return queryset.filter(image="")
        return queryset


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
class SectionAdmin(admin.ModelAdmin):
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


class CreditAliasInline(admin.TabularInline):
    """The wordings merged into this credit; deleting one lets it stand alone again."""

    model = CreditAlias
    extra = 0
    fields = ["key"]
    readonly_fields = ["key"]
    verbose_name_plural = "wordings merged into this credit"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PhotoCredit)
class PhotoCreditAdmin(admin.ModelAdmin):
    inlines = [CreditAliasInline]
    list_display = [
        "text",
        "display",
        "creator",
        "agency",
        "distributor",
        "photo_count",
    ]
    search_fields = ["text", "creator", "agency", "distributor"]
    actions = ["merge_credits"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description="photos", ordering="photo_count")
    def photo_count(self, obj: PhotoCredit) -> int:
        return obj.photo_count

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(
            request
        )

    @admin.action(
        description="Merge the selected credits into one", permissions=["merge"]
    )
    def merge_credits(self, request, queryset):
        credits = queryset.order_by("-photo_count", "text")
        if len(credits) < 2:
            self.message_user(
                request, "Select at least two credits to merge.", messages.WARNING
            )
            return None
        form = MergeCreditsForm(
            request.POST if "apply" in request.POST else None,
            credits=credits,
            initial={"keep": credits[0].pk},
        )
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            with transaction.atomic():
                moved = keep.absorb(credits)
            self.message_user(
                request,
                f"Merged {len(credits) - 1} credits into “{keep.display}”; "
                f"{moved} photos now carry it.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/photocredit/merge_credits.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge photo credits",
                "opts": self.model._meta,
                "form": form,
                "credits": credits,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "__str__",
        "credit",
        "alt_text",
        "use_count",
        "created_at",
    ]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["credit"]
    list_filter = [PhotoImageFilter]
    search_fields = ["caption", "alt_text", "credit__text"]
    autocomplete_fields = ["credit"]
    fields = ["image", "preview", "alt_text", "caption", "credit", "width", "height"]
    readonly_fields = ["preview", "width", "height"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_count=Count("lead_articles"))

    @admin.display(description="picture")
    def thumbnail(self, obj: Photo) -> str:
        return photo_thumbnail(obj)

    @admin.display(description="preview")
    def preview(self, obj: Photo) -> str:
        return photo_thumbnail(obj) if obj.pk else "—"

    @admin.display(description="lead photo of", ordering="use_count")
    def use_count(self, obj: Photo) -> str:
        count = getattr(obj, "use_count", 0)
        return f"{count} article{'s' if count != 1 else ''}"


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "label",
        "headline",
        "section",
        "state",
        "published_at",
        "byline",
        "lead_photo_thumbnail",
        "unresolved_links",
        "tag_list",
        "is_published",
    ]
    list_display_links = ["headline"]
    list_filter = [
        PublicationStateFilter,
        SectionTreeFilter,
        "label",
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
        ("Publishing", {"fields": ["status", "published_at"]}),
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
    history_list_display = ["status"]

    # Permissions

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            # Published and scheduled articles are the editors' to change.
            return self.has_publish_permission(request)
        return True

    def get_readonly_fields(self, request, obj=None):
        readonly = [
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
        if self.has_publish_permission(request):
            return self.fieldsets
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
            for name, options in self.fieldsets
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
            .prefetch_related("tags")
            .annotate(unresolved_count=Coalesce(Subquery(unresolved[:1]), 0))
        )

    def changelist_view(self, request, extra_context=None):
        titles = RelatedLink.objects.unresolved().values("title_key").distinct()
        extra_context = {
            "unresolved_title_count": titles.count(),
            "unresolved_url": reverse("admin:articles_article_unresolved_links"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="status", ordering="status")
    def state(self, obj: Article) -> str:
        if obj.is_scheduled:
            return "Scheduled"
        return obj.get_status_display()

    @admin.display(description="live", boolean=True)
    def is_published(self, obj: Article) -> bool:
        return obj.is_published

    @admin.display(description="lead photo")
    def lead_photo_thumbnail(self, obj: Article) -> str:
        return photo_thumbnail(obj.lead_photo)

    @admin.display(description="unresolved links", ordering="unresolved_count")
    def unresolved_links(self, obj: Article) -> int:
        return obj.unresolved_count

    @admin.display(description="tags")
    def tag_list(self, obj: Article) -> str:
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

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
        if not self.has_publish_permission(request):
            # Whatever reached us, a reporter neither publishes nor schedules.
            obj.published_at = stored["published_at"] if stored else None
            if obj.status == Article.Status.PUBLISHED:
                obj.status = stored["status"] if stored else Article.Status.DRAFT
                if obj.status == Article.Status.PUBLISHED:
                    raise PermissionDenied
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
        form.instance.resolve_links_naming_it()
        if change:
            # Links live in their own rows; say in the history what happened.
            reason = _describe_link_changes(formsets) or (
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
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        response = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        if request.method == "POST" and response.status_code == 302:
            # The restored body decides the inline links again.
            article = Article.objects.get(pk=unquote(object_id))
            article.sync_inline_links()
            article.resolve_links_naming_it()
        return response

    # Actions

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        published, blocked = [], []
        for article in queryset.select_related(None):
            if article.is_published:
                continue
            if problems := article.publication_problems():
                blocked.append(f"“{article}” ({' '.join(problems.values())})")
                continue
            article.status, article.published_at = Article.Status.PUBLISHED, now
            article._change_reason = "Published now"
            article.save()
            published.append(article)
        self.message_user(
            request,
            f"Published {_plural(len(published), 'article')}.",
            messages.SUCCESS,
        )
        if blocked:
            self.message_user(
                request, "Not published: " + "; ".join(blocked), messages.WARNING
            )

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        articles = queryset.select_related(None).filter(status=Article.Status.PUBLISHED)
        for article in articles:
            article.status = Article.Status.DRAFT
            article._change_reason = "Unpublished"
            article.save()
        self.message_user(
            request,
            f"Unpublished {_plural(len(articles), 'article')}; readers no longer "
            "see them.",
            messages.SUCCESS,
        )

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.select_related(None).filter(status=Article.Status.DRAFT)
        for article in drafts:
            article.status = Article.Status.REVIEW
            article._change_reason = "Submitted for review"
            article.save()
        self.message_user(
            request,
            f"Sent {_plural(len(drafts), 'draft')} to the desk for review.",
            messages.SUCCESS,
        )

    @admin.action(description="Move to a section…", permissions=["change"])
    def move_to_section(self, request, queryset):
        articles = list(queryset.select_related("section"))
        form = MoveToSectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            section = form.cleaned_data["section"]
            moved, refused = 0, []
            for article in articles:
                if not self.has_change_permission(request, article):
                    refused.append(f"“{article}”")
                    continue
                if article.section_id == section.pk:
                    continue
                article.section = section
                article._change_reason = f"Moved to {section}"
                article.save()
                moved += 1
            self.message_user(
                request,
                f"Moved {_plural(moved, 'article')} to {section}.",
                messages.SUCCESS,
            )
            if refused:
                self.message_user(
                    request,
                    "Only editors can move published articles: " + ", ".join(refused),
                    messages.WARNING,
                )
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/move_to_section.html",
            {
                **self.admin_site.each_context(request),
                "title": "Move articles to a section",
                "opts": self.model._meta,
                "form": form,
                "articles": articles,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Resolve related links again", permissions=["change"])
    def resolve_links_again(self, request, queryset):
        changed = RelatedLink.objects.filter(article__in=queryset).resolve(again=True)
        self.message_user(
            request,
            f"{_links_now_point(changed, 'related link')} at a different article."
            if changed
            else "Every link already points where its title says.",
            messages.SUCCESS,
        )

    # The unresolved-links desk

    def get_urls(self):
        return [
            path(
                "unresolved-links/",
                self.admin_site.admin_view(self.unresolved_links_view),
                name="articles_article_unresolved_links",
            ),
            *super().get_urls(),
        ]

    def unresolved_links_view(self, request: HttpRequest) -> HttpResponse:
        """List every title no article answers to, with the articles using it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._answer_unresolved(request)
        query = request.GET.get("q", "").strip()
        links = RelatedLink.objects.unresolved()
        if query:
            links = links.filter(title__icontains=query)
        keys = (
            links.order_by()
            .values("title_key")
            .annotate(uses=Count("pk"), first=Max("pk"))
            .order_by("-uses", "title_key")
        )
        page = Paginator(keys, 30).get_page(request.GET.get("p"))
        page_keys = [row["title_key"] for row in page.object_list]
        groups: dict[str, dict] = {
            key: {"key": key, "titles": [], "links": []} for key in page_keys
        }
        for link in (
            links.filter(title_key__in=page_keys)
            .select_related("article__section")
            .order_by("article__headline", "pk")
        ):
            group = groups[link.title_key]
            group["links"].append(link)
            if link.title not in group["titles"]:
                group["titles"].append(link.title)
        for index, group in enumerate(groups.values()):
            group["form"] = ArticleTargetForm(
                prefix=f"title{index}", initial={"key": group["key"]}
            )
            group["prefix"] = f"title{index}"
        context = {
            **self.admin_site.each_context(request),
            "title": "Unresolved related links",
            "opts": self.model._meta,
            "groups": list(groups.values()),
            "page": page,
            "query": query,
            "media": self.media + ArticleTargetForm().media,
            "can_point": request.user.has_perm("articles.change_relatedlink"),
            "can_create": self.has_add_permission(request),
        }
        return TemplateResponse(
            request, "admin/articles/article/unresolved_links.html", context
        )

    def _answer_unresolved(self, request: HttpRequest) -> HttpResponse:
        back = request.POST.get("next", "")
        if not back.startswith(reverse("admin:articles_article_unresolved_links")):
            back = reverse("admin:articles_article_unresolved_links")
        prefix = request.POST.get("prefix", "")
        form = ArticleTargetForm(request.POST, prefix=prefix)
        key = request.POST.get(f"{prefix}-key", "")
        links = RelatedLink.objects.unresolved().filter(title_key=key)
        example = links.select_related("article__section").order_by("-pk").first()
        if example is None:
            self.message_user(
                request,
                "Those links are no longer unresolved; nothing was changed.",
                messages.WARNING,
            )
            return HttpResponseRedirect(back)
        if "create" in request.POST:
            if not self.has_add_permission(request):
                raise PermissionDenied
            headline, label = split_label(example.title)
            with transaction.atomic():
                draft = Article(
                    headline=headline,
                    label=label,
                    section=example.article.section,
                    status=Article.Status.DRAFT,
                )
                draft._change_reason = "Created from an unresolved related link"
                draft.save()
                resolved = draft.resolve_links_naming_it()
            self.message_user(
                request,
                format_html(
                    'Created the draft “<a href="{}">{}</a>” in {}; {} at it.',
                    reverse("admin:articles_article_change", args=[draft.pk]),
                    draft.headline,
                    draft.section,
                    _links_now_point(resolved, "link"),
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(back)
        if not request.user.has_perm("articles.change_relatedlink"):
            raise PermissionDenied
        if not form.is_valid():
            errors = "; ".join(
                message for field in form.errors.values() for message in field
            )
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(back)
        target = form.cleaned_data["target"]
        pointed = links.point_at(target)
        self.message_user(
            request,
            f"{_plural(pointed, 'link')} titled “{example.title}” "
            f"{'now points' if pointed == 1 else 'now point'} at “{target}”.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back)


def _describe_link_changes(formsets) -> str:
    notes = []
    for formset in formsets:
        if formset.model is not RelatedLink:
            continue
        notes += [f"added link “{link}”" for link in formset.new_objects]
        notes += [f"changed link “{link}”" for link, _ in formset.changed_objects]
        notes += [f"removed link “{link}”" for link in formset.deleted_objects]
    return capfirst("; ".join(notes))


def _link_target_text(link: RelatedLink | None) -> str:
    if link is None or link.target_id is None:
        return "no article with that headline yet"
    target = link.target
    state = "published" if target.is_published else target.get_status_display().lower()
    return f"“{target.headline}” ({state})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _links_now_point(count: int, noun: str) -> str:
    return f"{_plural(count, noun)} now point{'s' if count == 1 else ''}"


@admin.register(RelatedLink)
class RelatedLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "article", "placement", "target"]
    list_select_related = ["article", "target"]
    list_filter = ["placement", ("target", admin.EmptyFieldListFilter)]
    search_fields = ["title", "article__headline"]
    autocomplete_fields = ["article", "target"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
