"""Renditions: the sized copies of a photo that readers are sent, made once.

The original is decoded once (with JPEG draft mode, so a 24-megapixel file
is decoded at the scale the largest rendition needs), turned upright and
into sRGB, and every crop, width and format is cut from that one decode. A
rendition keeps no metadata but its colours: no EXIF, no GPS, no XMP.

Each file is named for the SHA-256 of its bytes, so the same picture made
again (or uploaded twice) reuses the stored file, a name never changes its
content behind a cache, and a new focal point or picture makes new names.
The table lists every rendition with its size, so a page writes its srcset
without asking the storage anything (which matters on S3).
"""

import hashlib
import io
import logging
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, features

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet

from ..models import Photo, Rendition
from ..models.photos import rendition_storage

logger = logging.getLogger(__name__)

Crop = Rendition.Crop
Format = Rendition.Format

# Steps a srcset offers; a picture narrower than a step gets its own width.
WIDTHS = (320, 480, 640, 960, 1280, 1600, 2400)
# The crops, their aspect (width / height, None: the picture's own) and the
# widest copy a page needs: a card is at most a column wide, a square a
# thumbnail; the admin's list uses the 160 px square.
ASPECTS: dict[str, float | None] = {
    Crop.ORIGINAL: None,
    Crop.CARD: 16 / 9,
    Crop.SQUARE: 1.0,
}
CROP_WIDTHS = {
    Crop.ORIGINAL: WIDTHS,
    Crop.CARD: (320, 480, 640, 960, 1280),
    Crop.SQUARE: (160, 320, 640),
}
# What social networks ask for: one size, exactly, in JPEG.
SOCIAL_SIZE = (1200, 630)
# A step this close to the picture's own width adds bytes, not detail.
NEAR = 0.9
QUALITY = {Format.JPEG: 82, Format.WEBP: 80, Format.AVIF: 60}
EXTENSIONS = {Format.JPEG: "jpg", Format.WEBP: "webp", Format.AVIF: "avif"}
CONTENT_TYPES = {
    Format.JPEG: "image/jpeg",
    Format.WEBP: "image/webp",
    Format.AVIF: "image/avif",
}
SAVE_OPTIONS = {
    Format.JPEG: {"format": "JPEG", "progressive": True},
    Format.WEBP: {"format": "WEBP", "method": 4},
    # Speed 6 (the default) takes four times as long as 8 (bench/README.md).
    Format.AVIF: {"format": "AVIF", "speed": 8},
}
# AVIF is left out: it adds about 60% to the time a photo's renditions take,
# and its files were no smaller than WebP's (bench/README.md, "Renditions").
# Adding it here is enough: {% picture %} offers it first when it exists.
FORMATS = (Format.WEBP, Format.JPEG)
# The longest side each format can hold: a tall infographic gets no WebP
# copy at the widths where it would be taller than that.
MAX_SIDE = {Format.WEBP: 16383, Format.JPEG: 65500, Format.AVIF: 65535}
SRGB = ImageCms.createProfile("sRGB")
WHITE = (255, 255, 255)


class RenditionError(Exception):
    """The picture could not be read or its renditions not stored."""


@dataclass(frozen=True)
class Made:
    """One rendition made, before it has a row."""

    crop: str
    format: str
    width: int
    height: int
    name: str


def formats() -> tuple[str, ...]:
    """Return the formats made for srcsets, those this Pillow can write."""
    return tuple(
        fmt for fmt in FORMATS if fmt == Format.JPEG or features.check(fmt.value)
    )


def widths_for(crop: str, available: int) -> list[int]:
    """Return the widths of ``crop`` for a picture ``available`` pixels wide.

    Never wider than the picture: a small picture gets fewer copies, and
    one of its own width when it falls between steps.
    """
    steps = CROP_WIDTHS[crop]
    top = min(available, steps[-1])
    return [width for width in steps if width < top * NEAR] + [top]


