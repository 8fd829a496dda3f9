"""The lead-photo picker: each photo shown with its picture, caption, credit and size.

The admin's autocomplete answers with text only, and many photos share an
agency's credit. This picker asks a view of its own, which adds what tells
photos apart; ``static/js/photo_picker.js`` draws it in the list. Search is
the photo screen's (caption, alt text, credit line), and so are the
permissions.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms import Media
from django.urls import path, reverse

from ..models import Photo
from .common import photo_thumbnail


class PhotoPickerView(AutocompleteJsonView):
    """The admin's autocomplete for photos, with a thumbnail and words for each."""

    def get_queryset(self):
        # The photo list's count of articles groups rows, which drops the
        # model's ordering; pages of answers need one.
        queryset = super().get_queryset().select_related("credit")
        return queryset.order_by(*Photo._meta.ordering)

    def serialize_result(self, obj: Photo, to_field_name: str) -> dict:
        return {
            **super().serialize_result(obj, to_field_name),
            "caption": obj.caption,
            "credit": obj.credit.display if obj.credit_id else "",
            "size": f"{obj.width}×{obj.height} px"
            if obj.image and obj.width
            else "no picture yet",
            # Made by the desk's one thumbnail helper, escaped there.
            "thumbnail": str(photo_thumbnail(obj)),
        }


class PhotoPickerWidget(AutocompleteSelect):
    """An autocomplete box that asks ``PhotoPickerView`` and draws its answers."""

    def get_url(self) -> str:
        return reverse("admin:articles_photo_picker")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["class"] = f"{attrs.get('class', '')} photo-picker".strip()
        return attrs

    @property
    def media(self) -> Media:
        # Listed after autocomplete.js, whose start it wraps: adding two
        # Media objects would let Django place it anywhere after jQuery.
        base = super().media
        return Media(css=base._css, js=[*base._js, "js/photo_picker.js"])


class PhotoPickerMixin:
    """Serve ``PhotoPickerView`` under the photo admin's URLs."""

    def get_urls(self):
        return [
            path(
                "picker/",
                self.admin_site.admin_view(
                    PhotoPickerView.as_view(admin_site=self.admin_site)
                ),
                name="articles_photo_picker",
            ),
            *super().get_urls(),
        ]


class LeadPhotoPickerMixin:
    """Give a model admin's ``lead_photo`` the picker instead of plain text."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_photo":
            kwargs["widget"] = PhotoPickerWidget(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
