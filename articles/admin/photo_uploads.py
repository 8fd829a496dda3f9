"""A picture arriving through the desk: checked, read, matched, then kept.

The photo form hands an upload to ``articles.images.uploads`` (the one owner
of what is accepted) before anything is written; a refusal is an error on
the image field. A picture already in the library is refused with a link to
the photo that holds it. What the file says of its credit and caption fills
those fields only where the editor left them empty, and the editor is told.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from ..images.uploads import (
    ACCEPTED,
    EXTENSIONS,
    PreparedUpload,
    max_pixels,
    max_upload_bytes,
    megabytes,
    min_useful_width,
    prepare_upload,
)
from ..models import Photo, PhotoCredit
from .common import photo_thumbnail

# The file chooser offers what prepare_upload takes, from its own table.
ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in EXTENSIONS)
IMAGE_HELP = Photo._meta.get_field("image").help_text


class PhotoUploadForm(forms.ModelForm):
    """The photo form, whose image is checked and read as it arrives."""

    # A plain file field: Django's ImageField would open the file with
    # Pillow before the library's own checks, and refuse with its own words.
    image = forms.FileField(
        label="image",
        required=False,
        widget=AdminFileWidget(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "image" in self.fields:
            self.fields["image"].help_text = f"{IMAGE_HELP} {accepted_files()}"
        self.upload: PreparedUpload | None = None
        self.credit_from_file: PhotoCredit | None = None
        self.read_from_file: list[str] = []

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not isinstance(image, UploadedFile):
            return image  # unchanged, or cleared
        prepared = prepare_upload(image)
        same = (
            Photo.objects.holding(prepared.content_hash)
            .exclude(pk=self.instance.pk)
            .select_related("credit")
            .first()
        )
        if same is not None:
            raise forms.ValidationError(already_in_library(same), code="duplicate")
        self.upload = prepared
        return prepared.file

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.upload is None or self.errors:
            return cleaned
        found = self.upload.metadata
        if found.caption and "caption" in self.fields and not cleaned.get("caption"):
            cleaned["caption"] = found.caption
            self.read_from_file.append("caption")
        # An imported photo's credit shows in the form, so it is never empty
        # here unless the editor emptied it: a file never replaces a credit.
        if found.credit_line and "credit" in self.fields and not cleaned.get("credit"):
            self.credit_from_file = PhotoCredit.objects.for_line(found.credit_line)
            if self.credit_from_file.pk is not None:
                cleaned["credit"] = self.credit_from_file
            self.read_from_file.insert(0, "credit")
        return cleaned

    def save(self, commit: bool = True) -> Photo:
        if self.credit_from_file is not None:
            self.instance.credit = save_credit(self.credit_from_file)
        return super().save(commit)


def accepted_files() -> str:
    """Say what the library takes, from the settings that decide it."""
    return (
        f"{capfirst(ACCEPTED)} of at most {megabytes(max_upload_bytes())} and "
        f"{max_pixels() / 1_000_000:g} megapixels, ideally "
        f"{min_useful_width():,} px wide or more. Its credit and caption fill "
        "empty fields; it is turned upright and loses its location data."
    )


def save_credit(credit: PhotoCredit) -> PhotoCredit:
    """Save a credit found for a file's line, unless another save just made it."""
    if credit.pk is not None:
        return credit
    try:
        with transaction.atomic():
            credit.save()
    except IntegrityError:
        # The same line arrived from another upload a moment ago.
        return PhotoCredit.objects.for_line(credit.text)
    return credit


def already_in_library(photo: Photo) -> str:
    """Say which photo already holds an uploaded picture: a link and a thumbnail."""
    return format_html(
        'This picture is already in the library as “<a href="{}">{}</a>”; use '
        'that photo. <span class="duplicate-photo">{}</span>',
        reverse("admin:articles_photo_change", args=[photo.pk]),
        str(photo),
        photo_thumbnail(photo),
    )


def tell_what_was_read(request: HttpRequest, form: forms.Form) -> None:
    """Tell the editor what an upload filled in, and whether it is too narrow."""
    upload: PreparedUpload | None = getattr(form, "upload", None)
    if upload is None:
        return
    read = getattr(form, "read_from_file", [])
    credit = getattr(form, "credit_from_file", None)
    said = []
    if "credit" in read and credit is not None:
        said.append(f"Credit “{credit.display}”")
    if "caption" in read:
        said.append("caption" if said else "Caption")
    if said:
        messages.info(request, f"{' and '.join(said)} read from the file.")
    if upload.is_narrow:
        messages.warning(
            request,
            f"This picture is only {upload.width:,} px wide; pictures narrower "
            f"than {min_useful_width():,} px look blurred on wide screens. "
            "Upload a larger version if there is one.",
        )
