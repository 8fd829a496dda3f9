import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.text.body import Block, BlockKind, first_paragraph, parse_body
from articles.text.credits import CreditParts, split_credit
from articles.text.headlines import title_key
from articles.text.plain_text import MAX_SEARCH_TEXT, find_control_characters
from articles.text.seeds import (
    MAX_SEED_BYTES,
    RelatedTitle,
    SeedArticle,
    SeedError,
    decode_seed,
    load_seed,
    parse_seed,
    seed_name_parts,
)

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
NBSP = "\u00a0"

P = BlockKind.PARAGRAPH
S = BlockKind.SUBHEADING
R = BlockKind.READ_ALSO


def load_data(name: str) -> SeedArticle:
    return load_seed((DATA_DIR / name).read_bytes(), f"data/{name}")


def data_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


def kinds(article: SeedArticle) -> list[BlockKind]:
    return [block.kind for block in article.blocks]


# The first real seed.


@pytest.fixture(scope="module")
def first_seed() -> SeedArticle:
    name = "000_0068e990f459f926.txt"
    return load_seed((SEEDS_DIR / name).read_bytes(), f"seeds/{name}")


def test_first_seed_headline_loses_its_label(first_seed):
    assert first_seed.headline == (
        "Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for Freedom"
    )
    assert first_seed.label == "REPORT"


def test_first_seed_credit_is_verbatim_and_split(first_seed):
    assert first_seed.credit == "OLGA MALTSEVA/AFP via Getty Images"
    assert split_credit(first_seed.credit) == CreditParts(
        creator="Olga Maltseva", agency="AFP", distributor="Getty Images"
    )


def test_first_seed_has_twelve_paragraphs_starting_with_the_lede(first_seed):
    assert len(first_seed.paragraphs) == 12
    assert first_seed.lede.startswith("Russia is reportedly recruiting prisoners")
    assert first_seed.lede.endswith("significant advance in its invasion.")
    assert first_seed.paragraphs[-1].endswith("Fortune reported.")


def test_first_seed_blocks_place_subheadings_and_read_also(first_seed):
    assert kinds(first_seed) == [P, P, P, S, P, P, P, P, R, P, S, P, P, P, P]
    assert first_seed.blocks[3].text == "Russia's Recruitment of Prisoners"
    assert first_seed.blocks[10].text == "Fighting in Ukraine"
    assert first_seed.read_also_titles == (
        "Russia Launches Iranian Satellite Into Space Amid Concerns Moscow Would "
        "Use it To Spy on Ukraine",
    )


def test_first_seed_related_title_is_shown_after_the_body(first_seed):
    assert first_seed.related == (
        RelatedTitle(
            "Russia-Ukraine War: US Claims Russian Officials Now Training on "
            "Iranian Drones That Can Carry Precision-Guided Missiles",
            34,
        ),
    )
    assert "Related" not in first_seed.body_text


def test_first_seed_titles_have_no_no_break_spaces(first_seed):
    titles = [first_seed.headline, *first_seed.read_also_titles]
    titles += [link.title for link in first_seed.related]
    assert not any(NBSP in title for title in titles)


def test_first_seed_parses_without_warnings(first_seed):
    assert first_seed.warnings == ()


def test_first_seed_body_text_reads_back_as_the_same_blocks(first_seed):
    assert parse_body(first_seed.body_text) == list(first_seed.blocks)


# A well-formed article of our own.


def test_article_parts_are_read_in_order():
    article = load_data("ferry.txt")
    assert article.headline == "Harbour Ferry Service Resumes After Week-Long Strike"
    assert article.label == "UPDATE"
    assert article.credit == "JEAN-PIERRE O'BRIEN/Acme News via Getty Images"
    assert split_credit(article.credit) == CreditParts(
        "Jean-Pierre O'Brien", "Acme News", "Getty Images"
    )
    assert article.blocks == (
        Block(
            P,
            "Ferries crossed the harbour again on Monday morning after crews and "
            "the operator agreed a new pay deal late on Sunday.",
        ),
        Block(
            P,
            "Commuters queued from six o'clock, and the first boat left the north "
            "pier twelve minutes late.",
        ),
        Block(S, "What the Deal Means"),
        Block(
            P,
            "The agreement raises wages by four percent this year and three "
            "percent next year.",
        ),
        Block(R, "Bus Drivers Vote on New Contract"),
        Block(P, "Union officials said the vote was close."),
        Block(
            P,
            "Timetables Passengers should check the operator's website before "
            "travelling.",
        ),
    )
    assert article.related == (
        RelatedTitle("City Council Approves Harbour Budget", 21),
        RelatedTitle("Strike Talks Collapse After Twelve Hours", 22),
    )
    assert article.warnings == ()