def crop_box(
    size: tuple[int, int], aspect: float | None, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """Return the largest box of ``aspect`` in ``size`` that keeps the focal point.

    The box slides along the long side so that the focal point sits as far
    into it as it does into the picture: a face at the top stays at the top.
    """
    width, height = size
    if aspect is None:
        return (0, 0, width, height)
    box_w, box_h = width, round(width / aspect)
    if box_h > height:
        box_w, box_h = round(height * aspect), height
    box_w, box_h = max(1, min(box_w, width)), max(1, min(box_h, height))
    left = round((width - box_w) * focal[0])
    top = round((height - box_h) * focal[1])
    return (left, top, left + box_w, top + box_h)


def decode(file: io.BufferedIOBase, largest: int) -> Image.Image:
    """Decode the picture in ``file`` once, upright, in sRGB, RGB or RGBA.

    ``largest`` is the widest rendition wanted: a JPEG is decoded at the
    smallest scale (1/2, 1/4, 1/8) still at least that wide, and anything
    else reduced by a whole factor to no less than that.
    """
    try:
        image = Image.open(file)
        image.seek(0)
        # A turned picture is as wide as its stored height.
        upright_width = (
            image.height
            if image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            else image.width
        )
        if image.format == "JPEG" and upright_width > largest:
            scale = largest / upright_width
            image.draft(
                image.mode,
                (math.ceil(image.width * scale), math.ceil(image.height * scale)),
            )
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise RenditionError(f"The picture could not be read: {error}") from error
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    # Other formats have no draft mode: a box reduction by a whole factor
    # keeps the picture at least ``largest`` wide and cheapens every crop.
    factor = image.width // largest
    if factor >= 2:
        image = image.reduce(factor)
    return to_srgb(image, icc)


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Return ``image`` as RGB (or RGBA when it has transparency) in sRGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float greys: keep the top 8 bits, as a browser would.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode == "1" or image.mode == "P":
        image = image.convert("RGBA" if has_alpha else "RGB")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=output)
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.warning("Colour profile ignored: it could not be read")
    target = "RGBA" if has_alpha else "RGB"
    return image if image.mode == target else image.convert(target)


def encode(image: Image.Image, fmt: str) -> bytes:
    """Return ``image`` written in ``fmt``, with no metadata at all."""
    if fmt == Format.JPEG and image.mode == "RGBA":
        # JPEG has no transparency: what was see-through is shown on white.
        flat = Image.new("RGB", image.size, WHITE)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = io.BytesIO()
    image.save(buffer, quality=QUALITY[fmt], **SAVE_OPTIONS[fmt])
    return buffer.getvalue()


def store(data: bytes, fmt: str) -> str:
    """Store ``data`` under its content hash, once, and return its name."""
    digest = hashlib.sha256(data).hexdigest()
    # The renditions storage has a folder (or key prefix) of its own.
    name = f"{digest[:2]}/{digest}.{EXTENSIONS[fmt]}"
    storage = rendition_storage()
    if storage.exists(name):
        return name
    return storage.save(name, ContentFile(data))


def cut(image: Image.Image, focal: tuple[float, float]) -> Iterable[Made]:
    """Cut every crop, width and format from the decoded picture."""
    made_formats = formats()
    for crop, aspect in ASPECTS.items():
        box = crop_box(image.size, aspect, focal)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        source, previous = image, box
        for width in sorted(widths_for(crop, box_w), reverse=True):
            height = max(1, round(width * box_h / box_w))
            # Each width from the one above it: cheaper than from the decode,
            # and as sharp, as every step shrinks.
            source = source.resize(
                (width, height), Image.Resampling.LANCZOS, box=previous
            )
            previous = (0, 0, width, height)
            for fmt in made_formats:
                if height > MAX_SIDE[fmt]:
                    continue
                name = store(encode(source, fmt), fmt)
                yield Made(crop, fmt, width, height, name)
    box = crop_box(image.size, SOCIAL_SIZE[0] / SOCIAL_SIZE[1], focal)
    social = image.resize(SOCIAL_SIZE, Image.Resampling.LANCZOS, box=box)
    name = store(encode(social, Format.JPEG), Format.JPEG)
    yield Made(Crop.SOCIAL, Format.JPEG, *SOCIAL_SIZE, name)


