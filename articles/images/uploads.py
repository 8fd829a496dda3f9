"""Check an uploaded picture, read what its file says, and make it fit to keep.

The one owner of what the library accepts; the photo form calls it, and so
should anything else that takes an upload. Every refusal is a
``ValidationError`` saying what is wrong with the file, raised before
anything is written. In order:

* at most ``PHOTO_MAX_UPLOAD_BYTES`` (settings: 40 MB), and not empty;
* a JPEG, PNG, WebP or GIF by its content (a phone's multi-picture JPEG
  counts as JPEG), whose extension names that same format;
* at most ``PHOTO_MAX_PIXELS`` (settings: 80 megapixels), checked from the
  header before any pixel is decoded, so a decompression bomb never is;
  Pillow's own bomb error (twice ``Image.MAX_IMAGE_PIXELS``, about 179
  megapixels) stays behind it as a second fence;
* Pillow's ``verify()`` passes, and the picture then loads whole, so a
  truncated or damaged file is refused.

An accepted file is read for its credit and caption
(``articles.text.image_metadata``) and made upright and free of location
data (``articles.images.cleaning``). A picture narrower than
``PHOTO_MIN_USEFUL_WIDTH`` (settings: 1,000 px) is accepted with a warning.
"""

import hashlib
import io
import unicodedata
import warnings
from dataclasses import dataclass

from PIL import Image, IptcImagePlugin, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat

from ..text.image_metadata import FileMetadata, read_image_metadata
from ..text.plain_text import strip_control_characters
from .cleaning import clean_picture