# Line ends, encodings and whitespace.


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_ends_parse_like_lf(line_end):
    text = data_text("ferry.txt")
    assert parse_seed(text.replace("\n", line_end)) == parse_seed(text)


def test_utf8_byte_order_mark_is_dropped():
    data = (DATA_DIR / "ferry.txt").read_bytes()
    assert load_seed(b"\xef\xbb\xbf" + data, "ferry.txt") == load_seed(
        data, "ferry.txt"
    )


def test_windows_1252_is_decoded_with_a_warning_naming_the_file():
    article = load_data("cp1252.txt")
    assert article.headline == "Café Owners Welcome New Licence Rules"
    assert article.lede == (
        "\u201cIt is a fair deal,\u201d said the owner of the café on the corner."
    )
    assert article.warnings == (
        "data/cp1252.txt, line 1: not valid UTF-8; read as Windows-1252 "
        "(and 1 more line)",
    )


def test_windows_1252_warning_names_the_first_bad_line():
    text, warnings = decode_seed(b"Headline\r\n\r\nIt cost \x80 5.\r\n", "x.txt")
    assert text == "Headline\r\n\r\nIt cost € 5.\r\n"
    assert warnings == ("x.txt, line 3: not valid UTF-8; read as Windows-1252",)


def test_bytes_undefined_in_windows_1252_become_replacement_characters():
    article = load_seed(b"Head\x81line\n\nBody \x8d\x8f\x90\x9d.", "odd.txt")
    assert article.headline == "Head\ufffdline"
    assert article.lede == "Body \ufffd\ufffd\ufffd\ufffd."


def test_valid_utf8_gives_no_encoding_warning():
    text, warnings = decode_seed("Café\n".encode(), "ok.txt")
    assert (text, warnings) == ("Café\n", ())


def test_trailing_spaces_tab_lines_and_missing_final_newline_are_tolerated():
    article = load_data("whitespace.txt")
    assert article.headline == "Council Meets in New Hall"
    assert article.paragraphs == (
        "The meeting began at seven. It ended at ten.",
        "Members praised the acoustics.",
    )
    assert article.warnings == ()


def test_no_break_spaces_in_the_headline_become_plain_spaces():
    article = parse_seed(f"Rain{NBSP}Expected  Tonight{NBSP}[UPDATE]\n\nBody.")
    assert (article.headline, article.label) == ("Rain Expected Tonight", "UPDATE")


# Files that are rejected.


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b"", 1, "file is empty"),
        (b"\xef\xbb\xbf", 1, "file is empty"),
        (b"Headline\r\n\r\nBody\x00text", 3, "binary file (contains NUL bytes)"),
        ("Headline\n".encode("utf-16"), 1, "binary file (contains NUL bytes)"),
        (b" \n\t\n\xc2\xa0\n", 1, "no headline (only blank lines)"),
    ],
    ids=["empty", "bom-only", "nul", "utf-16", "blank-lines"],
)
def test_unreadable_files_are_rejected_with_name_line_and_reason(data, line, reason):
    with pytest.raises(SeedError) as caught:
        load_seed(data, "seeds/bad.txt")
    assert caught.value.filename == "seeds/bad.txt"
    assert caught.value.line == line
    assert caught.value.reason == reason
    assert str(caught.value) == f"seeds/bad.txt, line {line}: {reason}"


def test_a_nul_character_in_decoded_text_is_rejected_with_its_line():
    with pytest.raises(SeedError, match=r"line 4: binary file"):
        parse_seed("Headline\r\rBody.\n\x00", "a.txt")


