"""A file's IPTC, XMP and EXIF give the desk a credit line and caption, safely."""

import pytest

from articles.text.image_metadata import (
    MAX_CAPTION_LENGTH,
    FileFields,
    choose_metadata,
    copyright_holder,
    read_exif,
    read_image_metadata,
    read_iptc,
    read_xmp,
)

from ..images.samples import xmp_packet


class CreditChoiceTests:
    @pytest.mark.parametrize(
        "fields, line",
        [
            # The wire's credit line names the photographer already.
            (
                FileFields(
                    byline="OLGA MALTSEVA", credit="OLGA MALTSEVA/AFP via Getty Images"
                ),
                "OLGA MALTSEVA/AFP via Getty Images",
            ),
            (
                FileFields(byline="Olga Maltseva", credit="AFP via Getty Images"),
                "Olga Maltseva/AFP via Getty Images",
            ),
            (FileFields(byline="Tom Smith", credit="REUTERS"), "Tom Smith/REUTERS"),
            (
                FileFields(credit="REUTERS/Tom Smith", byline="Tom Smith"),
                "REUTERS/Tom Smith",
            ),
            (FileFields(credit="AFP"), "AFP"),
            (FileFields(byline="Jane Doe", source="Acme News"), "Jane Doe/Acme News"),
            (FileFields(byline="Jane Doe"), "Jane Doe"),
            (FileFields(source="Reuters"), "Reuters"),
            (FileFields(copyright="© 2024 Jane Doe. All rights reserved."), "Jane Doe"),
            (FileFields(copyright="Copyright 2019-2024"), ""),
            (FileFields(), ""),
        ],
    )
    def test_the_strongest_credit_wins(self, fields, line):
        assert choose_metadata([fields]).credit_line == line

    def test_iptc_beats_xmp_which_beats_exif(self):
        found = choose_metadata(
            [
                FileFields(credit="OLGA MALTSEVA/AFP via Getty Images"),
                FileFields(byline="Someone Else", caption="XMP caption"),
                FileFields(byline="Camera Owner", caption="EXIF caption"),
            ]
        )
        assert found.credit_line == "OLGA MALTSEVA/AFP via Getty Images"
        assert found.caption == "XMP caption"

    def test_a_by_line_from_one_source_joins_a_credit_from_another(self):
        found = choose_metadata(
            [FileFields(credit="REUTERS"), FileFields(byline="Tom Smith")]
        )
        assert found.credit_line == "Tom Smith/REUTERS"

    def test_a_credit_too_long_to_be_one_is_not_offered(self):
        assert choose_metadata([FileFields(credit="word " * 60)]).credit_line == ""

    @pytest.mark.parametrize(
        "notice, holder",
        [
            ("© Reuters", "Reuters"),
            ("(c) 2023 Jane Doe", "Jane Doe"),
            ("Copyright 2020–2024 Acme News, all rights reserved", "Acme News"),
            ("©", ""),
        ],
    )
    def test_a_copyright_notice_names_its_holder(self, notice, holder):
        assert copyright_holder(notice) == holder


