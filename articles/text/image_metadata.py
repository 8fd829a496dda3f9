"""Read a picture's credit line and caption from the words its file carries.

Pure functions over values already taken out of the file (by
``articles.images.uploads``): IPTC datasets, the XMP packet and EXIF tags.
No Django, no I/O. Files come from anywhere, so every value is decoded
whatever its charset, stripped of control characters, collapsed to single
spaces and capped; an XMP packet is parsed with defusedxml, with no DTD.

Which value wins, first found in the order IPTC, XMP, EXIF:

* a credit line that already names its creator, or holds a slash
  (``OLGA MALTSEVA/AFP via Getty Images``), is the credit as written;
* else a by-line and a credit become ``BY-LINE/CREDIT`` (``Tom Smith/REUTERS``),
  the shape the credit splitter reads as creator and agency;
* else the credit alone; else the by-line, with the source as its agency
  when there is one; else the source; else the holder named by a copyright
  notice (``© 2024 Jane Doe. All rights reserved.`` gives ``Jane Doe``).

The caption is IPTC's Caption/Abstract, else XMP's dc:description, else EXIF's
ImageDescription or XPComment, leaving out what cameras write by themselves
(``OLYMPUS DIGITAL CAMERA``).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .plain_text import strip_control_characters

# A credit line is stored in a 255-character column and split into parts of
# at most 200; a longer "credit" is a paragraph, not a credit.
MAX_CREDIT_LENGTH = 200
MAX_CAPTION_LENGTH = 2000
# Photoshop's editing history can make a packet of megabytes; the fields read
# here sit in the first few kilobytes of any packet seen in the wild.
MAX_XMP_BYTES = 1_000_000
# Bytes kept of one raw value before decoding: four per character at most.
_MAX_RAW = 4 * MAX_CAPTION_LENGTH

IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_SOURCE = (2, 115)
IPTC_COPYRIGHT = (2, 116)
IPTC_CAPTION = (2, 120)
IPTC_CHARSET = (1, 90)
_IPTC_UTF8 = (b"\x1b%G", b"\x1b%/I")

EXIF_DESCRIPTION = 0x010E
EXIF_ARTIST = 0x013B
EXIF_COPYRIGHT = 0x8298
EXIF_XP_COMMENT = 0x9C9C
EXIF_XP_AUTHOR = 0x9C9D

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
_IPTC_CORE = "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XMP_FIELDS = {
    f"{_DC}creator": "byline",
    f"{_PHOTOSHOP}Credit": "credit",
    f"{_IPTC_CORE}CreditLine": "credit",
    f"{_PHOTOSHOP}Source": "source",
    f"{_DC}rights": "copyright",
    f"{_DC}description": "caption",
}

# What cameras and phones write into the description and artist fields by
# themselves: it names no one and describes nothing.
_CAMERA_WORDS_RE = re.compile(
    r"(?:(?:olympus |sony |kodak |nikon |canon |samsung |lg )?"
    r"(?:digital (?:still )?camera|dsc|camera)|exif_jpeg_picture|default|"
    r"image|picture|photo|unknown|none|n/?a|owner|author|artist|copyright|"
    r"(?:img|dsc|dscn|dscf|pict|p)_?\d+(?:\.\w+)?|-+|\.+)",
    re.IGNORECASE,
)
_COPYRIGHT_WORDS_RE = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\bphoto(?:graph)?s?\s*:|"
    r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileFields:
    """The words one kind of metadata carries, each cleaned, "" when absent."""

    byline: str = ""
    credit: str = ""
    source: str = ""
    copyright: str = ""
    caption: str = ""


@dataclass(frozen=True)
class FileMetadata:
    """What a file says of its picture: the credit line and caption to offer."""

    credit_line: str = ""
    caption: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.credit_line or self.caption)


def read_image_metadata(
    iptc: Mapping | None = None,
    xmp: bytes | str | None = None,
    exif: Mapping | None = None,
) -> FileMetadata:
    """Return the credit line and caption a file's metadata gives (rules above)."""
    return choose_metadata(
        [read_iptc(iptc or {}), read_xmp(xmp or b""), read_exif(exif or {})]
    )