def test_only_the_lines_that_are_not_utf8_are_read_as_windows_1252():
    data = (
        "Café Owners Relieved as Rents Fall\n\nThe café stays open.\n".encode()
        + b"Its owner said \x93we stay\x94.\n\nNa\xefve hopes.\n"
    )
    article = load_seed(data, "seeds/mixed.txt")
    assert article.headline == "Café Owners Relieved as Rents Fall"
    assert article.paragraphs == (
        "The café stays open. Its owner said “we stay”.",
        "Naïve hopes.",
    )
    assert article.warnings == (
        "seeds/mixed.txt, line 4: not valid UTF-8; read as Windows-1252 "
        "(and 1 more line)",
    )


@pytest.mark.parametrize("name", ["empty.txt", "blank_only.txt"])
def test_files_without_any_text_are_rejected(name):
    with pytest.raises(SeedError):
        load_data(name)


def test_credit_where_the_headline_should_be_is_rejected_with_its_line():
    with pytest.raises(SeedError) as caught:
        load_data("credit_first.txt")
    assert str(caught.value) == (
        "data/credit_first.txt, line 3: no headline (a photo credit comes first)"
    )


def test_headline_that_is_only_a_label_is_rejected():
    with pytest.raises(SeedError, match="line 1: no headline"):
        parse_seed("[REPORT]\nBody text.", "a.txt")


def test_link_line_where_the_headline_should_be_is_rejected():
    with pytest.raises(SeedError, match="line 2: no headline"):
        parse_seed("\nRelated Article: Other Story\nBody text.", "a.txt")


def test_headline_over_255_characters_is_rejected_with_line_and_length():
    with pytest.raises(SeedError) as caught:
        parse_seed("\n" + "x" * 256 + "\n\nBody.", "seeds/long.txt")
    assert caught.value.line == 2
    assert str(caught.value) == (
        "seeds/long.txt, line 2: headline is over 255 characters (256)"
    )


def test_headline_of_255_characters_plus_a_label_is_accepted():
    article = parse_seed("x" * 255 + " [REPORT]\n\nBody.")
    assert (len(article.headline), article.label) == (255, "REPORT")


@pytest.mark.parametrize(
    ("line", "headline", "label"),
    [
        ("Storm Hits Coast [ÉCLAIRAGE]", "Storm Hits Coast", "ÉCLAIRAGE"),
        ("Storm Hits Coast [Q&A]", "Storm Hits Coast", "Q&A"),
        ("Storm Hits Coast [LIVE 2]", "Storm Hits Coast", "LIVE 2"),
        ("Storm Hits Coast [Éclairage]", "Storm Hits Coast [Éclairage]", ""),
        ("Storm Hits Coast [2024]", "Storm Hits Coast [2024]", ""),
    ],
)
def test_a_label_is_a_trailing_tag_in_capitals_of_any_alphabet(line, headline, label):
    article = parse_seed(f"{line}\n\nBody.")
    assert (article.headline, article.label) == (headline, label)


def test_titles_match_whatever_unicode_form_writes_their_accents():
    composed = "Café Owners in Zürich Push Back"
    decomposed = "Cafe\u0301 owners in Zu\u0308rich push back!"
    assert title_key(composed) == title_key(decomposed) == "caféownersinzürichpushback"


def test_seed_error_survives_pickling():
    error = pickle.loads(pickle.dumps(SeedError("a.txt", 3, "bad")))
    assert (error.filename, error.line, error.reason) == ("a.txt", 3, "bad")
    assert isinstance(error, ValueError)


# Photo credit line.


@pytest.mark.parametrize(
    "line",
    [
        "(Photo : Jane Doe/Reuters)",
        "(Photo: Jane Doe/Reuters)",
        "(PHOTO:Jane Doe/Reuters)",
        "( photo  :  Jane Doe/Reuters )",
        f"(Photo{NBSP}:{NBSP}Jane Doe/Reuters)",
        "(Photo by Jane Doe/Reuters)",
        "(photo BY Jane Doe/Reuters)",
        "(Photo credit: Jane Doe/Reuters)",
        "(Photo Credit : Jane Doe/Reuters)",
        "(Credit: Jane Doe/Reuters)",
        "(CREDIT:Jane Doe/Reuters)",
    ],
)
def test_every_credit_line_form_gives_the_same_credit(line):
    article = parse_seed(f"Headline\n{line}\nLede.")
    assert article.credit == "Jane Doe/Reuters"
    assert split_credit(article.credit) == CreditParts("Jane Doe", "Reuters")
    assert article.paragraphs == ("Lede.",)


