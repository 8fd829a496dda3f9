"""Photos and their credits: a change to a lead photo shows in its articles' History."""

import json
from dataclasses import astuple

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..access import ONLY_EDITORS, articles_showing, changeable
from ..images.renditions import refresh_renditions
from ..models import Article, CreditAlias, Photo, PhotoCredit, Rendition
from ..text.credits import (
    CreditParts,
    format_credit,
    shows_house_style,
    split_credit,
)
from .common import LiveArticleGuardMixin, photo_thumbnail, quoted
from .concurrency import NoLostUpdateMixin
from .filters import PhotoImageFilter
from .focal_point import FocalPointFormMixin, focal_point_picker
from .forms import MergeCreditsForm
from .history import changed_fields, record_for
from .licences import LicenceGroupFilter, LicenceReportMixin
from .photo_picker import PhotoPickerMixin
from .photo_uploads import PhotoUploadForm, tell_what_was_read

# What readers of an article see of its lead photo and of that photo's credit.
PHOTO_FIELDS = ["image", "alt_text", "caption", "credit"]
PART_FIELDS = ["creator", "agency", "distributor"]
CREDIT_FIELDS = ["text", *PART_FIELDS]
PARTS_HELP = (
    "Leave the parts as they are and they are split from the credit line as an "
    "import splits it (the line above shows the result while you type). Type or "
    "clear a part to set the parts yourself: they are then kept as you leave them."
)


