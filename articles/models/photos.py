"""Photos and their credits: a credit line kept verbatim, split once, shared."""

import hashlib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.functional import LazyObject, empty

from ..text.credit_notices import credit_label, rights_holder
from ..text.credits import (
    MAX_PART_LENGTH,
    CreditParts,
    format_credit,
    normalize_credit,
    split_credit,
)
from ..validators import refuse_control_characters, refuse_control_characters_in_line


class PhotoCreditQuerySet(models.QuerySet):
    def ids_for_keys(self, keys: Iterable[str]) -> dict[str, int]:
        """Map credit keys to the credits that carry them, merged wordings too."""
        keys = set(keys)
        found = dict(
            CreditAlias.objects.filter(key__in=keys).values_list("key", "credit_id")
        )
        found.update(self.filter(key__in=keys).values_list("key", "pk"))
        return found

    def for_line(self, text: str) -> "PhotoCredit":
        """Return the credit a credit line stands for, as an import would find it.

        That is the credit with the line's key, or the one a merge folded that
        wording into; else a new, unsaved credit split from the line.
        """
        key = normalize_credit(text)
        found = self.ids_for_keys([key]).get(key)
        credit = None if found is None else self.filter(pk=found).first()
        return credit or self.model.from_text(text)


class PhotoCredit(models.Model):
    text = models.CharField(
        "credit line",
        max_length=255,
        help_text="Kept exactly as the wire or photographer wrote it.",
        validators=[refuse_control_characters_in_line],
    )
    key = models.CharField(max_length=255, unique=True, editable=False)
    creator = models.CharField(
        "creator",
        max_length=MAX_PART_LENGTH,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    agency = models.CharField(
        "agency",
        max_length=MAX_PART_LENGTH,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    distributor = models.CharField(
        "distributor",
        max_length=MAX_PART_LENGTH,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )

    objects = PhotoCreditQuerySet.as_manager()

    class Meta:
        ordering = ["text"]
        verbose_name = "photo credit"
        verbose_name_plural = "photo credits"

    def __str__(self) -> str:
        return self.display

    def save(self, *args, **kwargs) -> None:
        self.key = normalize_credit(self.text)
        super().save(*args, **kwargs)

    @classmethod
    def from_text(cls, text: str) -> "PhotoCredit":
        """Return an unsaved credit for a credit line, split into its parts."""
        parts = split_credit(text)
        return cls(
            text=text.strip(),
            key=normalize_credit(text),
            creator=parts.creator,
            agency=parts.agency,
            distributor=parts.distributor,
        )

    @property
    def parts(self) -> CreditParts:
        return CreditParts(self.creator, self.agency, self.distributor)

    def carries_wording(self, text: str) -> bool:
        """Say whether ``text`` is this credit's own line, not a wording merged in."""
        return self.key == normalize_credit(text)

    def absorb(self, duplicates: Iterable["PhotoCredit"]) -> int:
        """Give this credit every photo of ``duplicates``, then delete them.

        Return how many photos moved; no photo is left without a credit.
        """
        others = [credit for credit in duplicates if credit.pk != self.pk]
        moved = Photo.objects.filter(credit__in=others).update(credit=self)
        # Their wordings stay known, so a later import of the same line
        # lands here instead of bringing the merged credit back.
        CreditAlias.objects.filter(credit__in=others).update(credit=self)
        CreditAlias.objects.bulk_create(
            [CreditAlias(key=credit.key, credit=self) for credit in others],
            ignore_conflicts=True,
        )
        PhotoCredit.objects.filter(pk__in=[credit.pk for credit in others]).delete()
        return moved

    @property
    def copyright_holder(self) -> str:
        """Who holds the rights as far as the credit says, or "" if it does not."""
        return rights_holder(self.parts)

    @property
    def display(self) -> str:
        """The credit as readers see it: "Olga Maltseva/AFP via Getty Images".

        House style for the creator, agency and distributor shapes only;
        any other line, "Screenshot from YouTube" too, as written.
        """
        return format_credit(self.text, self.parts)

    @property
    def caption_line(self) -> str:
        """The credit under a picture: "Photo: Jane Doe/Reuters", "File photo"."""
        display = self.display
        return f"{credit_label(display)}{display}"


class CreditAlias(models.Model):
    """The key of a credit line that a merge folded into another credit."""

    key = models.CharField("credit line key", max_length=255, unique=True)
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name="merged into",
    )

    class Meta:
        verbose_name = "merged credit wording"
        verbose_name_plural = "merged credit wordings"

    def __str__(self) -> str:
        return self.key


class PhotoQuerySet(models.QuerySet):
    def holding(self, content_hash: str) -> "PhotoQuerySet":
        """Photos whose picture arrived as the file with this SHA-256."""
        if not content_hash:
            return self.none()
        return self.filter(content_hash=content_hash)


class Photo(models.Model):
    image = models.ImageField(
        "image",
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        blank=True,
        help_text="May stay empty: an imported article knows its credit before "
        "anyone uploads the picture.",
    )
    caption = models.TextField(
        "caption", blank=True, validators=[refuse_control_characters]
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        validators=[refuse_control_characters_in_line],
        help_text="Describes the picture for readers who cannot see it. "
        "Required once an image is uploaded.",
    )
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="credit",
    )
    width = models.PositiveIntegerField("width", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(
        "height", null=True, blank=True, editable=False
    )
    # The new columns carry database defaults too: an app server still on
    # the previous release, or a raw INSERT, can add photos during a deploy.
    content_hash = models.CharField(
        "content hash",
        max_length=64,
        blank=True,
        default="",
        db_default="",
        editable=False,
        help_text="SHA-256 of the file as it arrived: the same picture sent "
        "again is found, not stored twice.",
    )
    file_size = models.PositiveBigIntegerField(
        "file size", null=True, blank=True, editable=False
    )
    # Where the picture's subject is, as fractions of its width and height
    # from the top left: every crop keeps it in frame.
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        db_default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        db_default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    is_own = models.BooleanField(
        "own photo",
        default=False,
        db_default=False,
        help_text="The newsroom's own picture: an article may be published "
        "with it although it has no credit.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "photo"
        verbose_name_plural = "photos"
        # Not unique: a library from before hashes may hold a picture twice,
        # and the upload form, not the database, offers the one already kept.
        indexes = [
            models.Index(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="photo_content_hash",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(alt_text=""),
                name="photo_image_has_alt_text",
                violation_error_message="An uploaded image needs alt text.",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0)
                & Q(focal_y__lte=1),
                name="photo_focal_point_inside",
                violation_error_message="The focal point must lie on the picture.",
            ),
        ]

    def __str__(self) -> str:
        # Pickers and histories list many photos of one agency: what the
        # picture shows, then who took it and its size or date, tells them apart.
        credit = self.credit.display if self.credit_id else ""
        label = " ".join(self.caption.split())
        if len(label) > 60:
            label = label[:59].rsplit(" ", 1)[0] + "…"
        details = [credit] if label and credit else []
        if self.image and self.width and self.height:
            details.append(f"{self.width}×{self.height}")
        elif not self.image:
            details.append("no picture yet")
        if self.created_at:
            when = timezone.localtime(self.created_at)
            details.append(formats.date_format(when, "j M Y"))
        label = label or credit or "Photo without caption or credit"
        return f"{label} ({', '.join(details)})" if details else label

    def save(self, *args, **kwargs) -> None:
        if not self.image:
            self.content_hash, self.file_size = "", None
        elif not self.image._committed:
            # A new picture, however it came (the desk, a script, the shell).
            self.content_hash, self.file_size = fingerprint(self.image.file)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.image and not self.alt_text.strip():
            raise ValidationError({"alt_text": "An uploaded image needs alt text."})
        if self.pk and self.lacks_credit and self._leads_a_live_article():
            # The rule that keeps such a picture from going live, kept once live.
            raise ValidationError(
                {
                    "credit": "This photo leads a published or scheduled article, "
                    "so it needs a credit: add one, or tick “own photo” if the "
                    "newsroom made it."
                }
            )

    def _leads_a_live_article(self) -> bool:
        published = self.lead_articles.model.Status.PUBLISHED
        return self.lead_articles.filter(status=published).exists()

    @property
    def lacks_credit(self) -> bool:
        """Say whether readers would see this picture with no one credited.

        A photo with no picture yet shows nothing to credit; the newsroom's
        own photo is credited to the publication.
        """
        return bool(self.image) and not self.credit_id and not self.is_own


def fingerprint(file) -> tuple[str, int]:
    """Return the SHA-256 and size in bytes of a file about to be stored.

    A file prepared from an upload (``articles.images.uploads``) carries the
    hash of the bytes as they arrived, which the stored, cleaned copy no
    longer has; that hash is kept, so the same upload is recognised again.
    """
    if known := getattr(file, "content_hash", ""):
        return known, file.size
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class RenditionStorage(LazyObject):
    """``storages["renditions"]`` as configured when it is used.

    A FileField calls its storage callable once, when the model class is
    built; through this proxy a changed STORAGES setting (tests putting
    renditions in a bucket) reaches ``Rendition.file`` as it reaches
    ``default_storage``.
    """

    def _setup(self) -> None:
        self._wrapped = storages["renditions"]


_renditions = RenditionStorage()


@receiver(setting_changed)
def forget_rendition_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _renditions._wrapped = empty


def rendition_storage() -> Storage:
    """Where renditions live: public, unlike the originals (settings.STORAGES)."""
    return _renditions


class Rendition(models.Model):
    """One sized copy of a photo's picture, the only kind readers are sent.

    Made once from the original and stored under a name derived from its
    content, so a copy never changes behind a cache; a new focal point or a
    new picture makes new names.
    """

    class Crop(models.TextChoices):
        ORIGINAL = "original", "uncropped"
        CARD = "card", "16:9 card"
        SQUARE = "square", "square"
        SOCIAL = "social", "social card, 1200×630"

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(
        Photo, on_delete=models.CASCADE, related_name="renditions"
    )
    crop = models.CharField(max_length=10, choices=Crop.choices)
    format = models.CharField(max_length=5, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(max_length=255, storage=rendition_storage)
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["photo", "crop", "format", "width"]
        verbose_name = "rendition"
        verbose_name_plural = "renditions"
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "crop", "format", "width"],
                name="rendition_unique_size",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_crop_display()} {self.width}×{self.height} {self.format}"
