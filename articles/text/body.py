"""The stored article body: plain text with a small, explicit block grammar.

An article body is kept as text that an editor can read and edit in a plain
textarea, and that never holds HTML::

    A paragraph. Its lines are joined with a single space.

    ## A subheading

    Read Also: Headline of another article

Blocks are separated by blank lines. A block whose first line starts with
``## `` is a subheading; a one-line block ``Read Also: TITLE`` (any case, any
spaces around the colon) is an inline related-article point; everything else
is a paragraph. A paragraph that would otherwise read as one of those starts
with a backslash, which is dropped when the body is parsed.

Templates render the parsed blocks with autoescaping, so whatever a seed or
an editor writes reaches readers as text.
"""

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Python's \s covers no-break spaces, which real wire copy has around markers.
# Only the marker is matched; the title is the rest of the line, trimmed in
# Python: a pattern reaching for the title's last non-space character tried
# again at every space of a long run, and "Read Also: a", 60,000 spaces and
# "b" took 24 seconds.
_READ_ALSO_RE = re.compile(r"read\s+also\s*:", re.IGNORECASE)
_SUBHEADING_PREFIX = "## "
_BLANK_LINE_RE = re.compile(r"\n\s*\n")


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


def read_also_title(line: str) -> str | None:
    """Return the title of a ``Read Also: TITLE`` line ("" if it has none).

    Return None when the line is no Read Also line.
    """
    if match := _READ_ALSO_RE.match(line):
        return line[match.end() :].strip()
    return None


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
    """Split stored body text into blocks."""
    return list(_blocks(text))


def first_paragraph(text: str) -> str:
    """Return the body's first paragraph, reading no further than it."""
    return next((block.text for block in _blocks(text) if block.is_paragraph), "")


def _blocks(text: str) -> Iterator[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in _BLANK_LINE_RE.split(text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith("\\"):
            lines[0] = first[1:]
            block = Block(BlockKind.PARAGRAPH, join_lines(lines))
        elif first.startswith(_SUBHEADING_PREFIX.strip()) and first.lstrip("#").strip():
            lines[0] = first.lstrip("#")
            block = Block(BlockKind.SUBHEADING, join_lines(lines))
        elif len(lines) == 1 and (title := read_also_title(first)):
            block = Block(BlockKind.READ_ALSO, title)
        else:
            block = Block(BlockKind.PARAGRAPH, join_lines(lines))
        if block.text:
            yield block


def format_body(blocks: Iterable[Block]) -> str:
    """Write blocks as stored body text; ``parse_body`` reads it back unchanged."""
    chunks = []
    for block in blocks:
        # Parsed blocks are one line already; only a stray line break is mended.
        text = block.text.replace("\n", " ")
        if block.is_subheading:
            chunks.append(_SUBHEADING_PREFIX + text)
        elif block.is_read_also:
            chunks.append(f"Read Also: {text}")
        elif text.startswith(("#", "\\")) or read_also_title(text):
            chunks.append("\\" + text)
        else:
            chunks.append(text)
    return "\n\n".join(chunks)
