"""Only real, whole pictures are kept, upright and without saying where they were."""

import hashlib
import io
import zlib

import pytest
from PIL import Image, ImageCms

from django.core.exceptions import ValidationError

from articles.images.uploads import prepare_upload

from .samples import GPS_IFD, ORIENTATION, opened, picture, upload, xmp_packet


def refusal(data: bytes, name: str = "harbour.jpg") -> str:
    with pytest.raises(ValidationError) as error:
        prepare_upload(upload(data, name))
    (message,) = error.value.messages
    return message


def png(size: tuple[int, int]) -> bytes:
    return picture(size, "PNG")


class RefusalTests:
    def test_a_text_file_is_not_a_picture(self):
        assert refusal(b"hello, desk", "notes.jpg") == (
            "“notes.jpg” is not a JPEG, PNG, WebP or GIF image, or not one Pillow "
            "can read."
        )

    @pytest.mark.parametrize("fmt, name", [("TIFF", "scan.tif"), ("BMP", "old.bmp")])
    def test_other_image_formats_are_refused(self, fmt, name):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 20)).save(buffer, fmt)
        assert "is not a JPEG, PNG, WebP or GIF image" in refusal(
            buffer.getvalue(), name
        )

    def test_an_extension_that_lies_is_refused_naming_both(self):
        assert refusal(png((40, 30)), "harbour.jpg") == (
            "“harbour.jpg” is named .jpg but holds a PNG image; rename it to end "
            "in .png, or upload the file you meant."
        )
        assert "is named .png but holds a JPEG image" in refusal(
            picture((40, 30)), "harbour.png"
        )
        assert "has no extension but holds a JPEG image" in refusal(
            picture((40, 30)), "harbour"
        )

    def test_a_truncated_jpeg_is_refused(self):
        data = picture((1600, 1200))
        message = refusal(data[: len(data) // 2])
        assert message.startswith("“harbour.jpg” is damaged or cut short (")
        assert message.endswith("); upload the complete file.")

    def test_a_png_with_a_broken_checksum_is_refused(self):
        data = bytearray(png((64, 48)))
        data[-20] ^= 0xFF
        assert "is damaged or cut short" in refusal(bytes(data), "crane.png")

    def test_an_empty_file_is_refused(self):
        assert refusal(b"") == "“harbour.jpg” is empty."

    def test_a_file_over_the_size_limit_is_refused_unread(self, settings):
        settings.PHOTO_MAX_UPLOAD_BYTES = 2000
        data = picture((400, 300)) + b"\0" * 2000
        assert refusal(data) == (
            f"“harbour.jpg” is {len(data) / 1024:.1f} KB; a photo may be at most "
            "2.0 KB. Export a smaller copy and upload that."
        )

    def test_a_decompression_bomb_is_refused_before_it_is_decoded(self, monkeypatch):
        # 30,000 × 30,000 of one colour: a few hundred kilobytes as PNG,
        # 2.7 GB once decoded. Drawn small, then its header says the rest.
        data = bytearray(png((1, 1)))
        data[16:24] = (30000).to_bytes(4, "big") * 2
        data[29:33] = zlib.crc32(data[12:29]).to_bytes(4, "big")
        decoded = []
        monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self))
        message = refusal(bytes(data), "bomb.png")
        assert message == (
            "“bomb.png” has too many pixels: a photo may have at most 80 "
            "megapixels. Export a smaller copy."
        )
        assert decoded == []

    def test_a_picture_over_the_pixel_limit_is_refused_with_its_size(self):
        data = bytearray(png((1, 1)))
        data[16:24] = (10000).to_bytes(4, "big") + (9000).to_bytes(4, "big")
        data[29:33] = zlib.crc32(data[12:29]).to_bytes(4, "big")
        assert refusal(bytes(data), "big.png") == (
            "“big.png” has too many pixels (10,000 × 9,000 px): a photo may have "
            "at most 80 megapixels. Export a smaller copy."
        )

    def test_an_animation_of_too_many_frames_is_refused(self, settings):
        settings.PHOTO_MAX_PIXELS = 10_000
        frames = [Image.new("RGB", (100, 100), (n, 0, 0)) for n in range(5)]
        buffer = io.BytesIO()
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
        assert refusal(buffer.getvalue(), "clip.gif") == (
            "“clip.gif” is an animation of 5 frames of 100 × 100 px, too many "
            "pixels in all to prepare. Upload a shorter or smaller animation, or "
            "a still."
        )

    def test_a_short_animation_is_kept_whole(self):
        frames = [Image.new("RGB", (100, 100), (n * 50, 0, 0)) for n in range(3)]
        buffer = io.BytesIO()
        frames[0].save(
            buffer, "GIF", save_all=True, append_images=frames[1:], comment=b"Hamburg"
        )
        prepared = prepare_upload(upload(buffer.getvalue(), "clip.gif"))
        stored_bytes = prepared.file.read()
        assert b"Hamburg" not in stored_bytes
        assert opened(stored_bytes).n_frames == 3

    def test_the_pixel_limit_is_a_setting(self, settings):
        settings.PHOTO_MAX_PIXELS = 1000
        assert "at most 0.001 megapixels" in refusal(picture((40, 30)))

    def test_pillows_own_bomb_check_is_a_refusal_too(self, monkeypatch, settings):
        settings.PHOTO_MAX_PIXELS = 10**9
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500)
        assert "has too many pixels" in refusal(picture((40, 30)))

    def test_a_hostile_file_name_is_quoted_back_harmlessly(self):
        message = refusal(b"junk", "../../etc/\x1b[31mevil\x00.jpg")
        assert message.startswith("“evil.jpg” is not")

    @pytest.mark.parametrize(
        "name", ["cranes.jpg\x1b[0m", "cranes.jpg\u200b", "../../cranes.JPG"]
    )
    def test_a_picture_is_stored_under_the_name_that_was_checked(self, name):
        stored = prepare_upload(upload(picture((300, 200)), name)).file
        assert stored.name == "cranes.jpg"

    @pytest.mark.parametrize("quarters", [1, 2, 3])
    def test_any_truncation_of_a_webp_or_gif_is_refused(self, quarters):
        for fmt, name in (("WEBP", "a.webp"), ("GIF", "a.gif")):
            data = picture((200, 150), fmt)
            with pytest.raises(ValidationError):
                prepare_upload(upload(data[: len(data) * quarters // 4], name))


class AcceptedTests:
    @pytest.mark.parametrize(
        "fmt, name, shown",
        [
            ("JPEG", "a.jpg", "JPEG"),
            ("JPEG", "a.JPEG", "JPEG"),
            ("PNG", "a.png", "PNG"),
            ("WEBP", "a.webp", "WebP"),
            ("GIF", "a.gif", "GIF"),
        ],
    )
    def test_the_four_formats_are_accepted(self, fmt, name, shown):
        prepared = prepare_upload(upload(picture((1200, 800), fmt), name))
        assert (prepared.format, prepared.width, prepared.height) == (shown, 1200, 800)
        assert not prepared.is_narrow

    def test_the_hash_is_of_the_bytes_as_they_arrived(self):
        data = picture((400, 300), gps=True)
        prepared = prepare_upload(upload(data))
        assert prepared.rewritten
        assert prepared.content_hash == hashlib.sha256(data).hexdigest()
        assert prepared.file.content_hash == prepared.content_hash

    def test_a_clean_file_is_kept_byte_for_byte(self):
        data = picture((400, 300))
        prepared = prepare_upload(upload(data))
        assert not prepared.rewritten
        assert prepared.file.read() == data

    def test_a_narrow_picture_is_accepted_but_marked(self, settings):
        assert prepare_upload(upload(png((50, 50)), "tiny.png")).is_narrow
        settings.PHOTO_MIN_USEFUL_WIDTH = 40
        assert not prepare_upload(upload(png((50, 50)), "tiny.png")).is_narrow


class OrientationTests:
    def test_a_portrait_phone_photo_ends_up_portrait(self):
        # Stored sideways as 1600 × 1200 with "turn 90° clockwise" (6).
        data = picture((1600, 1200), orientation=6)
        prepared = prepare_upload(upload(data))
        assert (prepared.width, prepared.height) == (1200, 1600)
        stored = opened(prepared.file.read())
        assert stored.size == (1200, 1600)
        assert ORIENTATION not in stored.getexif()
        # The coloured left half is now the top half.
        assert stored.getpixel((600, 100))[1] < 100
        assert stored.getpixel((600, 1500)) == (255, 255, 255)

    @pytest.mark.parametrize("orientation, size", [(3, (160, 120)), (8, (120, 160))])
    def test_every_orientation_is_applied_once(self, orientation, size):
        prepared = prepare_upload(upload(picture((160, 120), orientation=orientation)))
        assert (prepared.width, prepared.height) == size
        again = prepare_upload(upload(prepared.file.read()))
        assert (again.width, again.height) == size
        assert not again.rewritten


class LocationTests:
    def test_gps_xmp_and_iptc_never_reach_the_stored_file(self):
        data = picture(
            (800, 600),
            gps=True,
            exif={0x013B: "Jane Doe", 0x927C: b"maker secrets"},
            xmp=xmp_packet(exif_GPSLatitude="52,31.2N", dc_description="Cranes"),
            iptc={(2, 90): b"Hamburg", (2, 101): b"Germany", (2, 120): b"Cranes"},
        )
        prepared = prepare_upload(upload(data))
        stored_bytes = prepared.file.read()
        stored = opened(stored_bytes)
        exif = stored.getexif()
        assert GPS_IFD not in exif
        assert 0x927C not in exif.get_ifd(0x8769)
        assert exif[0x013B] == "Jane Doe"
        assert "xmp" not in stored.info and "photoshop" not in stored.info
        for secret in (b"Hamburg", b"GPSLatitude", b"maker secrets", b"52,31"):
            assert secret not in stored_bytes
        # What the file said is still offered to the desk.
        assert prepared.metadata.caption == "Cranes"

    def test_the_colour_profile_is_kept(self):
        icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        data = picture((400, 300), gps=True, icc=icc)
        stored = opened(prepare_upload(upload(data)).file.read())
        assert stored.info["icc_profile"] == icc

    @pytest.mark.parametrize("fmt, name", [("PNG", "a.png"), ("WEBP", "a.webp")])
    def test_other_formats_lose_their_location_too(self, fmt, name):
        data = picture((300, 200), fmt, gps=True, xmp=xmp_packet(dc_description="X"))
        stored_bytes = prepare_upload(upload(data, name)).file.read()
        stored = opened(stored_bytes)
        assert GPS_IFD not in stored.getexif()
        assert "xmp" not in stored.info and "XML:com.adobe.xmp" not in stored.info

    def test_a_rewritten_png_keeps_its_artist(self):
        data = picture((300, 200), "PNG", gps=True, exif={0x013B: "Jane Doe"})
        stored = opened(prepare_upload(upload(data, "a.png")).file.read())
        assert GPS_IFD not in stored.getexif()
        assert stored.getexif()[0x013B] == "Jane Doe"

    def test_gps_in_a_second_exif_segment_is_dropped(self):
        data = picture((300, 200), exif={0x013B: "Jane Doe"})
        gps = Image.Exif()
        gps[GPS_IFD] = {1: "N", 2: (52.0, 31.0, 12.0)}
        body = b"Exif\x00\x00" + gps.tobytes()
        segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
        at = 2  # after SOI, walk the segments to the end of the first EXIF
        while data[at : at + 2] != b"\xff\xe1":
            at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        data = data[:at] + segment + data[at:]
        prepared = prepare_upload(upload(data))
        assert prepared.rewritten
        assert b"Exif\x00\x00" + gps.tobytes() not in prepared.file.read()

    def test_a_comment_after_the_first_frame_of_a_gif_is_dropped(self):
        frames = [Image.new("P", (40, 30), index) for index in (1, 2, 3)]
        buffer = io.BytesIO()
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
        data = buffer.getvalue()
        comment = b"GPS 51.5N 0.12W"
        block = b"\x21\xfe" + bytes([len(comment)]) + comment + b"\x00"
        data = data[:-1] + block + data[-1:]  # before the trailer
        stored = prepare_upload(upload(data, "a.gif")).file.read()
        assert comment not in stored

    def test_a_png_text_chunk_is_dropped(self):
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Location", "Hamburg harbour")
        buffer = io.BytesIO()
        Image.new("RGB", (100, 80)).save(buffer, "PNG", pnginfo=info)
        stored = prepare_upload(upload(buffer.getvalue(), "a.png")).file.read()
        assert b"Hamburg" not in stored

    def test_a_lossless_webp_stays_lossless(self):
        buffer = io.BytesIO()
        image = Image.new("RGB", (64, 48), (10, 20, 30))
        image.putpixel((5, 5), (250, 0, 0))
        exif = Image.Exif()
        exif[GPS_IFD] = {1: "N"}
        image.save(buffer, "WEBP", lossless=True, exif=exif.tobytes())
        stored = opened(prepare_upload(upload(buffer.getvalue(), "a.webp")).file.read())
        assert stored.getpixel((5, 5)) == (250, 0, 0)


class HostileMetadataTests:
    def test_a_broken_iptc_block_is_ignored_and_the_picture_kept(self):
        data = picture((400, 300))
        broken = (
            b"\xff\xed\x00\x20Photoshop 3.0\x008BIM\x04\x04\x00\x00\xff\xff\xff\xff"
        )
        prepared = prepare_upload(upload(data[:2] + broken + data[2:]))
        assert prepared.metadata.is_empty
        assert b"Photoshop" not in prepared.file.read()

    def test_an_xml_bomb_in_the_xmp_packet_is_not_expanded(self):
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&c;</x:xmpmeta>'
        )
        prepared = prepare_upload(upload(picture((400, 300), xmp=bomb)))
        assert prepared.metadata.is_empty
        assert b"ENTITY" not in prepared.file.read()

    def test_iptc_with_control_characters_and_a_huge_caption_is_tamed(self):
        data = picture(
            (400, 300),
            iptc={(2, 80): b"Jane\x1b[2J Doe", (2, 120): b"word " * 3000},
        )
        found = prepare_upload(upload(data)).metadata
        assert found.credit_line == "Jane Doe"
        assert len(found.caption) <= 2000