class IptcTests:
    def test_iptc_fields_are_read(self):
        found = read_iptc(
            {
                (2, 80): [b"OLGA MALTSEVA"],
                (2, 110): b"AFP via Getty Images",
                (2, 115): b"AFP",
                (2, 116): b"\xa9 AFP 2024",
                (2, 120): b"Dock workers walk out at dawn.",
            }
        )
        assert found == FileFields(
            byline="OLGA MALTSEVA",
            credit="AFP via Getty Images",
            source="AFP",
            copyright="© AFP 2024",
            caption="Dock workers walk out at dawn.",
        )

    def test_utf8_and_legacy_charsets_both_decode(self):
        assert read_iptc({(2, 80): "Jörg Müller".encode()}).byline == "Jörg Müller"
        assert read_iptc({(2, 80): "Jörg Müller".encode("cp1252")}).byline == (
            "Jörg Müller"
        )
        declared = {(1, 90): b"\x1b%G", (2, 80): b"J\xc3\xb6rg \xff"}
        assert read_iptc(declared).byline == "Jörg \ufffd"

    def test_several_by_lines_are_joined_once_each(self):
        found = read_iptc({(2, 80): [b"Jane Doe", b"John Roe", b"JANE DOE"]})
        assert found.byline == "Jane Doe, John Roe"

    def test_control_characters_and_runs_of_space_go(self):
        found = read_iptc({(2, 120): b"Cranes\x1b[31m idle\x00\r\n at\x07 dawn\t"})
        assert found.caption == "Cranes idle at dawn"

    def test_a_huge_caption_is_cut_at_a_word(self):
        found = read_iptc({(2, 120): b"harbour " * 5000})
        assert len(found.caption) <= MAX_CAPTION_LENGTH
        assert found.caption.endswith("harbour…")

    def test_values_of_the_wrong_type_are_ignored(self):
        assert read_iptc({(2, 80): 42, (2, 120): [None, b"Cranes"]}).caption == "Cranes"


class XmpTests:
    def test_xmp_fields_are_read(self):
        packet = xmp_packet(
            dc_creator="Olga Maltseva",
            photoshop_Credit="AFP via Getty Images",
            photoshop_Source="AFP",
            dc_rights="© AFP",
            dc_description="Cranes at dawn",
        )
        assert read_xmp(packet) == FileFields(
            byline="Olga Maltseva",
            credit="AFP via Getty Images",
            source="AFP",
            copyright="© AFP",
            caption="Cranes at dawn",
        )

    def test_properties_written_as_attributes_are_read(self):
        packet = (
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description photoshop:Credit="Reuters" '
            b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"/>'
            b"</rdf:RDF></x:xmpmeta>"
        )
        assert read_xmp(packet).credit == "Reuters"

    @pytest.mark.parametrize(
        "packet",
        [
            b"not xml at all",
            b"<unclosed>",
            # A billion laughs: refused before any entity grows.
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b"<lolz>&lol2;</lolz>",
            # An external entity: never fetched.
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            b"\x00" * 10,
            b"<a>" + b" " * 2_000_000 + b"</a>",
        ],
    )
    def test_a_hostile_or_broken_packet_says_nothing(self, packet):
        assert read_xmp(packet) == FileFields()

    def test_a_packet_given_as_text_is_read(self):
        packet = xmp_packet(dc_description="Cranes").decode()
        assert read_xmp(packet).caption == "Cranes"


class ExifTests:
    def test_exif_fields_are_read(self):
        found = read_exif(
            {0x013B: "Jane Doe", 0x8298: "© Jane Doe\x00© Desk", 0x010E: "Cranes"}
        )
        assert found == FileFields(
            byline="Jane Doe", copyright="© Jane Doe", caption="Cranes"
        )

    def test_windows_xp_tags_are_read(self):
        found = read_exif(
            {0x9C9D: "Jörg".encode("utf-16-le") + b"\x00\x00", 0x9C9C: tuple(b"C\x00")}
        )
        assert (found.byline, found.caption) == ("Jörg", "C")

    def test_utf8_read_as_latin1_is_repaired(self):
        garbled = "Jörg Müller".encode().decode("latin-1")
        assert read_exif({0x013B: garbled}).byline == "Jörg Müller"

    @pytest.mark.parametrize(
        "words",
        ["OLYMPUS DIGITAL CAMERA", "SONY DSC", "  ", "DSC_0042", "Unknown", "-"],
    )
    def test_what_cameras_write_by_themselves_is_left_out(self, words):
        found = read_exif({0x010E: words, 0x013B: words})
        assert found == FileFields()


def test_nothing_in_a_file_gives_nothing():
    assert read_image_metadata().is_empty
    assert read_image_metadata(iptc={}, xmp=b"", exif={}).is_empty
