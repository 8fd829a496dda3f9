import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.text.credits import (
    MAX_PART_LENGTH,
    CreditParts,
    format_credit,
    normalize_credit,
    shows_house_style,
    split_credit,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("credit", "creator", "agency", "distributor"),
    [
        ("OLGA MALTSEVA/AFP via Getty Images", "Olga Maltseva", "AFP", "Getty Images"),
        ("Getty Images", "", "", "Getty Images"),
        ("REUTERS/Jane Doe", "Jane Doe", "Reuters", ""),
        ("AP Photo/John Smith", "John Smith", "AP", ""),
        (
            "John Smith/Bloomberg via Getty Images",
            "John Smith",
            "Bloomberg",
            "Getty Images",
        ),
        ("Photo by Jane Doe on Unsplash", "Jane Doe", "", "Unsplash"),
        ("Jane Doe on Unsplash", "Jane Doe", "", "Unsplash"),
        ("Screenshot from YouTube", "", "", "YouTube"),
    ],
)
def test_spec_credit_table_splits_as_documented(credit, creator, agency, distributor):
    assert split_credit(credit) == CreditParts(creator, agency, distributor)


@pytest.mark.parametrize(
    ("credit", "parts"),
    [
        ("AFP", CreditParts(agency="AFP")),
        ("REUTERS", CreditParts(agency="Reuters")),
        ("getty images", CreditParts(distributor="Getty Images")),
        ("AFP via Getty Images", CreditParts("", "AFP", "Getty Images")),
        ("AFP/Getty Images", CreditParts("", "AFP", "Getty Images")),
        ("Chip Doe/Getty Images", CreditParts("Chip Doe", "", "Getty Images")),
        ("Jane Doe/AFP/Getty Images", CreditParts("Jane Doe", "AFP", "Getty Images")),
        ("Jane Doe via Getty Images", CreditParts("Jane Doe", "", "Getty Images")),
        ("Jane Doe via Twitter", CreditParts("Jane Doe", "", "Twitter")),
        ("Jane Doe/Acme News", CreditParts("Jane Doe", "Acme News")),
        ("JANE DOE/ACME NEWS", CreditParts("Jane Doe", "ACME NEWS")),
        ("EPA-EFE/JANE DOE", CreditParts("Jane Doe", "EPA-EFE")),
        ("XINHUA/Li Wei", CreditParts("Li Wei", "Xinhua")),
        ("ap photo/John Smith", CreditParts("John Smith", "AP")),
        ("KCNA Photo/Kim Min", CreditParts("Kim Min", "KCNA")),
        ("Jane Doe / Anadolu Agency", CreditParts("Jane Doe", "Anadolu Agency")),
        (
            "Jane Doe/SOPA Images/LightRocket via Getty Images",
            CreditParts("Jane Doe", "SOPA Images/LightRocket", "Getty Images"),
        ),
        (
            "Jane Doe/NurPhoto via Getty Images",
            CreditParts("Jane Doe", "NurPhoto", "Getty Images"),
        ),
        ("Photo by Jane Doe from Pexels", CreditParts("Jane Doe", "", "Pexels")),
        ("Photo by Jane Doe on Acme Stock", CreditParts("Jane Doe", "", "Acme Stock")),
        ("Image by Jane Doe from Pixabay", CreditParts("Jane Doe", "", "Pixabay")),
        ("Photo: Jane Doe/Reuters", CreditParts("Jane Doe", "Reuters")),
        ("Credit: Getty Images", CreditParts(distributor="Getty Images")),
        ("Screengrab from YouTube", CreditParts(distributor="YouTube")),
        ("screenshot via twitter", CreditParts(distributor="Twitter")),
        ("Screenshot from Acme TV", CreditParts(distributor="Acme TV")),
        ("YouTube screenshot", CreditParts(distributor="YouTube")),
        (
            f"OLGA{NBSP}MALTSEVA/AFP{NBSP}via Getty Images",
            CreditParts("Olga Maltseva", "AFP", "Getty Images"),
        ),
    ],
)
def test_other_names_in_the_same_shapes_split_the_same_way(credit, parts):
    assert split_credit(credit) == parts