def choose_metadata(found: Iterable[FileFields]) -> FileMetadata:
    """Pick the credit line and caption from fields listed strongest first."""
    found = list(found)

    def first(name: str) -> str:
        return next((getattr(one, name) for one in found if getattr(one, name)), "")

    return FileMetadata(
        credit_line=_credit_line(
            first("byline"), first("credit"), first("source"), first("copyright")
        ),
        caption=first("caption"),
    )


def read_iptc(datasets: Mapping) -> FileFields:
    """Read IPTC IIM datasets, keyed ``(record, dataset)`` as Pillow gives them."""
    charset = _raw_values(datasets.get(IPTC_CHARSET))
    utf8 = bool(charset) and charset[0].strip() in _IPTC_UTF8

    def values(key: tuple[int, int]) -> list[str]:
        return [_decode(raw, utf8=utf8) for raw in _raw_values(datasets.get(key))]

    return _fields(
        byline=_join_names(values(IPTC_BYLINE)),
        credit=_first(values(IPTC_CREDIT)),
        source=_first(values(IPTC_SOURCE)),
        copyright=_first(values(IPTC_COPYRIGHT)),
        caption=_first(values(IPTC_CAPTION)),
    )


def read_xmp(packet: bytes | str) -> FileFields:
    """Read an XMP packet; one that is not well-formed, or too big, says nothing."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8", "surrogatepass")
    if not packet or len(packet) > MAX_XMP_BYTES:
        return FileFields()
    # Some writers pad or end the packet with NULs, which XML cannot hold.
    packet = packet.strip(b"\x00 \t\r\n")
    try:
        root = fromstring(packet, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError, UnicodeError):
        return FileFields()
    found: dict[str, list[str]] = {}
    for description in root.iter(f"{_RDF}Description"):
        for name, value in description.attrib.items():
            if name in _XMP_FIELDS:
                found.setdefault(_XMP_FIELDS[name], []).append(value)
        for child in description:
            if child.tag in _XMP_FIELDS:
                found.setdefault(_XMP_FIELDS[child.tag], []).extend(_xmp_values(child))
    cleaned = {
        name: [_clean(value) for value in values] for name, values in found.items()
    }
    return _fields(
        byline=_join_names(cleaned.get("byline", [])),
        **{
            name: _first(cleaned.get(name, []))
            for name in ("credit", "source", "copyright", "caption")
        },
    )


def read_exif(tags: Mapping) -> FileFields:
    """Read EXIF's IFD0 tags (Artist, Copyright, ImageDescription, XP tags)."""
    artist = _exif_text(tags.get(EXIF_ARTIST)) or _exif_xp(tags.get(EXIF_XP_AUTHOR))
    # EXIF's Copyright may hold the photographer's and the editor's notices,
    # separated by a NUL; the photographer's comes first.
    notices = _exif_text(tags.get(EXIF_COPYRIGHT), keep_nul=True).split("\x00")
    caption = _exif_text(tags.get(EXIF_DESCRIPTION)) or _exif_xp(
        tags.get(EXIF_XP_COMMENT)
    )
    return _fields(
        byline=artist,
        copyright=_first([_clean(notice) for notice in notices]),
        caption=caption,
    )


def copyright_holder(notice: str) -> str:
    """Return who a copyright notice names, without the symbol, years and formula."""
    holder = _COPYRIGHT_WORDS_RE.sub(" ", notice)
    holder = " ".join(holder.split()).strip(" .,;:-–/")
    return "" if _says_nothing(holder) else holder


def _credit_line(byline: str, credit: str, source: str, copyright: str) -> str:
    if credit:
        if not byline or "/" in credit or _mentions(credit, byline):
            line = credit
        else:
            line = f"{byline}/{credit}"
    elif byline:
        line = (
            byline if not source or _mentions(byline, source) else f"{byline}/{source}"
        )
    else:
        line = source or copyright_holder(copyright)
    return line if len(line) <= MAX_CREDIT_LENGTH else ""


