"""The stored article body: Markdown text, in the house grammar.

An article body is kept as text an editor reads and edits in a plain
textarea, and never as HTML. It is CommonMark (read by ``markdown.py``) with
a few house rules::

    A paragraph. Lines of one paragraph are joined with a space; a blank
    line starts the next paragraph.

    ## A subheading

    Read Also: Headline of another article

    Pull Quote: Words worth setting large.
    — Who said them

    > A block quote: each line starts with ">".

    - A bulleted item (also "*" or "+")
    1. A numbered item (also "1)")

    *emphasis*, **strong emphasis**, [a link](https://example.org),
    <https://example.org>, <desk@example.org>, `code`, and * * * for a break.

* Only ``## `` makes a subheading; ``#`` and ``###`` lines are text.
* ``Read Also: TITLE``, a paragraph of that one line, places a related link
  to the article with that headline; a paragraph starting ``Pull Quote:`` is
  a pull quote, and its last line, when it starts with a dash (``—`` or
  ``--``), names the speaker. Both count at the top level only, not inside
  a list or a quote.
* Links go to http, https and mailto addresses or to a path on this site
  (``/world/...``); other links stay text. No HTML, no images: ``<b>`` is
  text, and ``![x](y)`` a "!" and a link.
* A backslash before a character keeps it from being read as syntax:
  ``\\*`` is a star; a paragraph that starts with a backslash is a plain
  paragraph (``\\Read Also: x``, ``\\1. x``, ``\\## x``).

``parse_body()`` reads a body's top-level paragraphs, subheadings and Read
Also points, what the importer writes and what the summary and the inline
links read; ``format_body()`` writes such blocks back, escaping whatever
Markdown would read as syntax, so wire copy with ``*``, ``_``, ``1.``,
``[x](y)`` or ``<b>`` reads exactly as written. ``render_body()`` makes the
HTML readers get (``render_blocks()`` does the same for blocks, faster).
"""

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .markdown import (
    escape_html,
    inline_text,
    parse_markdown,
    pull_quote_text,
    read_also_slot,
    read_also_title,
    render_tokens,
    too_deep,
)

__all__ = [
    "Block",
    "BlockKind",
    "first_paragraph",
    "format_body",
    "join_lines",
    "parse_body",
    "read_also_title",
    "render_blocks",
    "render_body",
    "too_deeply_nested",
]

_SUBHEADING_PREFIX = "## "
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
# What CommonMark reads as syntax anywhere in a line: a backslash, code,
# emphasis, a link's bracket, an autolink's "<", and an "&" that starts what
# could be an entity (only those: "AT&T" stays as typed).
_INLINE_SYNTAX_RE = re.compile(r"[\\`*_\[\]<]|&(?=#|[A-Za-z][A-Za-z0-9]*;)")
# What it reads as syntax at the start of a paragraph: a quote, a bulleted
# item or break, a subheading, or a numbered item ("2024. A year" is one).
_LINE_START_RE = re.compile(r"[>+\-]|##(?=[ \t]|$)|[0-9]{1,9}(?=[.)](?:[ \t]|$))")


class BlockKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    READ_ALSO = "read_also"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str

    @property
    def is_paragraph(self) -> bool:
        return self.kind is BlockKind.PARAGRAPH

    @property
    def is_subheading(self) -> bool:
        return self.kind is BlockKind.SUBHEADING

    @property
    def is_read_also(self) -> bool:
        return self.kind is BlockKind.READ_ALSO


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph with single spaces."""
    text = " ".join(lines)
    # Most lines are single-spaced already, and splitting a paragraph into
    # words is a large part of parsing a seed. Every whitespace character but
    # the plain space is unprintable, so this test is exact.
    if text.isprintable() and "  " not in text and text[:1] != " " != text[-1:]:
        return text
    return " ".join(text.split())


def parse_body(text: str) -> list[Block]:
    """Return the body's top-level paragraphs, subheadings and Read Also points.

    A block's text is what readers read: markup and escapes removed, lines
    joined. Lists, quotes and pull quotes are not blocks of their own.
    """
    return _blocks(parse_markdown(text))


def first_paragraph(text: str) -> str:
    """Return the body's first paragraph, reading little further than it.

    What comes after a blank line cannot change what stands before it (the
    grammar has no setext headings, fences or link definitions), so only a
    growing head of the body is parsed: a listing's summaries stay cheap.
    """
    breaks = _BLANK_LINE_RE.finditer(text)
    wanted, seen, end = 1, 0, 0
    while end < len(text):
        end = len(text)
        for match in breaks:
            seen += 1
            if seen == wanted:
                end = match.start()
                break
        for block in _blocks(parse_markdown(text[:end])):
            if block.is_paragraph:
                return block.text
        wanted *= 2
    return ""


def render_body(text: str) -> str:
    """Return the HTML readers get for body text, its Read Also points as slots.

    Everything is escaped: no HTML of the text's own gets through.
    """
    return render_tokens(parse_markdown(text))


def render_blocks(blocks: Iterable[Block]) -> str:
    """Return ``render_body(format_body(blocks))``, without parsing anything.

    The importer renders every seed; its blocks are plain text, so their
    HTML is known without a Markdown parser, several times faster.
    """
    parts, position = [], 0
    for block in blocks:
        if block.is_read_also:
            parts.append(read_also_slot(position, block.text))
            position += 1
        else:
            tag = "h2" if block.is_subheading else "p"
            text = join_lines([block.text])
            parts.append(f"<{tag}>{escape_html(text)}</{tag}>\n")
    return "".join(parts)


def too_deeply_nested(text: str) -> bool:
    """Say whether quotes and lists nest so deep that some text would be lost."""
    return too_deep(parse_markdown(text))


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """Return ``text`` escaped so Markdown reads it as the same plain text."""
    escaped = _INLINE_SYNTAX_RE.sub(r"\\\g<0>", text)
    if line_start and (match := _LINE_START_RE.match(escaped)):
        cut = match.end() if escaped[:1].isdigit() else 0
        escaped = escaped[:cut] + "\\" + escaped[cut:]
    return escaped


def format_body(blocks: Iterable[Block]) -> str:
    """Write blocks as stored body text; ``parse_body`` reads it back unchanged."""
    chunks = []
    for block in blocks:
        # Parsed blocks are one line already; only a stray line break is mended.
        text = join_lines([block.text.replace("\n", " ")])
        if block.is_subheading:
            heading = escape_markdown(text, line_start=False)
            if heading.endswith("#"):
                # A closing run of "#" would be dropped from a subheading.
                run = len(heading) - len(heading.rstrip("#"))
                heading = heading[:-run] + "\\" + heading[-run:]
            chunks.append(_SUBHEADING_PREFIX + heading)
        elif block.is_read_also:
            chunks.append(f"Read Also: {text}")
        elif read_also_title(text) or pull_quote_text(text) is not None:
            chunks.append("\\" + escape_markdown(text, line_start=False))
        else:
            chunks.append(escape_markdown(text))
    return "\n\n".join(chunks)


def _blocks(tokens: list) -> list[Block]:
    blocks = []
    for index, token in enumerate(tokens):
        if token.level:
            continue
        if token.type == "read_also":
            blocks.append(Block(BlockKind.READ_ALSO, token.meta["title"]))
        elif token.type in ("paragraph_open", "heading_open"):
            kind = BlockKind.PARAGRAPH if token.tag == "p" else BlockKind.SUBHEADING
            if text := join_lines([inline_text(tokens[index + 1])]):
                blocks.append(Block(kind, text))
    return blocks