def make_renditions(photo: Photo) -> list[Rendition]:
    """Make every rendition of ``photo``'s picture and replace its rows.

    Files no row uses any more are deleted once the new rows are committed.
    A photo with no picture loses its renditions. Raises RenditionError
    when the picture cannot be read; its old renditions then stay. Returns
    no rows, and writes none, when the photo was deleted or given another
    picture or focal point meanwhile: the remake that change started wins.
    """
    made: list[Made] = []
    if photo.image:
        try:
            with photo.image.open("rb") as file:
                image = decode(file, WIDTHS[-1])
        except OSError as error:
            raise RenditionError(f"The picture could not be read: {error}") from error
        try:
            made = list(cut(image, (photo.focal_x, photo.focal_y)))
        except Exception as error:
            # An encoder's limit, a full disk, the object store refusing:
            # whatever stops the copies, the desk and the command get one
            # error to report, and the old renditions stay.
            message = f"The renditions could not be made: {error}"
            raise RenditionError(message) from error
    rows = [
        Rendition(
            photo=photo,
            crop=item.crop,
            format=item.format,
            width=item.width,
            height=item.height,
            file=item.name,
        )
        for item in made
    ]
    with transaction.atomic():
        # One writer per photo: the admin's save, a reader's request and the
        # command may each be remaking it, and their rows would collide. The
        # one that read a picture or focal point since replaced keeps out.
        current = (
            Photo.objects.select_for_update()
            .filter(pk=photo.pk)
            .values_list("image", "focal_x", "focal_y")
            .first()
        )
        if current is None:
            # The photo was deleted meanwhile: nothing will use these.
            names = [row.file.name for row in rows]
            transaction.on_commit(lambda: delete_unused(names))
            return []
        if current != (photo.image.name or "", photo.focal_x, photo.focal_y):
            # Its files are left alone: the newer remake may be reusing the
            # same names (the uncropped copies of a moved focal point) and
            # not have committed its rows yet.
            return []
        # The old rows' files go after commit (forget_deleted_file) unless
        # a new row, or another photo's, names them.
        Rendition.objects.filter(photo=photo).delete()
        Rendition.objects.bulk_create(rows)
    return rows


def delete_unused(names: Iterable[str]) -> None:
    """Delete the files among ``names`` that no rendition row names.

    Two photos of the same picture share files, so a name is only deleted
    once no photo uses it.
    """
    names = set(names)
    if not names:
        return
    used = set(Rendition.objects.filter(file__in=names).values_list("file", flat=True))
    storage = rendition_storage()
    for name in names - used:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Rendition %s could not be deleted", name)


def forget_deleted_file(sender, instance: Rendition, using: str, **kwargs) -> None:
    """Delete a deleted rendition's file once its deletion commits, if unused.

    Connected to ``post_delete`` (apps.py), so however the row goes (a
    remake, the desk deleting a photo, a cascade, the shell) its file does
    not outlive it; a file another photo of the same picture names stays.
    """
    name = instance.file.name
    transaction.on_commit(lambda: delete_unused([name]), using=using)


def refresh_renditions(photo: Photo) -> None:
    """Remake ``photo``'s renditions once the current transaction commits.

    For the admin's save: the picture or the focal point may have changed.
    A picture that cannot be read is logged, not raised: the upload form
    has already checked it, and the page shows the caption and credit.
    """

    def remake() -> None:
        try:
            make_renditions(Photo.objects.get(pk=photo.pk))
        except (Photo.DoesNotExist, RenditionError):
            logger.warning("Renditions of photo %s not made", photo.pk, exc_info=True)

    transaction.on_commit(remake)


def photos_missing_renditions() -> QuerySet[Photo]:
    """Return the photos with a picture and no renditions yet."""
    return Photo.objects.exclude(image="").filter(renditions__isnull=True).distinct()


def remake_renditions(
    photos: QuerySet[Photo],
) -> Iterator[tuple[Photo, RenditionError | None]]:
    """Make the renditions of each of ``photos`` in turn, one transaction each.

    Yield each photo with the error that stopped it, if any: one unreadable
    picture does not stop the rest.
    """
    for photo in photos.order_by("pk").iterator(chunk_size=100):
        try:
            with transaction.atomic():
                make_renditions(photo)
        except RenditionError as error:
            yield photo, error
        else:
            yield photo, None