def test_photo_by_credit_keeps_only_the_credit_text():
    article = parse_seed("Headline\n(Photo by Jane Doe on Unsplash)\nLede.")
    assert article.credit == "Jane Doe on Unsplash"
    assert split_credit(article.credit) == CreditParts("Jane Doe", "", "Unsplash")


def test_credit_is_kept_verbatim_inside():
    article = parse_seed("Headline\n(Photo :  Jane  DOE / Acme )\nLede.")
    assert article.credit == "Jane  DOE / Acme"


def test_credit_may_follow_blank_lines_after_the_headline():
    article = parse_seed("Headline\n\n(Photo : Getty Images)\n\nLede.")
    assert split_credit(article.credit) == CreditParts(distributor="Getty Images")
    assert article.lede == "Lede."


def test_article_without_credit_starts_its_body_after_the_headline():
    article = parse_seed("Headline\nLede right away.\n\nSecond paragraph.")
    assert (article.credit, split_credit(article.credit)) == ("", CreditParts())
    assert article.paragraphs == ("Lede right away.", "Second paragraph.")


def test_credit_line_further_down_is_just_text():
    article = parse_seed("Headline\n\nLede.\n\n(Photo : Jane Doe).")
    assert article.credit == ""
    assert article.paragraphs == ("Lede.", "(Photo : Jane Doe).")


def test_empty_credit_is_dropped_with_a_warning_naming_the_line():
    article = parse_seed("Headline\n(Photo : )\nLede.", "a.txt")
    assert article.credit == ""
    assert article.warnings == ("a.txt, line 2: photo credit is empty",)
    assert article.lede == "Lede."


# Paragraphs and subheadings.


def test_short_unpunctuated_lines_become_subheadings_only_after_the_lede():
    article = load_data("subheadings.txt")
    assert [(block.kind, block.text) for block in article.blocks] == [
        (P, "Short opening line"),
        (P, "The library will stay open until nine on Thursdays from next month."),
        (P, "A one-line paragraph that ends with a full stop."),
        (P, "One two three four five six seven eight nine ten eleven twelve thirteen"),
        (S, "One two three four five six seven eight nine ten eleven twelve"),
        (P, 'He said "yes."'),
        (P, "The reading room (sic.)"),
        (P, "Where is the new entrance?"),
        (P, "Opening hours, old and new:"),
        (P, "* * *"),
        (S, "'Quiet Hours' for Students"),
    ]


@pytest.mark.parametrize("end", [".", "!", "?", ",", ";", ":", "…", '."', ".”", "!)"])
def test_line_ending_in_sentence_punctuation_is_a_paragraph(end):
    article = parse_seed(f"Headline\n\nLede.\n\nShort line{end}")
    assert kinds(article) == [P, P]


def test_two_short_lines_together_are_a_paragraph():
    article = parse_seed("Headline\n\nLede.\n\nShort line\nanother short line")
    assert article.blocks[1] == Block(P, "Short line another short line")


# Links.


def test_link_markers_match_any_case_and_spacing():
    article = load_data("links.txt")
    assert article.related == (
        RelatedTitle("Runners Ask for More Water Stations", 5),
        RelatedTitle("Park Gates To Open Early on Race Day", 8),
        RelatedTitle("Road Closures Listed for Sunday", 11),
        RelatedTitle("Volunteers Wanted for Marathon", 12),
    )
    assert article.read_also_titles == ("Last Year's Winner Returns",)


def test_related_lines_in_the_middle_are_still_shown_after_the_body():
    article = load_data("links.txt")
    assert article.paragraphs == (
        "The route runs along the river for most of its length.",
        "The start moves to the park this year.",
        "The finish stays on the square.",
    )
    assert "Related" not in article.body_text


def test_link_markers_without_a_title_are_dropped_with_warnings_naming_lines():
    article = load_data("links.txt")
    assert article.warnings == (
        "data/links.txt, line 14: link has no title; dropped",
        "data/links.txt, line 15: link has no title; dropped",
    )


@pytest.mark.parametrize(
    "line",
    [
        "Read Also: Port Strike Ends",
        "read also:Port Strike Ends",
        "READ ALSO :  Port Strike Ends  ",
        f"Read{NBSP}Also{NBSP}:{NBSP}Port{NBSP}Strike Ends",
    ],
)
def test_read_also_stays_in_place_in_the_body(line):
    article = parse_seed(f"Headline\n\nLede.\n\n{line}\n\nMore.")
    assert article.blocks == (
        Block(P, "Lede."),
        Block(R, "Port Strike Ends"),
        Block(P, "More."),
    )


