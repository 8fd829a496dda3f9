"""The editors' desk in the Django admin."""

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q

from .models import Article, Photo, PhotoCredit, RelatedLink, Section


class UnresolvedLinksFilter(admin.SimpleListFilter):
    title = "related links"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("unresolved", "Has unresolved links"), ("resolved", "All resolved")]

    def queryset(self, request, queryset):
        unresolved = Q(related_links__target__isnull=True, related_links__url="")
        if self.value() == "unresolved":
            return queryset.filter(unresolved).distinct()
        if self.value() == "resolved":
            return queryset.exclude(unresolved)
        return queryset


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    fields = ["placement", "position", "title", "target", "url"]
    autocomplete_fields = ["target"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "slug", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(PhotoCredit)
class PhotoCreditAdmin(admin.ModelAdmin):
    list_display = [
        "text",
        "display",
        "creator",
        "agency",
        "distributor",
        "photo_count",
    ]
    search_fields = ["text", "creator", "agency", "distributor"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description="photos", ordering="photo_count")
    def photo_count(self, obj: PhotoCredit) -> int:
        return obj.photo_count


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "has_image", "created_at"]
    list_select_related = ["credit"]
    search_fields = ["caption", "alt_text", "credit__text"]
    autocomplete_fields = ["credit"]
    readonly_fields = ["width", "height"]

    @admin.display(description="image", boolean=True)
    def has_image(self, obj: Photo) -> bool:
        return bool(obj.image)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "label",
        "section",
        "status",
        "published_at",
        "is_published",
        "byline",
    ]
    list_filter = ["status", "section", UnresolvedLinksFilter, "published_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "body", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo"]
    readonly_fields = ["source_id", "source_file", "imported_at", "updated_at"]
    inlines = [RelatedLinkInline]
    fieldsets = [
        ("Story", {"fields": ["label", "headline", "dek", "body", "byline", "tags"]}),
        ("Photo", {"fields": ["lead_photo"]}),
        ("Placement", {"fields": ["section", "slug"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": ["source_id", "source_file", "imported_at", "updated_at"],
            },
        ),
    ]

    @admin.display(description="live", boolean=True)
    def is_published(self, obj: Article) -> bool:
        return obj.is_published

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_inline_links()
        form.instance.resolve_links_naming_it()


@admin.register(RelatedLink)
class RelatedLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "article", "placement", "target"]
    list_select_related = ["article", "target"]
    list_filter = ["placement", ("target", admin.EmptyFieldListFilter)]
    search_fields = ["title", "article__headline"]
    autocomplete_fields = ["article", "target"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
