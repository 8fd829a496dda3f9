"""The desk's list filters: by state, section tree, tag, photo and links."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from ..models import RelatedLink, Section
from .forms import section_choices


class LabelFilter(admin.AllValuesFieldListFilter):
    """Filter by label, naming the articles without one (a link needs a name)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice["display"] = "No label"
            yield choice


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
                return queryset.drafts()
            case "review":
                return queryset.in_review()
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
        return queryset


class StartedByFilter(admin.SimpleListFilter):
    """The articles the signed-in user started (the front page's "see all")."""

    title = "started by"
    parameter_name = "by"

    def lookups(self, request, model_admin):
        return [("me", "Me")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.started_by(request.user)
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
