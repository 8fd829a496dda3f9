"""The focal point on the photo form: click the picture, and every crop keeps that spot.

The picture shown is a rendition, never the original (which may be 20 MB);
``focal_point.js`` turns a click into the two fractions, which stay plain
number fields, so the point can also be typed (or set from the keyboard).
The crops below it are the renditions readers get, remade on save.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from ..images.on_demand import make_missing_soon
from ..images.pick import pick
from ..models import Photo, Rendition

Crop = Rendition.Crop
# Wide enough to aim at a face, small enough for the form.
PICKER_WIDTH = 640
# How wide each crop is shown below the picture.
PREVIEW_WIDTHS = {Crop.CARD: 320, Crop.SQUARE: 160, Crop.SOCIAL: 1200}
PREVIEW_LABELS = {
    Crop.CARD: "16:9 card",
    Crop.SQUARE: "square",
    Crop.SOCIAL: "social card (1200×630)",
}


def focal_field(name: str, help_text: str) -> forms.FloatField:
    """One coordinate of the point, optional, starting where the model does.

    Declared, not generated: a declared field takes no initial value from
    the model (a new photo's form showed them empty), and the number input
    needs its bounds and step.
    """
    field = Photo._meta.get_field(name)
    return forms.FloatField(
        label=capfirst(field.verbose_name),
        initial=field.default,
        min_value=0,
        max_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.001"}),
        help_text=help_text,
    )


class FocalPointFormMixin(forms.ModelForm):
    """Two fractions, 0 to 1 from the top left; left out, the stored point stays.

    A form posted without them (a script, an older page) keeps the photo's
    point instead of failing on fields the editor never saw.
    """

    focal_x = focal_field("focal_x", "0 is the left edge, 1 the right.")
    focal_y = focal_field("focal_y", "0 is the top edge, 1 the bottom.")

    def clean_focal_x(self) -> float:
        return self._kept("focal_x")

    def clean_focal_y(self) -> float:
        return self._kept("focal_y")

    def _kept(self, name: str) -> float:
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value


def focal_point_picker(photo: Photo) -> SafeString | str:
    """Render the clickable picture with its marker and the crops readers get."""
    if photo.pk is None or not photo.image:
        return "Upload a picture and save to choose its focal point."
    # Fetched here, not with the list's prefetch of square thumbnails.
    photo = Photo.objects.prefetch_related("renditions").get(pk=photo.pk)
    picture = pick(photo, Crop.ORIGINAL, at_most=PICKER_WIDTH)
    if picture is None:
        make_missing_soon([photo])
        return "The picture is being prepared; reload this page in a moment."
    crops = format_html_join(
        "",
        '<figure class="focal-crop focal-crop-{}"><img src="{}" width="{}" '
        'height="{}" alt=""><figcaption>{}</figcaption></figure>',
        (
            (crop, found.file.url, found.width, found.height, label)
            for crop, label in PREVIEW_LABELS.items()
            if (found := pick(photo, crop, at_most=PREVIEW_WIDTHS[crop]))
        ),
    )
    return format_html(
        '<div class="focal-point" data-x-field="id_focal_x" data-y-field="id_focal_y">'
        '<div class="focal-point-frame">'
        '<img class="focal-point-picture" src="{}" width="{}" height="{}" alt="{}">'
        '<span class="focal-point-marker" aria-hidden="true" hidden></span></div>'
        '<p class="help">Click the subject of the picture (or type the point '
        "below, 0 to 1 from the top left), then save: every crop keeps it in "
        'frame.</p><div class="focal-crops" aria-label="Crops readers get">{}'
        "</div></div>",
        picture.file.url,
        picture.width,
        picture.height,
        photo.alt_text,
        crops,
    )
