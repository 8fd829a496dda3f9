"""Forms of the editors' desk: the article form, its links, and the admin tools."""

from django import forms
from django.contrib.admin import site as admin_site
from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    AdminTextInputWidget,
    AdminURLFieldWidget,
    AutocompleteSelect,
)
from django.db import models
from django.forms.models import BaseInlineFormSet

from ..models import Article, PhotoCredit, RelatedLink, Section
from ..text.plain_text import (
    MAX_SEARCH_TEXT,
    search_text_length,
)
from ..text.tags import tag_name_problem
from .body_preview import BodyEditor

ONLY_EDITORS_PUBLISH = (
    "Only editors can publish or schedule an article; choose “In review” to "
    "send it to the desk."
)


def section_choices() -> list[tuple[int, str]]:
    """Return every section in menu order, nested ones indented under their parent."""
    return [
        (section.pk, "\u2003" * depth + section.name)
        for section, depth in Section.objects.in_tree_order()
    ]


class PublicationTimeWidget(AdminSplitDateTime):
    """The admin's date and time inputs, each named for screen readers."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        date, time = self.widgets
        date.attrs["aria-label"] = "Publication date"
        time.attrs["aria-label"] = "Publication time of day"


class SectionTreeChoiceField(forms.ModelChoiceField):
    """A section picker that lists the sections as the menu nests them."""

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Section.objects.all(), **kwargs)
        # A callable, so the sections are read when a form is shown, not at import.
        self.choices = lambda: [("", "---------"), *section_choices()]


class ArticleAdminForm(forms.ModelForm):
    """The article form; ``can_publish`` is set per request by the admin."""

    can_publish = True

    class Meta:
        model = Article
        fields = [
            "label",
            "headline",
            "dek",
            "body",
            "byline",
            "tags",
            "lead_photo",
            "section",
            "slug",
            "status",
            "published_at",
        ]
        widgets = {
            "body": BodyEditor(
                attrs={"rows": 24, "class": "vLargeTextField article-body"}
            ),
            "dek": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "published_at": PublicationTimeWidget,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = ONLY_EDITORS_PUBLISH

    def clean_tags(self) -> list[str]:
        names = self.cleaned_data["tags"]
        problems = [problem for name in names if (problem := tag_name_problem(name))]
        if problems:
            raise forms.ValidationError(problems)
        return names

    def clean(self) -> dict:
        cleaned = super().clean()
        self._check_search_size(cleaned)
        stored = self.instance.published_at
        if stored is not None and cleaned.get("published_at") == stored.replace(
            microsecond=0
        ):
            # The form shows whole seconds; an untouched time keeps its
            # microseconds, which order articles imported in the same second.
            cleaned["published_at"] = stored
        return cleaned

    def _check_search_size(self, cleaned: dict) -> None:
        """Refuse an article longer than PostgreSQL's search index can take.

        SQLite would store it, but the same article must save on both.
        """
        parts = {
            field: cleaned.get(field, getattr(self.instance, field)) or ""
            for field in ("headline", "label", "dek", "body")
        }
        size = search_text_length(**parts)
        if size <= MAX_SEARCH_TEXT:
            return
        field = "dek" if len(parts["dek"]) > len(parts["body"]) else "body"
        if field not in self.fields or field in self.errors:
            field = None
        name = "summary" if field == "dek" else "body"
        self.add_error(
            field,
            f"Headline, label, summary and body together are {size:,} characters; "
            f"search can index at most {MAX_SEARCH_TEXT:,}. Shorten the {name} by "
            f"{size - MAX_SEARCH_TEXT:,} characters, or split the article in two.",
        )


def https_formfield(field: models.Field, **kwargs) -> forms.Field | None:
    """Make a form field, reading a web address typed without a scheme as https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class RelatedLinkForm(forms.ModelForm):
    """One link shown after the body: a title, and an article or a web address."""

    order = forms.IntegerField(
        label="order",
        required=False,
        min_value=0,
        widget=forms.NumberInput(
            # Its column header is its only visible label.
            attrs={"class": "vIntegerField link-order", "aria-label": "Order"}
        ),
        help_text="Links are shown in this order; empty goes last.",
    )

    class Meta:
        model = RelatedLink
        fields = ["order", "title", "target", "url"]
        formfield_callback = https_formfield
        # A row of the links table is labelled only by its column headers.
        widgets = {
            "title": AdminTextInputWidget(attrs={"aria-label": "Title as written"}),
            "url": AdminURLFieldWidget(attrs={"aria-label": "External URL"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["order"].initial = self.instance.position + 1
        # Picking an article is enough: its headline becomes the title.
        self.fields["title"].required = False

    def clean(self) -> dict:
        cleaned = super().clean()
        target = cleaned.get("target")
        if not cleaned.get("title"):
            if target is not None:
                cleaned["title"] = target.headline
            elif "title" not in self.errors:
                self.add_error(
                    "title", "Give the link a title, or pick the article it points at."
                )
        return cleaned


class RelatedLinkFormSet(BaseInlineFormSet):
    """Save the links after the body in the order the editor gave them.

    Positions are unique per article, so links move through free positions
    first; swapping two links never collides.
    """

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this link"

    def save(self, commit: bool = True) -> list[RelatedLink]:
        if not commit:
            return super().save(commit=False)
        super().save(commit=False)
        for link in self.deleted_objects:
            link.delete()
        kept = []
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            order = form.cleaned_data.get("order")
            kept.append((order is None, order or 0, index, form.instance))
        links = [link for *_key, link in sorted(kept, key=lambda item: item[:3])]
        siblings = RelatedLink.objects.filter(
            article=self.instance, placement=RelatedLink.Placement.AFTER
        )
        free = (siblings.aggregate(top=models.Max("position"))["top"] or 0) + 1
        for offset, link in enumerate(links):
            link.article = self.instance
            link.placement = RelatedLink.Placement.AFTER
            link.position = free + offset
            link.save()
        for position, link in enumerate(links):
            link.position = position
            link.save(update_fields=["position"])
        return links


class ArticleTargetForm(forms.Form):
    """Point every unresolved link with one title at an article the editor picks."""

    key = forms.CharField(widget=forms.HiddenInput)
    target = forms.ModelChoiceField(
        queryset=Article.objects.all(),
        label="Link to",
        widget=AutocompleteSelect(RelatedLink._meta.get_field("target"), admin_site),
        error_messages={"required": "Pick the article these links point at."},
    )


class MoveToSectionForm(forms.Form):
    section = SectionTreeChoiceField(
        label="Move to",
        error_messages={"required": "Pick the section to move the articles to."},
    )


class MergeCreditsForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=PhotoCredit.objects.none(),
        label="Keep",
        widget=forms.RadioSelect,
        error_messages={"required": "Pick the credit to keep."},
    )

    def __init__(self, *args, credits=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = credits