@pytest.mark.parametrize(
    "line",
    [
        "Related Article: Port Strike Ends",
        "Related Articles: Port Strike Ends",
        "Related: Port Strike Ends",
        "related article :Port Strike Ends",
        f"RELATED{NBSP}ARTICLE:{NBSP}Port Strike Ends{NBSP}",
    ],
)
def test_related_marker_variants_all_give_a_link_after_the_body(line):
    article = parse_seed(f"Headline\n\nLede.\n\n{line}")
    assert article.related == (RelatedTitle("Port Strike Ends", 5),)
    assert article.paragraphs == ("Lede.",)


def test_marker_line_ends_the_paragraph_above_it():
    article = parse_seed("Headline\n\nLede.\nRead Also: Other Story\nMore.")
    assert kinds(article) == [P, R, P]


def test_article_with_no_body_parses_with_a_warning():
    article = parse_seed("Headline\n(Photo : AFP)\n", "a.txt")
    assert (article.blocks, article.lede, article.body_text) == ((), "", "")
    assert article.warnings == ("a.txt: no body text",)


# File names.


@pytest.mark.parametrize(
    ("filename", "parts"),
    [
        ("000_0068e990f459f926.txt", (0, "0068e990f459f926")),
        ("seeds/012_abc.txt", (12, "abc")),
        ("7_story_one.txt", (7, "story_one")),
        ("C:\\wire\\003_x.TXT", (3, "x")),
        ("abc.txt", (None, "abc")),
        ("001_.txt", (None, "001_")),
        ("_abc.txt", (None, "_abc")),
        ("12a_b.txt", (None, "12a_b")),
        ("notes.md", None),
        ("000_abc.txt.bak", None),
        ("README", None),
        (".txt", None),
    ],
)
def test_seed_file_names_give_order_and_source_id(filename, parts):
    assert seed_name_parts(filename) == parts


# Properties.


_LINES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " \t",
            NBSP,
            "Headline [REPORT]",
            "[VIDEO]",
            "(Photo : Jane Doe/AFP via Getty Images)",
            "(Credit: )",
            "Read Also: Some Title",
            "read also :",
            "Related Article:\u00a0Another Title",
            "Related:",
            "A Subheading",
            "# hash",
            "## Looks Like Markdown",
            "\\backslash",
            "Sentence ends here.",
        ]
    ),
)
_SEED_TEXTS = st.one_of(
    st.text(),
    st.lists(_LINES, max_size=12).map("\n".join),
    st.lists(_LINES, max_size=12).map("\r\n".join),
)


@given(_SEED_TEXTS)
def test_any_text_parses_or_raises_seed_error(text):
    try:
        article = parse_seed(text, "any.txt")
    except SeedError as error:
        assert str(error).startswith("any.txt")
        return
    assert isinstance(article, SeedArticle)
    assert parse_body(article.body_text) == list(article.blocks)


@given(
    st.one_of(
        st.binary(), _SEED_TEXTS.map(lambda text: text.encode("cp1252", "ignore"))
    )
)
def test_any_bytes_load_or_raise_seed_error(data):
    try:
        article = load_seed(data, "any.txt")
    except SeedError:
        return
    assert parse_body(article.body_text) == list(article.blocks)


def test_a_credit_line_further_down_stays_body_text_with_a_warning():
    article = parse_seed(
        "Council votes on budget\nThe council met.\n\n(Photo : Getty Images)\n",
        "late_credit.txt",
    )
    assert article.credit == ""
    assert [block.kind for block in article.blocks] == ["paragraph", "paragraph"]
    assert article.blocks[1].text == "(Photo : Getty Images)"
    assert article.warnings == (
        "late_credit.txt, line 4: a photo credit is only read right after the "
        "headline; kept as text",
    )


# Control characters and size limits.