@pytest.mark.parametrize(
    "credit",
    [
        "",
        "   ",
        "Jane Doe",
        "Courtesy of NASA",
        "Public domain",
        "Screenshot",
        "/",
        "Jane Doe/",
        "/AFP",
        "REUTERS/Jane Doe/File Photo",
        "Photo by",
        "The mayor is seen here on the steps of the old town hall via a drone",
        "Protesters gather on Main Street",
    ],
)
def test_credits_that_fit_no_pattern_have_no_parts(credit):
    assert split_credit(credit) == CreditParts()
    assert split_credit(credit).is_empty


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("OLGA MALTSEVA", "Olga Maltseva"),
        ("JEAN-PIERRE DUPONT", "Jean-Pierre Dupont"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("SEAN O’BRIEN", "Sean O’Brien"),
        ("RONALD MCDONALD", "Ronald McDonald"),
        ("JOHN SMITH III", "John Smith III"),
        ("J.R. SMITH", "J.R. Smith"),
        ("ÉMILE ZOLA", "Émile Zola"),
        ("Jane van der Berg", "Jane van der Berg"),
        ("danah boyd", "danah boyd"),
        ("Ruth McDONALD", "Ruth McDONALD"),
    ],
)
def test_creator_in_capitals_is_title_cased_and_others_kept(written, shown):
    assert split_credit(f"{written}/AFP").creator == shown


def test_unknown_agency_keeps_its_spelling():
    assert split_credit("Jane Doe/ACME wire via Getty Images").agency == "ACME wire"


