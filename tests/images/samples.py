"""Pictures made in the tests: JPEGs with IPTC, XMP and EXIF, as wires send them.

No binary fixtures: each sample is drawn with Pillow, and the IPTC block
(which Pillow reads but does not write) is put in by hand, as Photoshop
writes it: an APP13 segment of 8BIM resources holding IIM datasets.
"""

import io
import struct

from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def iptc_block(datasets: dict[tuple[int, int], bytes | list[bytes]]) -> bytes:
    """Return IIM datasets wrapped as a JPEG APP13 (Photoshop 3.0) segment."""
    iim = b""
    for (record, number), values in datasets.items():
        for value in values if isinstance(values, list) else [values]:
            iim += struct.pack(">BBBH", 0x1C, record, number, len(value)) + value
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    resource += struct.pack(">I", len(iim)) + iim + b"\x00" * (len(iim) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(**properties: str) -> bytes:
    """Return an XMP packet; ``dc_creator="Jane"`` becomes dc:creator, as a list."""
    items = []
    for name, value in properties.items():
        prefix, local = name.split("_", 1)
        if prefix == "dc" and local in ("creator",):
            body = f"<rdf:Seq><rdf:li>{value}</rdf:li></rdf:Seq>"
        elif prefix == "dc":
            body = (
                '<rdf:Alt><rdf:li xml:lang="de">Anders</rdf:li>'
                f'<rdf:li xml:lang="x-default">{value}</rdf:li></rdf:Alt>'
            )
        else:
            body = value
        items.append(f"<{prefix}:{local}>{body}</{prefix}:{local}>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:exif="http://ns.adobe.com/exif/1.0/">'
        f"{''.join(items)}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def picture(
    size: tuple[int, int] = (1600, 1200),
    fmt: str = "JPEG",
    *,
    exif: dict | None = None,
    gps: bool = False,
    orientation: int = 0,
    xmp: bytes = b"",
    iptc: dict | None = None,
    icc: bytes = b"",
    color: tuple[int, int, int] = (200, 40, 40),
) -> bytes:
    """Draw a picture: the left half ``color``, the right half white, so turns show."""
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste(color, (0, 0, size[0] // 2, size[1]))
    tags = Image.Exif()
    for tag, value in (exif or {}).items():
        tags[tag] = value
    if orientation:
        tags[ORIENTATION] = orientation
    if gps:
        tags[GPS_IFD] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 0.0)}
    options = {}
    if len(tags):
        options["exif"] = tags.tobytes()
    if xmp:
        options["xmp"] = xmp
    if icc:
        options["icc_profile"] = icc
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    data = buffer.getvalue()
    if iptc:
        data = data[:2] + iptc_block(iptc) + data[2:]
    return data


def upload(data: bytes, name: str = "harbour.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
