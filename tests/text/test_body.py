"""The body format: what each construct renders, what stays text, seeds as before."""

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.text.body import (
    Block,
    BlockKind,
    first_paragraph,
    format_body,
    parse_body,
    render_blocks,
    render_body,
    too_deeply_nested,
)
from articles.text.headlines import title_key
from articles.text.markdown import absolute_links, fill_read_also, read_also_keys
from articles.text.seeds import load_seed, parse_seed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
P, S, R = BlockKind.PARAGRAPH, BlockKind.SUBHEADING, BlockKind.READ_ALSO


def escaped(text: str) -> str:
    """Text as Django's templates escaped it for the plain body."""
    return html.escape(text)


class ConstructTests:
    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("Plain *emphasis* here.", "<p>Plain <em>emphasis</em> here.</p>\n"),
            ("A **strong** word.", "<p>A <strong>strong</strong> word.</p>\n"),
            ("_also_ emphasis", "<p><em>also</em> emphasis</p>\n"),
            (
                "[The report](https://example.org/report?a=1&b=2)",
                '<p><a href="https://example.org/report?a=1&amp;b=2">The report</a>'
                "</p>\n",
            ),
            (
                "[Write in](mailto:desk@example.org)",
                '<p><a href="mailto:desk@example.org">Write in</a></p>\n',
            ),
            (
                "[Earlier](/world/port-strike-ends/)",
                '<p><a href="/world/port-strike-ends/">Earlier</a></p>\n',
            ),
            (
                "See <https://example.org>.",
                '<p>See <a href="https://example.org">https://example.org</a>.</p>\n',
            ),
            ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
            ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"),
            (
                "> Quoted\n> words.",
                "<blockquote>\n<p>Quoted\nwords.</p>\n</blockquote>\n",
            ),
            ("## What comes next", "<h2>What comes next</h2>\n"),
            ("One.\n\n* * *\n\nTwo.", "<p>One.</p>\n<hr>\n<p>Two.</p>\n"),
            ("Type `make run`.", "<p>Type <code>make run</code>.</p>\n"),
        ],
    )
    def test_each_construct_renders_as_html(self, body, expected):
        assert render_body(body) == expected

    def test_a_pull_quote_is_a_figure_with_its_speaker_as_caption(self):
        body = "Pull Quote: We will not be *moved*.\n— Jane Doe, union leader"
        assert render_body(body) == (
            '<figure class="pull-quote">\n<blockquote>\n'
            "<p>We will not be <em>moved</em>.</p>\n</blockquote>\n"
            "<figcaption>Jane Doe, union leader</figcaption>\n</figure>\n"
        )

    @pytest.mark.parametrize("speaker", ["-- Jane Doe", "―Jane Doe", "  —  Jane Doe"])
    def test_a_pull_quote_speaker_may_follow_any_dash(self, speaker):
        html_ = render_body(f"pull quote : Words.\n{speaker}")
        assert "<figcaption>Jane Doe</figcaption>" in html_

    def test_a_pull_quote_without_a_speaker_has_no_caption(self):
        html_ = render_body("Pull Quote: Words of\nseveral lines.")
        assert "<p>Words of\nseveral lines.</p>" in html_
        assert "figcaption" not in html_

    @pytest.mark.parametrize(
        "body",
        [
            "Pull Quote:",
            "> Pull Quote: in a quote",
            "- Pull Quote: in a list",
            "\\Pull Quote: escaped",
        ],
    )
    def test_a_pull_quote_needs_words_and_the_top_level(self, body):
        assert "pull-quote" not in render_body(body)

    def test_a_read_also_point_is_a_slot_holding_its_title_as_text(self):
        assert render_body("Read Also: Port strike <ends>") == (
            '<p class="read-also"><span class="read-also-marker">Read Also:</span> '
            "<!--read-also 0 portstrikeends-->"
            '<span class="unresolved-link">Port strike &lt;ends&gt;</span>'
            "<!--/read-also--></p>\n"
        )

    @pytest.mark.parametrize(
        "body",
        [
            "Read Also: one\nand more",
            "> Read Also: quoted",
            "- Read Also: listed",
            "\\Read Also: escaped",
            "Read Also:",
        ],
    )
    def test_a_read_also_point_is_a_paragraph_of_one_line_at_the_top(self, body):
        assert "read-also" not in render_body(body)
        assert not [b for b in parse_body(body) if b.is_read_also]