def test_split_credit_never_raises_on_odd_input():
    for text in ["\x00", "///", " via ", "on on on", "\ud800", "(((", "a/b/c/d/e"]:
        assert isinstance(split_credit(text), CreditParts)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("OLGA MALTSEVA/AFP via Getty Images", "olga maltseva/afp via getty images"),
        (f"  Jane{NBSP}Doe /  Reuters\t", "jane doe / reuters"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_credit_ignores_case_and_spacing(text, key):
    assert normalize_credit(text) == key


def test_credits_differing_only_in_spacing_and_case_share_a_key():
    assert normalize_credit("Jane Doe/Reuters") == normalize_credit(
        f"JANE  DOE/REUTERS{NBSP}"
    )


@pytest.mark.parametrize(
    ("credit", "shown"),
    [
        ("OLGA MALTSEVA/AFP via Getty Images", "Olga Maltseva/AFP via Getty Images"),
        ("REUTERS/Jane Doe", "Jane Doe/Reuters"),
        ("AP Photo/John Smith", "John Smith/AP"),
        ("getty images", "Getty Images"),
        ("Photo by Jane Doe on Unsplash", "Jane Doe via Unsplash"),
        ("Screenshot from YouTube", "Screenshot from YouTube"),
        ("AFP via Getty Images", "AFP via Getty Images"),
        ("AFP", "AFP"),
        (f"Courtesy  of{NBSP}NASA ", "Courtesy of NASA"),
        # "Photo" after a name that runs no wire service is part of what the
        # credit says: it is neither dropped nor read as an agency.
        ("Jane Doe/Magnum Photos", "Jane Doe/Magnum Photos"),
        ("Family Photo/Jane Doe", "Family Photo/Jane Doe"),
        ("Drone photo/Jane Doe", "Drone photo/Jane Doe"),
        ("Police Photo/Jane Doe", "Police Photo/Jane Doe"),
        ("", ""),
    ],
)
def test_format_credit_shows_house_style_or_the_verbatim_text(credit, shown):
    assert format_credit(credit, split_credit(credit)) == shown


def test_format_credit_leaves_out_missing_parts():
    line = "JANE DOE/AFP via Getty Images"
    assert format_credit(line, CreditParts(creator="Jane Doe")) == "Jane Doe"
    assert format_credit(line, CreditParts(agency="AFP")) == "AFP"
    assert format_credit(line, CreditParts("Jane Doe", "", "Unsplash")) == (
        "Jane Doe via Unsplash"
    )


def test_parts_typed_for_a_line_shown_as_written_do_not_change_it():
    parts = CreditParts(distributor="YouTube")
    assert format_credit("Screenshot from YouTube", parts) == (
        "Screenshot from YouTube"
    )
    assert format_credit("Jane Doe, for the Acme Post", CreditParts("Jane Doe")) == (
        "Jane Doe, for the Acme Post"
    )


def test_credit_parts_are_empty_only_without_any_part():
    assert CreditParts().is_empty
    assert not CreditParts(distributor="YouTube").is_empty


@given(st.text())
def test_any_text_splits_without_error(text):
    parts = split_credit(text)
    shown = format_credit(text, parts)
    assert isinstance(shown, str)
    assert normalize_credit(normalize_credit(text)) == normalize_credit(text)
    if parts.is_empty:
        assert shown == " ".join(text.split())


# Credits an acceptance tester found split wrongly, and more of the same shapes
# with other names: text, expected parts, and the credit as shown.
@pytest.mark.parametrize(
    ("credit", "parts", "shown"),
    [
        # WHO on|from NAME, both sides names.
        (
            "Ann Lee on Openverse",
            CreditParts("Ann Lee", "", "Openverse"),
            "Ann Lee via Openverse",
        ),
        (
            "Jane van der Berg on Openverse",
            CreditParts("Jane van der Berg", "", "Openverse"),
            "Jane van der Berg via Openverse",
        ),
        (
            "Jane Doe from Acme",
            CreditParts("Jane Doe", "", "Acme"),
            "Jane Doe via Acme",
        ),
        (
            "Photo by Jane Roe on Pexels",
            CreditParts("Jane Roe", "", "Pexels"),
            "Jane Roe via Pexels",
        ),
        ("NASA on Flickr", CreditParts("NASA", "", "Flickr"), "NASA via Flickr"),
        (
            "Screenshot from Vimeo",
            CreditParts(distributor="Vimeo"),
            "Screenshot from Vimeo",
        ),
        # AGENCY Photo/CREATOR.
        (
            "EPA Photo/Hans Muller",
            CreditParts("Hans Muller", "EPA", ""),
            "Hans Muller/EPA",
        ),
        (
            "EPA Photos/Hans Muller",
            CreditParts("Hans Muller", "EPA"),
            "Hans Muller/EPA",
        ),
        ("ACME PHOTO/Jane Doe", CreditParts("Jane Doe", "ACME"), "Jane Doe/ACME"),
        ("Jane Doe/AP Photo", CreditParts("Jane Doe", "AP"), "Jane Doe/AP"),
        ("Reuters Photo", CreditParts(agency="Reuters"), "Reuters"),
        # ACRONYM/Creator, neither part known.
        ("KCNA/Kim Min", CreditParts("Kim Min", "KCNA"), "Kim Min/KCNA"),
        ("EFE/Jane Doe", CreditParts("Jane Doe", "EFE"), "Jane Doe/EFE"),
        ("XINHUA/Li Wei", CreditParts("Li Wei", "Xinhua"), "Li Wei/Xinhua"),
        (
            "Kim Min/KCNA via Getty Images",
            CreditParts("Kim Min", "KCNA", "Getty Images"),
            "Kim Min/KCNA via Getty Images",
        ),
        (
            "JOHN DOE/EFE via Getty Images",
            CreditParts("John Doe", "EFE", "Getty Images"),
            "John Doe/EFE via Getty Images",
        ),
        # Every slash part a known agency.
        (
            "SOPA Images/LightRocket via Getty Images",
            CreditParts("", "SOPA Images/LightRocket", "Getty Images"),
            "SOPA Images/LightRocket via Getty Images",
        ),
        (
            "Mary Major/Anadolu via Getty Images",
            CreditParts("Mary Major", "Anadolu", "Getty Images"),
            "Mary Major/Anadolu via Getty Images",
        ),
        ("AFP", CreditParts(agency="AFP"), "AFP"),
    ],
)
def test_more_names_in_the_documented_shapes(credit, parts, shown):
    assert split_credit(credit) == parts
    assert format_credit(credit, parts) == shown


@pytest.mark.parametrize(
    "credit",
    [
        "Courtesy of the family",
        "Courtesy of NASA via Flickr",
        "Image courtesy of Jane Doe",
        "File photo",
        "File Photo/Jane Doe",
        "Jane Doe/File Photo",
        "Handout",
        "Jane Doe/Handout via Reuters",
        "POOL/Jane Doe",
        "Photo from Openverse",
        "Jane Doe on the Web",
        "Rally in Kyiv on Saturday",
        "Photo of the mayor from Openverse",
        "Ann Lee on The Big Picture Archive Of Old Photos",
        "A man walks past a shop on Main Street from a balcony in the old town "
        "with a dog and two cats today",
    ],
)
def test_nonsense_and_generic_credits_stay_verbatim(credit):
    parts = split_credit(credit)
    assert parts == CreditParts()
    assert format_credit(credit, parts) == credit


def test_an_agency_is_never_title_cased():
    assert split_credit("KCNA/Kim Min").agency == "KCNA"
    assert split_credit("Jane Doe/ACME NEWS").agency == "ACME NEWS"


def test_a_single_word_creator_in_capitals_is_kept_as_an_acronym():
    assert split_credit("UNICEF via Getty Images").creator == "UNICEF"
    assert split_credit("OLGA MALTSEVA via Getty Images").creator == "Olga Maltseva"


def test_a_pair_both_in_capitals_stays_creator_first():
    assert split_credit("KCNA/KIM MIN") == CreditParts("KCNA", "KIM MIN")


@pytest.mark.parametrize(
    "credit",
    [
        "A" * (MAX_PART_LENGTH + 1) + "/Reuters",
        "Reuters/" + "Jane-" * 41,
        "Jane Doe via " + "G" * (MAX_PART_LENGTH + 1),
    ],
)
def test_a_part_longer_than_its_column_leaves_the_credit_verbatim(credit):
    assert split_credit(credit) == CreditParts()


def test_a_part_as_long_as_its_column_still_splits():
    name = "A" * MAX_PART_LENGTH
    assert split_credit(f"{name}/Reuters") == CreditParts(name, "Reuters")


# House style keeps every word of meaning: these lines say what the picture
# is, or on whose terms it is shown, so readers see them as written. The
# parts still name the agency or distributor for the licence report.
@pytest.mark.parametrize(
    ("credit", "parts"),
    [
        ("Screenshot from YouTube", CreditParts(distributor="YouTube")),
        ("screenshot  from youtube", CreditParts(distributor="YouTube")),
        ("YouTube screenshot", CreditParts(distributor="YouTube")),
        ("Screengrab via Twitter", CreditParts(distributor="Twitter")),
        ("Still from Vimeo", CreditParts(distributor="Vimeo")),
        ("Handout via Reuters", CreditParts(distributor="Reuters")),
        ("Handout/AFP", CreditParts(agency="AFP")),
        ("POOL/AFP", CreditParts(agency="AFP")),
        ("Pool/AFP via Getty Images", CreditParts("", "AFP", "Getty Images")),
        ("STRINGER/AFP", CreditParts(agency="AFP")),
        ("AFP/File Photo", CreditParts(agency="AFP")),
        ("Credit: Screenshot from YouTube", CreditParts(distributor="YouTube")),
        ("Courtesy of NASA", CreditParts()),
        ("Courtesy of Jane Doe/Reuters", CreditParts()),
        ("Jane Doe/Handout via Reuters", CreditParts()),
        ("File photo", CreditParts()),
        ("US Navy/Handout via Reuters", CreditParts()),
    ],
)
def test_lines_that_say_what_the_picture_is_are_shown_as_written(credit, parts):
    assert split_credit(credit) == parts
    assert not shows_house_style(credit)
    assert format_credit(credit, parts) == " ".join(credit.split())


def test_screenshot_from_youtube_never_reads_as_if_youtube_took_it():
    shown = format_credit(
        "Screenshot from YouTube", split_credit("Screenshot from YouTube")
    )
    assert shown == "Screenshot from YouTube"


@pytest.mark.parametrize(
    "credit",
    [
        "OLGA MALTSEVA/AFP via Getty Images",
        "Getty Images",
        "REUTERS/Jane Doe",
        "AP Photo/John Smith",
        "John Smith/Bloomberg via Getty Images",
        "Photo by Jane Doe on Unsplash",
        "Jane Doe on Unsplash",
    ],
)
def test_only_the_seed_formats_creator_agency_distributor_shapes_are_rewritten(
    credit,
):
    assert shows_house_style(credit)


_PERSONS = st.sampled_from(
    ["OLGA MALTSEVA", "Jane Doe", "Li Wei", "Jean-Pierre Dupont", "Ann van Berg"]
)
_AGENCIES = st.sampled_from(["AFP", "REUTERS", "AP Photo", "Acme News", "KCNA"])
_DISTRIBUTORS = st.sampled_from(["Getty Images", "getty images", "YouTube", "Acme"])
_GENERIC = st.sampled_from(["Handout", "POOL", "File Photo", "Screenshot", "Still"])
_WORDS = st.sampled_from(
    ["Courtesy of", "Photo by", "Credit:", "Image:", "the family", "on", "from"]
)
_PIECES = st.one_of(_PERSONS, _AGENCIES, _DISTRIBUTORS, _GENERIC, _WORDS)
_JOINERS = st.sampled_from(["/", " / ", " via ", " on ", " from ", " ", "  ", ", "])


@st.composite
def credit_lines(draw) -> str:
    pieces = draw(st.lists(_PIECES, min_size=1, max_size=4))
    line = pieces[0]
    for piece in pieces[1:]:
        line += draw(_JOINERS) + piece
    return line


# The words house style may leave out of a rewritten line: its prefix (the
# caption says "Photo:"), a wire's "Photo" service, and "on"/"from", shown "via".
_DROPPABLE = {"photo", "photos", "photograph", "image", "picture", "by", "credit"}
_DROPPABLE |= {"on", "from"}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


@given(st.one_of(credit_lines(), st.text()))
def test_every_word_of_meaning_appears_in_the_credit_as_shown(line):
    parts = split_credit(line)
    shown = format_credit(line, parts)
    if not shows_house_style(line):
        assert shown == " ".join(line.split())
        return
    kept = set(_words(shown))
    assert {word for word in _words(line) if word not in _DROPPABLE} <= kept
