"""Make an accepted picture fit to keep: upright, and saying nothing of where it was.

A phone records which way up it was held (EXIF orientation) and where it
stood (the GPS block, and places in XMP and IPTC). The stored original is
rewritten once, on upload, with the orientation applied to its pixels, so
width and height, thumbnails and every rendition describe the upright
picture, and with GPS, maker notes, XMP, IPTC, comments and text chunks
left out. The colour profile stays, and so do EXIF's other tags (camera,
date, artist, copyright).

A file with nothing to remove or turn is kept byte for byte. Otherwise the
pixels are written again: JPEG at quality 95 with the source's chroma
subsampling, PNG and lossless WebP losslessly, lossy WebP at quality 95, and
an animation frame by frame (its frames are not turned: no camera writes a
turned animation).
"""

import io
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin

JPEG_QUALITY = 95
WEBP_QUALITY = 95

# JPEG application segments that describe how to decode the pixels, not the
# scene: JFIF (APP0), the colour profile (APP2) and Adobe's colour transform
# (APP14). Any other segment may carry anything, so a file holding one is
# rewritten.
_HARMLESS_JPEG_SEGMENTS = {
    ("APP0", b"JFIF"),
    ("APP1", b"Exif\x00\x00"),  # judged tag by tag (_exif_is_private)
    ("APP2", b"ICC_PROFILE"),
    ("APP14", b"Adobe"),
}
# What Pillow keeps in ``info`` and writes back unless told otherwise; only
# these survive a rewrite.
_KEPT_INFO = {
    "icc_profile",
    "dpi",
    "transparency",
    "gamma",
    "loop",
    "duration",
    "background",
}
# EXIF tags that say where the picture was taken or hold a maker's private
# data, which may say the same: the GPS block, maker notes, free comments.
_EXIF_IFD = ExifTags.IFD.Exif
_DROPPED_EXIF_TAGS = {ExifTags.Base.MakerNote, ExifTags.Base.UserComment}
_SUBSAMPLING = {0: "4:4:4", 1: "4:2:2", 2: "4:2:0"}


@dataclass(frozen=True)
class CleanPicture:
    """A picture ready to store: its bytes, and the upright size they hold."""

    data: bytes
    width: int
    height: int
    rewritten: bool


def clean_picture(image: Image.Image, data: bytes) -> CleanPicture:
    """Return ``data`` upright and without location, or as it is if already so.

    ``image`` is ``data`` opened and fully loaded by Pillow.
    """
    exif = image.getexif()
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    turns = orientation in range(2, 9) and not getattr(image, "is_animated", False)
    if not turns and not _carries_private_data(image, exif, data):
        return CleanPicture(data, image.width, image.height, rewritten=False)
    upright = ImageOps.exif_transpose(image) if turns else image
    kept_exif = _kept_exif(exif)
    written = io.BytesIO()
    _save(image, upright, written, kept_exif, lossless=_webp_is_lossless(data))
    return CleanPicture(written.getvalue(), upright.width, upright.height, True)


def _carries_private_data(image: Image.Image, exif: Image.Exif, data: bytes) -> bool:
    if image.format == "MPO":
        # A phone's depth map or second picture follows the first, with
        # EXIF of its own.
        return True
    if image.format == "JPEG":
        segments = {
            (marker, body[: len(prefix)])
            for marker, body in getattr(image, "applist", [])
            for prefix in [_segment_prefix(marker, body)]
        }
        if segments - _HARMLESS_JPEG_SEGMENTS or image.info.get("comment"):
            return True
        exif_segments = sum(
            marker == "APP1" and body.startswith(b"Exif\0\0")
            for marker, body in getattr(image, "applist", [])
        )
        if exif_segments > 1:
            # Pillow reads only the first; a second may carry the GPS.
            return True
    if image.format == "GIF" and (b"\x21\xfe" in data or b"XMP DataXMP" in data):
        # A comment or XMP block on any frame, not only the first one Pillow
        # reports in ``info``. A chance match in the pixels costs a rewrite.
        return True
    if image.format == "PNG" and getattr(image, "text", None):
        return True
    if set(image.info) & {"xmp", "XML:com.adobe.xmp", "comment", "photoshop"}:
        return True
    return bool(exif) and _exif_is_private(exif)