class TextStaysTextTests:
    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("# Not a heading", "<p># Not a heading</p>\n"),
            ("### Not one either", "<p>### Not one either</p>\n"),
            ("##", "<p>##</p>\n"),
            ("##x", "<p>##x</p>\n"),
            ("Title\n===", "<p>Title\n===</p>\n"),
            ("    indented", "<p>indented</p>\n"),
            ("```\ncode\n```", "<p><code>code</code></p>\n"),
            ("[1]: https://example.org", "<p>[1]: https://example.org</p>\n"),
            ("<b>bold</b>", "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"),
            ("\\## escaped", "<p>## escaped</p>\n"),
            ("\\1. escaped", "<p>1. escaped</p>\n"),
            ("\\- escaped", "<p>- escaped</p>\n"),
            ("a \\*star\\*", "<p>a *star*</p>\n"),
            ('It\'s "quoted"', "<p>It&#x27;s &quot;quoted&quot;</p>\n"),
        ],
    )
    def test_what_is_not_in_the_grammar_reads_as_typed(self, body, expected):
        assert render_body(body) == expected

    def test_an_image_is_no_picture_but_a_link_to_it(self):
        assert render_body("![A map](https://example.org/map.png)") == (
            '<p>!<a href="https://example.org/map.png">A map</a></p>\n'
        )


# Hostile bodies: nothing from the text becomes markup or a script.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:msgbox)",
    "[click](file:///etc/passwd)",
    "[click](//evil.example/x)",
    "[click](/\\evil.example/x)",
    "<javascript:alert(1)>",
    "<data:text/html,x>",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,AAAA)",
    '[x](https://example.org "a" onmouseover="alert(1)")',
    '[x](https://example.org" onmouseover="alert(1))',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;",
    "Read Also: <script>alert(1)</script>",
    "Pull Quote: <script>x</script>\n— <img src=x onerror=y>",
    "## <svg onload=alert(1)>",
    "> <iframe src=x>",
    "{{ secret }} {% debug %}",
]


def tags_and_attributes(rendered: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element the HTML holds, with its attributes."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(rendered)
    return found


ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "hr",
    "code",
    "br",
    "figure",
    "figcaption",
    "span",
}
ALLOWED_HREF = re.compile(r"(https?://|mailto:|/(?![/\\]))", re.IGNORECASE)


@pytest.mark.parametrize("body", HOSTILE)
def test_no_script_handler_or_unsafe_address_comes_through(body):
    rendered = render_body(body)
    for tag, attributes in tags_and_attributes(rendered):
        assert tag in ALLOWED_TAGS, rendered
        for name, value in attributes:
            assert name in {"href", "class", "title"}, rendered
            if name == "href":
                assert ALLOWED_HREF.match(value), rendered
    lowered = rendered.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "javascript:" not in re.sub(r">[^<]*<", "><", lowered)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_any_text_renders_only_the_grammars_elements(body):
    rendered = render_body(body)
    for tag, attributes in tags_and_attributes(rendered):
        assert tag in ALLOWED_TAGS
        assert {name for name, _ in attributes} <= {"href", "class", "title"}


class SeedTests:
    """Imported seeds read exactly as they did: wire copy is never Markdown."""

    WIRE = [
        "*** Urgent *** Markets fall",
        "_Breaking_: the **vote** is in",
        "2024. A year of strikes.",
        "1) First, the council met.",
        "- said the minister, quoted",
        "+ 3 degrees overnight",
        "> A line the wire quoted",
        "## Not a subheading in a paragraph",
        "[Reuters](https://reuters.com) reports <b>bold</b> & more",
        "AT&T and &amp; and &#169; and &copy; stay as typed",
        "C:\\Users\\desk and a trailing backslash \\",
        "Back`ticks` and ``double``",
        "![alt](https://example.org/x.png) is no image",
        "Pull Quote: typed by the wire",
        "Tab\tand  two  spaces collapse",
        "<https://example.org> autolink",
        "Vote ##",
    ]

    def test_hostile_wire_paragraphs_render_as_the_plain_paragraphs_escaped(self):
        seed = parse_seed("Headline\n\n" + "\n\n".join(self.WIRE))
        expected = "".join(
            f"<{tag}>{escaped(block.text)}</{tag}>\n"
            for block in seed.blocks
            for tag in ["h2" if block.is_subheading else "p"]
        )
        assert render_body(seed.body_text) == expected
        assert [block.text for block in seed.blocks] == [
            " ".join(text.split()) for text in self.WIRE
        ]

    def test_the_project_seed_renders_its_blocks_as_the_plain_body_did(self):
        [path] = sorted(SEEDS.glob("*.txt"))
        seed = load_seed(path.read_bytes(), path.name)
        expected, position = [], 0
        for block in seed.blocks:
            if block.is_subheading:
                expected.append(f"<h2>{escaped(block.text)}</h2>\n")
            elif block.is_read_also:
                expected.append(
                    '<p class="read-also"><span class="read-also-marker">Read '
                    f"Also:</span> <!--read-also {position} {title_key(block.text)}"
                    f'--><span class="unresolved-link">{escaped(block.text)}</span>'
                    "<!--/read-also--></p>\n"
                )
                position += 1
            else:
                expected.append(f"<p>{escaped(block.text)}</p>\n")
        assert render_body(seed.body_text) == "".join(expected)
        assert parse_body(seed.body_text) == list(seed.blocks)