class PhotoCreditAdminForm(forms.ModelForm):
    """A credit typed on the desk, split and matched as an imported one is.

    The parts follow the line: when the line is new or changed and the
    editor left the three parts as they were, they are split from it by the
    importer's rule. Parts the editor typed or cleared are kept as given.
    """

    class Meta:
        model = PhotoCredit
        fields = ["text", "creator", "agency", "distributor"]

    class Media:
        js = ["js/credit_preview.js"]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if known := known_credit(text, self.instance):
            link = format_html(
                '“<a href="{}">{}</a>”',
                reverse("admin:articles_photocredit_change", args=[known.pk]),
                known.display,
            )
            raise forms.ValidationError(
                format_html(known_credit_message(known, text, "{}"), link),
                code="known",
            )
        return text

    def clean_agency(self) -> str:
        # Typed as "SOPA Images / LightRocket", it is the split's
        # "SOPA Images/LightRocket": one spelling, so the licence report's
        # groups and the photo list they link to agree.
        agency = self.cleaned_data["agency"]
        return "/".join(
            " ".join(part.split()) for part in agency.split("/") if part.strip()
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if "text" in cleaned and self.parts_follow_line():
            parts = split_credit(cleaned["text"])
            cleaned.update(zip(PART_FIELDS, astuple(parts), strict=True))
        return cleaned

    def parts_follow_line(self) -> bool:
        """Say whether the parts are split from the line rather than taken as typed."""
        line_is_new = self.instance.pk is None or "text" in self.changed_data
        return line_is_new and not set(PART_FIELDS) & set(self.changed_data)


def known_credit(text: str, credit: PhotoCredit) -> PhotoCredit | None:
    """Return the other credit that the line ``text`` already stands for, if any.

    A line is one credit, by key, and so is a wording merged into one: the
    editor is sent to that credit instead of making a duplicate.
    """
    known = PhotoCredit.objects.for_line(text)
    if known.pk is None or known.pk == credit.pk:
        return None
    return known


def known_credit_message(known: PhotoCredit, text: str, name: str = "") -> str:
    """Say which credit the line ``text`` belongs to; ``name`` may stand for it."""
    name = name or f"“{known.display}”"
    if known.carries_wording(text):
        return f"This credit line is already known as {name}; use that one."
    return f"This wording was merged into {name}; use that credit."


def describe_split(credit: PhotoCredit) -> str:
    """Tell the editor what the line was split into, for them to check."""
    if credit.parts.is_empty:
        return (
            f"“{credit.text}” fits no credit pattern, so it is shown as written; "
            "type the parts on the credit to split it yourself."
        )
    named = ", ".join(
        f"{name} “{value}”"
        for name, value in zip(PART_FIELDS, astuple(credit.parts), strict=True)
        if value
    )
    if not shows_house_style(credit.text):
        return (
            f"“{credit.display}” is shown as written, every word kept; for the "
            f"licence report it was split as an import would be: {named}. "
            "Correct the parts on the credit if they are wrong."
        )
    return (
        f"Split from the line as an import would be: {named}; shown as "
        f"“{credit.display}”. Correct the parts on the credit if they are wrong."
    )


def credit_preview(text: str, typed: CreditParts | None, credit_pk: str) -> dict:
    """Describe how the line ``text`` would be stored and shown, for the form's preview.

    ``typed`` holds the parts the editor typed, or is None when they follow
    the line. ``credit_pk`` is the credit being changed, if any.
    """
    field = PhotoCredit._meta.get_field("text")
    try:
        field.clean(text, None)
    except ValidationError as error:
        return {"problem": " ".join(error.messages)}
    # isdigit() alone lets "²" and thousands of digits through to int().
    is_pk = credit_pk.isascii() and credit_pk.isdigit() and len(credit_pk) <= 18
    credit = PhotoCredit(pk=int(credit_pk) if is_pk else None)
    parts = split_credit(text) if typed is None else typed
    answer = {"problem": ""}
    if known := known_credit(text, credit):
        answer = {
            "problem": known_credit_message(known, text),
            "known": {
                "shown_as": known.display,
                "url": reverse("admin:articles_photocredit_change", args=[known.pk]),
            },
        }
    return {
        **answer,
        "shown_as": format_credit(text, parts),
        "from_line": typed is None,
        # Shown as written: the parts, if any, only count in the licence report.
        "verbatim": parts.is_empty or not shows_house_style(text),
        "parts": dict(zip(PART_FIELDS, astuple(parts), strict=True)),
    }


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
class PhotoCreditAdmin(
    LicenceReportMixin, NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin
):
    form = PhotoCreditAdminForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            if request.method != "POST":
                raise
            # Another editor saved the same line between this form's check and
            # its save (the key is unique). Asked again, the form names that
            # credit beside the field instead of failing the page.
            return super().changeform_view(request, object_id, form_url, extra_context)

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
    fieldsets = [
        (None, {"fields": ["text", "shown_as"]}),
        ("Parts", {"description": PARTS_HELP, "fields": PART_FIELDS}),
    ]
    readonly_fields = ["shown_as"]

    def get_urls(self):
        return [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_photocredit_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest) -> JsonResponse:
        """Say how a credit line being typed would be split, shown and matched."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        data = request.GET
        typed = None
        if data.get("parts") == "typed":
            typed = CreditParts(*(data.get(name, "").strip() for name in PART_FIELDS))
        return JsonResponse(
            credit_preview(data.get("text", ""), typed, data.get("credit", ""))
        )

    @admin.display(description="shown to readers as")
    def shown_as(self, obj: PhotoCredit) -> str:
        # credit_preview.js updates this while the editor types. It compares
        # the fields with the stored credit, as the form does, to know
        # whether the parts follow the line.
        stored = obj.pk and PhotoCredit.objects.filter(pk=obj.pk).values(*CREDIT_FIELDS)
        return format_html(
            '<span class="credit-preview" data-url="{}" data-credit="{}" '
            'data-stored="{}" aria-live="polite">{}</span>',
            reverse("admin:articles_photocredit_preview"),
            obj.pk or "",
            json.dumps(stored and stored.first() or {}),
            obj.display if obj.text else "Type the credit line to see it here.",
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        known = PhotoCredit.objects.for_line(search_term).pk if search_term else None
        if known is None or not queryset.filter(pk=known).exists():
            return found, duplicates
        # A line typed as written, or a wording merged away, finds its credit
        # first, as an import of that line would.
        matches = queryset.filter(Q(pk=known) | Q(pk__in=found.values("pk")))
        first = Case(When(pk=known, then=Value(0)), default=Value(1))
        return matches.order_by(first, *self.get_ordering(request) or ["text"]), False

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
        if form.parts_follow_line() and IS_POPUP_VAR not in request.POST:
            # A popup closes at once; its preview already showed the split.
            self.message_user(request, describe_split(obj), messages.INFO)
        if stored is not None and changed_fields(form, CREDIT_FIELDS):
            record_for(
                request.user,
                articles_showing(obj),
                f"Lead photo credit changed from {quoted(stored.display)} to "
                f"{quoted(obj.display)}",
            )


class PhotoAdminForm(FocalPointFormMixin, PhotoUploadForm):
    """The upload's checks and reading, and the focal point, on one form."""

    class Meta(PhotoUploadForm.Meta):
        fields = [*PhotoUploadForm.Meta.fields, "focal_x", "focal_y", "is_own"]


@admin.register(Photo)
class PhotoAdmin(
    PhotoPickerMixin, NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin
):
    form = PhotoAdminForm
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
    list_filter = [PhotoImageFilter, LicenceGroupFilter]
    search_fields = ["caption", "alt_text", "credit__text"]
    autocomplete_fields = ["credit"]
    fields = [
        "image",
        "focal_point",
        "focal_x",
        "focal_y",
        "alt_text",
        "caption",
        "credit",
        "is_own",
        "width",
        "height",
    ]
    readonly_fields = ["focal_point", "width", "height"]

    class Media:
        js = ["js/focal_point.js"]

    def get_queryset(self, request):
        squares = Rendition.objects.filter(crop=Rendition.Crop.SQUARE)
        return (
            super()
            .get_queryset(request)
            .annotate(use_count=Count("lead_articles"))
            .prefetch_related(Prefetch("renditions", queryset=squares))
        )

    @admin.display(description="picture")
    def thumbnail(self, obj: Photo) -> str:
        return photo_thumbnail(obj)

    @admin.display(description="focal point")
    def focal_point(self, obj: Photo) -> str:
        return focal_point_picker(obj)

    @admin.display(description="lead photo of", ordering="use_count")
    def use_count(self, obj: Photo) -> str:
        count = getattr(obj, "use_count", 0)
        return f"{count} article{'s' if count != 1 else ''}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or {"image", "focal_x", "focal_y"} & set(form.changed_data):
            # After commit, in this request: the desk waits a second or two
            # for a new picture, readers never do.
            refresh_renditions(obj)
        tell_what_was_read(request, form)
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