def test_control_characters_are_removed_with_a_warning_naming_the_first_line():
    article = parse_seed(
        "\x1b[31mPort strike\x1b[0m ends\x07 [UPDATE]\n"
        "(Photo : Jane Doe/AFP\x08)\n"
        "Dock workers\x0b returned.\n",
        "wire/301_bell.txt",
    )
    assert article.headline == "Port strike ends"
    assert article.label == "UPDATE"
    assert article.credit == "Jane Doe/AFP"
    assert article.paragraphs == ("Dock workers returned.",)
    assert article.warnings == (
        "wire/301_bell.txt, line 1: removed the control character U+001B at "
        "position 1 (and 2 more); more on 2 other lines",
    )


@given(
    st.lists(
        st.one_of(_LINES, st.text(st.characters(max_codepoint=0x9F), max_size=20)),
        max_size=12,
    ).map("\n".join)
)
def test_no_control_character_reaches_a_parsed_article(text):
    try:
        article = parse_seed(text, "any.txt")
    except SeedError:
        return
    values = [article.headline, article.label, article.credit, article.body_text]
    values += [link.title for link in article.related]
    for value in values:
        assert find_control_characters(value) == [], value


def test_a_seed_over_one_megabyte_is_rejected_at_the_line_passing_the_limit():
    line = b"The council met again and talked for a long time.\n"  # 51 bytes
    data = b"Council meets\n\n" + line * (MAX_SEED_BYTES // len(line) + 1)
    with pytest.raises(SeedError) as raised:
        load_seed(data, "wire/huge.txt")
    assert raised.value.line == 2 + (MAX_SEED_BYTES - 15) // len(line) + 1
    assert raised.value.reason == (
        "file is over the seed size limit of 1,048,576 bytes (1 MB); "
        "split it into several articles"
    )


def test_a_seed_of_one_megabyte_is_read():
    data = b"Council meets\n\n" + b"x" * (MAX_SEED_BYTES - 15)
    text, warnings = decode_seed(data, "wire/full.txt")
    assert len(text) == MAX_SEED_BYTES and warnings == ()


LINE = "The council met again and talked about the harbour for a long time."


def _long_seed(lines: int) -> str:
    """Return a seed: a headline, a lede of one line, then ``lines`` LINEs."""
    return "Council meets\n\nA lede.\n\n" + f"{LINE}\n" * lines


def test_an_article_too_long_for_search_is_rejected_at_the_line_passing_it():
    # Headline and lede take 14 + 7 and each line its length and a space.
    fitting = (MAX_SEARCH_TEXT - 14 - 7) // (len(LINE) + 1)
    with pytest.raises(SeedError) as raised:
        parse_seed(_long_seed(fitting + 10), "wire/long.txt")
    error = raised.value
    assert error.line == 5 + fitting
    assert error.reason.startswith(
        "article is over the 250,000 characters search can index ("
    )
    assert error.reason.endswith(
        ": headline, label and body); the limit is passed on this line"
    )


def test_an_article_within_the_search_limit_is_accepted():
    fitting = (MAX_SEARCH_TEXT - 14 - 7) // (len(LINE) + 1)
    article = parse_seed(_long_seed(fitting - 1), "wire/fits.txt")
    size = 14 + len(article.body_text)
    assert MAX_SEARCH_TEXT - 2 * len(LINE) < size <= MAX_SEARCH_TEXT


def test_the_lede_counts_once_toward_the_search_limit_as_no_dek_copies_it():
    lede = "word " * (MAX_SEARCH_TEXT // 5 + 10)
    with pytest.raises(SeedError) as raised:
        parse_seed(f"Council meets\n\n{lede}\n", "wire/lede.txt")
    assert raised.value.line == 3
    # Just within the limit it fits: the summary shown is the lede itself.
    parse_seed(f"Council meets\n\n{lede[: MAX_SEARCH_TEXT - 100]}\n", "wire/lede.txt")


# Markdown parses it now: a busy machine can take a few hundred milliseconds.
@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #\\\n\r:RSdlo")), max_size=200))
def test_the_first_paragraph_is_the_first_paragraph_of_the_parsed_body(text):
    paragraphs = [block.text for block in parse_body(text) if block.is_paragraph]
    assert first_paragraph(text) == (paragraphs[0] if paragraphs else "")


def test_the_first_paragraph_comes_after_subheadings_and_read_also_points():
    body = "## Who\n\nRead Also: Port strike ends\n\n\\## Not a heading\n\nMore."
    assert first_paragraph(body) == "## Not a heading"
