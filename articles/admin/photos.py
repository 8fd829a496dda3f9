"""Photos and their credits: a change to a lead photo shows in its articles' History."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest
from django.template.response import TemplateResponse

from ..access import ONLY_EDITORS, articles_showing, changeable
from ..models import Article, CreditAlias, Photo, PhotoCredit
from ..text.credits import normalize_credit
from .common import LiveArticleGuardMixin, photo_thumbnail, quoted
from .concurrency import NoLostUpdateMixin
from .filters import PhotoImageFilter
from .forms import MergeCreditsForm
from .history import changed_fields, record_for


class PhotoCreditAdminForm(forms.ModelForm):
    class Meta:
        model = PhotoCredit
        fields = ["text", "creator", "agency", "distributor"]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        key = normalize_credit(text)
        found = PhotoCredit.objects.ids_for_keys([key]).get(key)
        if found is not None and found != self.instance.pk:
            # The key is unique; say so instead of failing on the insert.
            raise forms.ValidationError(
                "This credit line is already known as “%(credit)s”; use that one.",
                code="duplicate",
                params={"credit": PhotoCredit.objects.get(pk=found).display},
            )
        return text


# What readers of an article see of its lead photo and of that photo's credit.
PHOTO_FIELDS = ["image", "alt_text", "caption", "credit"]
CREDIT_FIELDS = ["text", "creator", "agency", "distributor"]


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
class PhotoCreditAdmin(NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin):
    form = PhotoCreditAdminForm
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
        if changeable(request.user, queryset).count() != len(credits):
            self.message_user(
                request,
                f"{ONLY_EDITORS}: a selected credit is on the lead photo of one. "
                "Nothing was merged.",
                messages.ERROR,
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
                showing = {
                    credit: list(articles_showing(credit).values_list("pk", flat=True))
                    for credit in credits
                    if credit.pk != keep.pk
                }
                moved = keep.absorb(credits)
                for credit, pks in showing.items():
                    record_for(
                        request.user,
                        Article.objects.filter(pk__in=pks),
                        f"Lead photo credit {quoted(credit.display)} merged into "
                        f"{quoted(keep.display)}",
                    )
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
                "objects": credits,
                "action": "merge_credits",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def save_model(self, request, obj, form, change):
        stored = PhotoCredit.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if stored is not None and changed_fields(form, CREDIT_FIELDS):
            record_for(
                request.user,
                articles_showing(obj),
                f"Lead photo credit changed from {quoted(stored.display)} to "
                f"{quoted(obj.display)}",
            )


@admin.register(Photo)
class PhotoAdmin(NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and (fields := changed_fields(form, PHOTO_FIELDS)):
            record_for(
                request.user, articles_showing(obj), f"Lead photo {fields} changed"
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            pks = list(articles_showing(obj).values_list("pk", flat=True))
            super().delete_model(request, obj)
            record_for(
                request.user, Article.objects.filter(pk__in=pks), "Lead photo deleted"
            )

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            pks = list(
                Article.objects.filter(lead_photo__in=queryset).values_list(
                    "pk", flat=True
                )
            )
            super().delete_queryset(request, queryset)
            record_for(
                request.user, Article.objects.filter(pk__in=pks), "Lead photo deleted"
            )