def _segment_prefix(marker: str, body: bytes) -> bytes:
    for marker_name, prefix in _HARMLESS_JPEG_SEGMENTS:
        if marker == marker_name and body.startswith(prefix):
            return prefix
    return body[:16]


def _exif_is_private(exif: Image.Exif) -> bool:
    if ExifTags.IFD.GPSInfo in exif or set(exif) & _DROPPED_EXIF_TAGS:
        return True
    try:
        # IFD1 holds a thumbnail: the picture before any crop or retouch.
        if exif.get_ifd(ExifTags.IFD.IFD1):
            return True
        return bool(set(exif.get_ifd(_EXIF_IFD)) & _DROPPED_EXIF_TAGS)
    except (KeyError, ValueError, TypeError, OSError):
        return True


def _kept_exif(exif: Image.Exif) -> bytes:
    """Return EXIF without orientation, location and private blocks, as bytes."""
    if not exif:
        return b""
    try:
        sub = exif.get_ifd(_EXIF_IFD)
        for tag in _DROPPED_EXIF_TAGS:
            sub.pop(tag, None)
        for tag in (
            ExifTags.Base.Orientation,
            ExifTags.IFD.GPSInfo,
            *_DROPPED_EXIF_TAGS,
        ):
            exif.pop(tag, None)
        return exif.tobytes()
    except Exception:
        # EXIF Pillow cannot write back is left out whole: it is not worth a
        # refused upload, and what it said is read before this point.
        return b""


def _save(
    source: Image.Image,
    upright: Image.Image,
    out: io.BytesIO,
    exif: bytes,
    *,
    lossless: bool,
) -> None:
    fmt = "JPEG" if source.format == "MPO" else source.format
    info = {key: value for key, value in source.info.items() if key in _KEPT_INFO}
    options: dict = {key: value for key, value in info.items() if key != "background"}
    for frame in (source, upright):
        # Pillow writes some of ``info`` (comments, XMP) back by itself.
        frame.info = dict(info)
    if fmt == "JPEG":
        sampling = JpegImagePlugin.get_sampling(source)
        options.update(quality=JPEG_QUALITY, exif=exif)
        if sampling in _SUBSAMPLING:
            options["subsampling"] = _SUBSAMPLING[sampling]
        upright.save(out, "JPEG", **options)
    elif fmt == "PNG":
        # The kept tags (artist, copyright, camera) stay, as in the others.
        _save_frames(upright, out, "PNG", {**options, "exif": exif})
    elif fmt == "WEBP":
        options["exif"] = exif
        if lossless:
            options["lossless"] = True
        else:
            options["quality"] = WEBP_QUALITY
        _save_frames(upright, out, "WEBP", options)
    else:
        _save_frames(upright, out, fmt, options)


def _save_frames(image: Image.Image, out: io.BytesIO, fmt: str, options: dict) -> None:
    if getattr(image, "is_animated", False):
        image.save(out, fmt, save_all=True, **options)
    else:
        image.save(out, fmt, **options)


def _webp_is_lossless(data: bytes) -> bool:
    """Say whether WebP ``data`` holds VP8L (lossless) and no VP8 (lossy) frames."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    kinds = set()
    offset = 12
    while offset + 8 <= len(data):
        kind = data[offset : offset + 4]
        size = int.from_bytes(data[offset + 4 : offset + 8], "little")
        if kind == b"ANMF":
            # An animation frame wraps its image chunk after 16 bytes of header.
            kinds.add(data[offset + 24 : offset + 28])
        kinds.add(kind)
        offset += 8 + size + (size & 1)
    return b"VP8L" in kinds and b"VP8 " not in kinds