def _fields(**values: str) -> FileFields:
    cleaned = {
        name: "" if _says_nothing(value) else value for name, value in values.items()
    }
    if len(cleaned.get("caption", "")) > MAX_CAPTION_LENGTH:
        cut = cleaned["caption"][: MAX_CAPTION_LENGTH - 1].rsplit(" ", 1)[0]
        cleaned["caption"] = f"{cut}…"
    for name in ("byline", "credit", "source", "copyright"):
        if len(cleaned.get(name, "")) > MAX_CREDIT_LENGTH:
            cleaned[name] = ""
    return FileFields(**cleaned)


def _xmp_values(element: Element) -> list[str]:
    """Return the values of an XMP property: its text, or its list's items."""
    items = list(element.iter(f"{_RDF}li"))
    if not items:
        return [element.text or ""]
    # A language alternative: the default language first.
    items.sort(key=lambda item: item.get(_XML_LANG) != "x-default")
    return ["".join(item.itertext()) for item in items]


def _raw_values(value: object) -> list[bytes]:
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray, str)):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [
        bytes(one[:_MAX_RAW]) if not isinstance(one, str) else one[:_MAX_RAW].encode()
        for one in value
        if isinstance(one, (bytes, bytearray, str))
    ]


def _exif_text(value: object, *, keep_nul: bool = False) -> str:
    if isinstance(value, (bytes, bytearray)):
        text = _decode(bytes(value[:_MAX_RAW]), keep_nul=keep_nul)
    elif isinstance(value, str):
        text = _repair(value[:_MAX_RAW])
        text = text if keep_nul else text.replace("\x00", " ")
    else:
        return ""
    if keep_nul:
        return "\x00".join(_clean(part) for part in text.split("\x00"))
    return _clean(text)


def _exif_xp(value: object) -> str:
    """Decode a Windows XP tag: UTF-16LE, as bytes or a tuple of byte values."""
    if isinstance(value, (tuple, list)) and all(
        isinstance(one, int) and 0 <= one < 256 for one in value[:_MAX_RAW]
    ):
        value = bytes(value[:_MAX_RAW])
    if not isinstance(value, (bytes, bytearray)):
        return ""
    raw = bytes(value[:_MAX_RAW])
    return _clean(raw[: len(raw) // 2 * 2].decode("utf-16-le", "replace"))


def _decode(raw: bytes, *, utf8: bool = False, keep_nul: bool = False) -> str:
    """Decode bytes of unknown charset: UTF-8 if they are, else Windows-1252."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if utf8:
            text = raw.decode("utf-8", "replace")
        else:
            # Latin-1 takes the five bytes Windows-1252 leaves undefined.
            text = "".join(
                bytes([byte]).decode("cp1252", "strict")
                if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                else chr(byte)
                for byte in raw
            )
    if not keep_nul:
        text = text.replace("\x00", " ")
    return text if keep_nul else _clean(text)


def _repair(text: str) -> str:
    """Undo UTF-8 read as Latin-1 ("JÃ¶rg"), which EXIF readers often give."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _clean(text: str) -> str:
    return " ".join(strip_control_characters(text).split())


def _first(values: Iterable[str]) -> str:
    return next((value for value in values if not _says_nothing(value)), "")


def _join_names(names: Iterable[str]) -> str:
    kept: list[str] = []
    for name in names:
        if not _says_nothing(name) and name.casefold() not in map(str.casefold, kept):
            kept.append(name)
    return ", ".join(kept)


def _says_nothing(value: str) -> bool:
    return not value.strip() or _CAMERA_WORDS_RE.fullmatch(value.strip()) is not None


def _mentions(text: str, name: str) -> bool:
    return " ".join(name.split()).casefold() in " ".join(text.split()).casefold()