# Blocks as a seed can hold them: one line each, no surrounding spaces.
_PIECES = st.one_of(
    st.sampled_from(list("ab1 9.)#>*-+_`[]()<!&;\\:=~|'\"—")),
    st.sampled_from(["Read Also:", "Pull Quote:", "&amp;", "&#1;", "http://x"]),
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
)
_TEXT = st.lists(_PIECES, max_size=30).map(lambda p: " ".join("".join(p).split()))
_BLOCKS = st.lists(
    st.tuples(st.sampled_from([P, P, S, R]), _TEXT)
    .filter(lambda block: block[1])
    .map(lambda block: Block(*block)),
    max_size=6,
)


@settings(deadline=None)
@given(_BLOCKS)
def test_blocks_written_out_read_back_and_render_the_same_either_way(blocks):
    body = format_body(blocks)
    assert parse_body(body) == blocks
    assert render_body(body) == render_blocks(blocks)
    paragraphs = [block.text for block in blocks if block.is_paragraph]
    assert first_paragraph(body) == (paragraphs[0] if paragraphs else "")


@settings(deadline=None)
@given(st.lists(_TEXT.filter(bool), max_size=5))
def test_paragraphs_written_out_render_as_themselves_escaped(paragraphs):
    body = format_body([Block(P, text) for text in paragraphs])
    assert render_body(body) == "".join(f"<p>{escaped(p)}</p>\n" for p in paragraphs)


class FirstParagraphTests:
    def test_the_first_paragraph_is_text_without_markup(self):
        body = "## Who\n\nRead Also: Port strike\n\nThe *ferry* [sank](https://x.org)."
        assert first_paragraph(body) == "The ferry sank."

    def test_quotes_lists_and_pull_quotes_are_not_the_first_paragraph(self):
        body = "> Quoted.\n\n- Listed.\n\nPull Quote: Pulled.\n\nThe lede."
        assert first_paragraph(body) == "The lede."

    def test_a_paragraph_continuing_a_list_item_is_not_the_first_paragraph(self):
        body = "- Item\n\n  Still the item.\n\n" + "- More\n\n" * 5 + "The lede."
        assert first_paragraph(body) == "The lede."

    def test_a_body_without_paragraphs_has_none(self):
        assert first_paragraph("## Only a heading\n\n- and a list") == ""
        assert first_paragraph("") == ""


class ReadAlsoSlotTests:
    def test_slots_are_filled_by_position_and_title_key(self):
        rendered = render_body("Read Also: Port strike\n\nText.\n\nRead Also: Ferry")
        assert read_also_keys(rendered) == ["portstrike", "ferry"]
        filled = fill_read_also(
            rendered,
            lambda position, key: '<a href="/x/">Linked</a>' if position else None,
        )
        assert "<!--" not in filled
        assert '<span class="unresolved-link">Port strike</span>' in filled
        assert '<a href="/x/">Linked</a></p>' in filled

    def test_text_that_looks_like_a_slot_is_escaped_and_never_filled(self):
        rendered = render_body("<!--read-also 0 x-->evil<!--/read-also-->")
        assert read_also_keys(rendered) == []
        assert fill_read_also(rendered, lambda *_: "<b>filled</b>") == rendered

    def test_site_paths_become_absolute_for_feeds(self):
        rendered = render_body(
            "[Here](/world/x/), [there](https://example.org/) and "
            '[a "/path"](https://example.org/a)'
        )
        assert absolute_links(rendered, "https://news.example") == (
            '<p><a href="https://news.example/world/x/">Here</a>, '
            '<a href="https://example.org/">there</a> and '
            '<a href="https://example.org/a">a &quot;/path&quot;</a></p>\n'
        )


class NestingTests:
    def test_nine_quotes_deep_show_their_text_and_ten_do_not(self):
        assert not too_deeply_nested("> " * 9 + "deep")
        assert "deep" in render_body("> " * 9 + "deep")
        assert too_deeply_nested("> " * 10 + "deep")

    def test_four_lists_deep_show_their_text_and_five_do_not(self):
        def nested(depth: int) -> str:
            return "".join("  " * level + "- item\n" for level in range(depth))

        assert not too_deeply_nested(nested(4))
        assert too_deeply_nested(nested(5))