# Format by content, as Pillow names it, and the extensions that name it.
EXTENSIONS = {
    "JPEG": ("jpg", "jpeg", "jpe", "jfif"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
}
FORMAT_NAMES = {
    "JPEG": "JPEG",
    "MPO": "JPEG",
    "PNG": "PNG",
    "WEBP": "WebP",
    "GIF": "GIF",
}
ACCEPTED = "a JPEG, PNG, WebP or GIF image"
# An animation may hold this many times the pixels of one still, all frames
# together: a short clip, never a bomb made of frames.
MAX_FRAME_PIXELS_FACTOR = 4
# Pillow's openers; its JPEG opener gives a phone's multi-picture file as MPO.
_OPENERS = ["JPEG", "PNG", "WEBP", "GIF"]


@dataclass(frozen=True)
class PreparedUpload:
    """An accepted upload: the file to store and what was learnt from it."""

    file: ContentFile
    content_hash: str
    format: str
    width: int
    height: int
    metadata: FileMetadata
    rewritten: bool

    @property
    def is_narrow(self) -> bool:
        return self.width < min_useful_width()


def max_upload_bytes() -> int:
    return settings.PHOTO_MAX_UPLOAD_BYTES


def max_pixels() -> int:
    return settings.PHOTO_MAX_PIXELS


def min_useful_width() -> int:
    return settings.PHOTO_MIN_USEFUL_WIDTH


def content_hash(data: bytes) -> str:
    """Return the SHA-256 by which the same picture sent again is recognised."""
    return hashlib.sha256(data).hexdigest()


def prepare_upload(upload: File) -> PreparedUpload:
    """Check ``upload`` and return it ready to store, or raise ``ValidationError``.

    The returned file carries ``content_hash``, the hash of the bytes as
    they arrived, which ``Photo.save`` keeps: a second upload of the same
    file is found although the stored copy was rewritten.
    """
    name = display_name(upload.name or "")
    data = _read_capped(upload, name)
    image = _open_checked(data, name)
    try:
        metadata = _read_metadata(image)
        picture = clean_picture(image, data)
    except Exception as error:
        # A file Pillow loaded but cannot write back is as unusable as one
        # it cannot read; the desk gets a sentence, not a traceback.
        raise ValidationError(
            f"“{name}” could not be prepared for the library ({_reason(error)}); "
            "save it again in an image editor and upload that copy.",
            code="unreadable",
        ) from error
    finally:
        image.close()
    # Stored under the name that was checked: the raw one may hold controls
    # or escapes that storage would clean into another extension.
    stem, _, extension = name.rpartition(".")
    stored = ContentFile(picture.data, name=f"{stem or 'photo'}.{extension.lower()}")
    stored.content_hash = content_hash(data)
    return PreparedUpload(
        file=stored,
        content_hash=stored.content_hash,
        format=FORMAT_NAMES[image.format],
        width=picture.width,
        height=picture.height,
        metadata=metadata,
        rewritten=picture.rewritten,
    )


def display_name(name: str) -> str:
    """Return a file name fit to quote back to the editor: no path, no controls."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = " ".join(strip_control_characters(base).split())
    # Invisible format characters (a zero-width space, a soft hyphen) would
    # make ".jpg" look right in the message and be wrong in the check.
    base = "".join(ch for ch in base if unicodedata.category(ch) != "Cf")
    return base if len(base) <= 80 else f"{base[:60]}…{base[-15:]}"


def _read_capped(upload: File, name: str) -> bytes:
    limit = max_upload_bytes()
    size = upload.size
    if size is not None and size > limit:
        raise _too_big(name, size, limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, len(data), limit)
    if not data:
        raise ValidationError(f"“{name}” is empty.", code="empty")
    return data


def _too_big(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError(
        f"“{name}” is {megabytes(size)}; a photo may be at most "
        f"{megabytes(limit)}. Export a smaller copy and upload that.",
        code="too_big",
    )


def _open_checked(data: bytes, name: str) -> Image.Image:
    """Open ``data`` as an accepted format and load it, or raise ``ValidationError``."""
    with warnings.catch_warnings():
        # Below twice its limit Pillow only warns; PHOTO_MAX_PIXELS decides
        # there, checked from the header before anything is decoded.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=_OPENERS) as probe:
                _check_extension(name, probe.format)
                _check_pixels(name, probe.width, probe.height)
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=_OPENERS)
            _check_frames(name, image)
            image.load()
        except ValidationError:
            raise
        except UnidentifiedImageError as error:
            raise ValidationError(
                f"“{name}” is not {ACCEPTED}, or not one Pillow can read.",
                code="not_an_image",
            ) from error
        except Image.DecompressionBombError as error:
            raise _too_many_pixels(name) from error
        except Exception as error:
            # Hostile or damaged files raise many kinds of error from deep in
            # a decoder (OSError, SyntaxError, struct.error, ...); each means
            # the same to the desk.
            raise ValidationError(
                f"“{name}” is damaged or cut short ({_reason(error)}); "
                "upload the complete file.",
                code="damaged",
            ) from error
    return image


def _check_extension(name: str, real: str | None) -> None:
    kind = "JPEG" if real == "MPO" else real
    extension = name.rpartition(".")[2].casefold() if "." in name else ""
    if kind not in EXTENSIONS:
        raise ValidationError(f"“{name}” is not {ACCEPTED}.", code="not_an_image")
    if extension in EXTENSIONS[kind]:
        return
    expected = " or ".join(f".{one}" for one in EXTENSIONS[kind][:2])
    named = f"is named .{extension}" if extension else "has no extension"
    raise ValidationError(
        f"“{name}” {named} but holds a {FORMAT_NAMES[kind]} image; rename it "
        f"to end in {expected}, or upload the file you meant.",
        code="wrong_extension",
    )


def _check_pixels(name: str, width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValidationError(f"“{name}” holds no picture.", code="damaged")
    if width * height > max_pixels():
        raise _too_many_pixels(name, width, height)


def _check_frames(name: str, image: Image.Image) -> None:
    """Refuse an animation whose frames together are a bomb of their own.

    Only the first frame is decoded here, but a rewrite (cleaning.py)
    decodes them all; counting them reads the file, not the pixels.
    """
    frames = getattr(image, "n_frames", 1)
    budget = MAX_FRAME_PIXELS_FACTOR * max_pixels()
    if frames > 1 and frames * image.width * image.height > budget:
        raise ValidationError(
            f"“{name}” is an animation of {frames:,} frames of "
            f"{image.width:,} × {image.height:,} px, too many pixels in all to "
            "prepare. Upload a shorter or smaller animation, or a still.",
            code="too_many_pixels",
        )


def _too_many_pixels(name: str, width: int = 0, height: int = 0) -> ValidationError:
    size = f" ({width:,} × {height:,} px)" if width else ""
    return ValidationError(
        f"“{name}” has too many pixels{size}: a photo may have at most "
        f"{max_pixels() / 1_000_000:g} megapixels. Export a smaller copy.",
        code="too_many_pixels",
    )


def _read_metadata(image: Image.Image) -> FileMetadata:
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:
        # A broken IPTC block says nothing; the picture is still good.
        iptc = {}
    try:
        exif = dict(image.getexif())
    except Exception:
        exif = {}
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    return read_image_metadata(iptc=iptc, xmp=xmp, exif=exif)


def _reason(error: Exception) -> str:
    text = " ".join(strip_control_characters(str(error)).split())[:120]
    return text or type(error).__name__


def megabytes(size: int) -> str:
    """A size as the desk reads it: \"40.0 MB\"."""
    return filesizeformat(size).replace("\xa0", " ")
