"""Parse a seed file (one article as wire-copy text) into a ``SeedArticle``.

Pure functions over strings and bytes: no Django, no I/O. The grammar, line
by line (a line of only whitespace, no-break spaces included, is blank)::

    Headline text [LABEL]              first non-blank line; [LABEL] optional
    (Photo : CREDIT)                   optional, the next non-blank line; also
                                       (Photo: X) (Photo by X) (Photo credit: X)
                                       (Credit: X), any case and spacing
    Lede paragraph, maybe on           body: blocks separated by blank lines,
    several lines.                     lines joined with one space

    A Short Subheading                 one line, at most 12 words, no final
                                       . ! ? , ; : … (before closing quotes)
    Read Also: TITLE                   inline link, kept in place in the body
    Related Article: TITLE             link shown after the body, wherever it
                                       stands; also Related Articles:, Related:

Decisions the spec leaves open:

* Link markers are read line by line, so a marker line ends the paragraph
  above it even without a blank line. A marker with no title is dropped with
  a warning. A file whose first line is a marker has no headline.
* The first paragraph is the lede: no block before it is a subheading. A
  subheading must also contain a letter or digit (``* * *`` is a paragraph).
* The headline and link titles have their whitespace collapsed, no-break
  spaces included; the 255-character limit counts that headline, without its
  label. The credit is kept as written, only trimmed; an empty credit is
  dropped with a warning.
* Bytes: a UTF-8 BOM is dropped, a NUL byte means binary and is rejected,
  and each line that is not UTF-8 is read as Windows-1252 (its five
  unassigned bytes become U+FFFD) with a warning.
* Control characters (``plain_text`` says which) are removed with a warning
  naming the first line that had one; a terminal escape sequence such as
  ``ESC [31m`` goes whole. Tabs stay, as whitespace.
* Size: a file over ``MAX_SEED_BYTES`` (1 MB) is rejected at the line where
  it passes the limit, and so is an article whose headline, label and body
  together are over ``MAX_SEARCH_TEXT`` characters,
  what PostgreSQL's full-text search is sure to index.
* Wire copy is text, never Markdown: the body is written with whatever
  Markdown would read as syntax escaped (``format_body``), so ``*``, ``_``,
  ``1.``, ``[x](y)`` or ``<b>`` read as written.
* Every rejection names a line: line 1 for an empty or blank file.
* File names: ``<digits>_<id>.txt`` gives the order (one or more digits) and
  a non-empty id; any other ``.txt`` name (any case) is all id; other files
  are not seeds.
"""

import codecs
import dataclasses
import re
from dataclasses import dataclass
from typing import AnyStr, NamedTuple

from .body import Block, BlockKind, format_body, join_lines, read_also_title
from .headlines import split_label
from .plain_text import (
    MAX_SEARCH_TEXT,
    describe_control_characters,
    has_control_characters,
    search_text_length,
    strip_control_characters,
)

# A seed larger than this is refused before it is parsed: wire copy runs to
# tens of kilobytes, and the importer reads no more than this (plus a byte).
MAX_SEED_BYTES = 1_048_576
MAX_HEADLINE_LENGTH = 255
MAX_SUBHEADING_WORDS = 12

_CREDIT_RE = re.compile(
    r"^\(\s*(?:photo\s+credit\s*:|photo\s*:|photo\s+by\b\s*:?|credit\s*:)"
    r"(?P<credit>.*)\)$",
    re.IGNORECASE,
)
# The marker only: the title is the rest of the line (see body.py).
_RELATED_RE = re.compile(r"related(?:\s+articles?)?\s*:", re.IGNORECASE)
_SENTENCE_END = tuple(".!?,;:…")
_CLOSERS = "\"'”’»)]}"
_SEED_NAME_RE = re.compile(r"^(?P<order>[0-9]+)_(?P<source_id>.+)$")


class SeedError(ValueError):
    """A seed file that cannot be imported, with where and why."""

    def __init__(self, filename: str, line: int | None, reason: str) -> None:
        super().__init__(filename, line, reason)
        self.filename = filename
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        return _where(self.filename, self.line, self.reason)


class RelatedTitle(NamedTuple):
    title: str
    line: int


@dataclass(frozen=True)
class SeedArticle:
    headline: str
    label: str = ""
    credit: str = ""
    blocks: tuple[Block, ...] = ()
    related: tuple[RelatedTitle, ...] = ()
    warnings: tuple[str, ...] = ()
    # Where things stand in the file, for messages about them.
    headline_line: int = 1
    credit_line: int | None = None
    read_also_lines: tuple[int, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.blocks if block.is_paragraph)

    @property
    def lede(self) -> str:
        return next((block.text for block in self.blocks if block.is_paragraph), "")

    @property
    def read_also_titles(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.blocks if block.is_read_also)

    @property
    def body_text(self) -> str:
        return format_body(self.blocks)


def decode_seed(data: bytes, filename: str) -> tuple[str, tuple[str, ...]]:
    """Return the text of a seed file and any warnings about its encoding.

    A file that is not UTF-8 is read line by line: lines that are UTF-8 stay
    so and the others are read as Windows-1252, so one stray byte in an
    otherwise UTF-8 file does not garble every accent in it.
    """
    if len(data) > MAX_SEED_BYTES:
        raise SeedError(
            filename,
            _line_at(data, MAX_SEED_BYTES),
            f"file is over the seed size limit of {MAX_SEED_BYTES:,} bytes (1 MB); "
            "split it into several articles",
        )
    data = data.removeprefix(codecs.BOM_UTF8)
    if (nul := data.find(b"\x00")) != -1:
        raise SeedError(
            filename, _line_at(data, nul), "binary file (contains NUL bytes)"
        )
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    decoded, not_utf8 = [], []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
            not_utf8.append(number)
    more = len(not_utf8) - 1
    reason = "not valid UTF-8; read as Windows-1252"
    if more:
        reason += f" (and {more} more line{'s' if more > 1 else ''})"
    return "".join(decoded), (_where(filename, not_utf8[0], reason),)


def _line_at(data: AnyStr, offset: int) -> int:
    """Return the number of the line holding ``data[offset]`` (CRLF, CR or LF)."""
    before = data[:offset]
    if isinstance(before, bytes):
        return before.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    return before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def load_seed(data: bytes, filename: str) -> SeedArticle:
    """Decode and parse the bytes of a seed file."""
    text, warnings = decode_seed(data, filename)
    article = parse_seed(text, filename)
    if not warnings:
        return article
    return dataclasses.replace(article, warnings=warnings + article.warnings)


def parse_seed(text: str, filename: str = "<seed>") -> SeedArticle:
    """Parse the text of a seed file; raise ``SeedError`` if it is no article."""
    text = text.removeprefix("\ufeff")
    if not text:
        raise SeedError(filename, 1, "file is empty")
    if (nul := text.find("\x00")) != -1:
        raise SeedError(
            filename, _line_at(text, nul), "binary file (contains NUL bytes)"
        )
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    warnings: list[str] = []
    if has_control_characters(text):
        raw_lines = _remove_control_characters(raw_lines, filename, warnings)
    lines = [(number, line.strip()) for number, line in enumerate(raw_lines, start=1)]
    content = ((number, line) for number, line in lines if line)
    headline_line, first = next(content, (None, ""))
    if headline_line is None:
        raise SeedError(filename, 1, "no headline (only blank lines)")
    headline, label = _parse_headline(first, filename, headline_line)

    body_start = headline_line
    credit = ""
    credit_line = None
    second_line, second = next(content, (None, ""))
    if second_line is not None and (match := _CREDIT_RE.match(second)):
        body_start = credit_line = second_line
        credit = match["credit"].strip()
        if not credit:
            warnings.append(_where(filename, body_start, "photo credit is empty"))

    blocks, related, read_also_lines = _parse_body(
        lines[body_start:], filename, warnings
    )
    if not blocks:
        warnings.append(_where(filename, None, "no body text"))
    _check_search_size(headline, label, blocks, lines[body_start:], filename)
    return SeedArticle(
        headline=headline,
        label=label,
        credit=credit,
        blocks=tuple(blocks),
        related=tuple(related),
        warnings=tuple(warnings),
        headline_line=headline_line,
        credit_line=credit_line,
        read_also_lines=tuple(read_also_lines),
    )


def _remove_control_characters(
    lines: list[str], filename: str, warnings: list[str]
) -> list[str]:
    """Return ``lines`` without control characters, warning at the first line."""
    dirty = [
        (number, problem)
        for number, line in enumerate(lines, start=1)
        if (problem := describe_control_characters(line))
    ]
    (first, problem), more = dirty[0], len(dirty) - 1
    reason = f"removed {problem}"
    if more:
        reason += f"; more on {more} other line{'s' if more > 1 else ''}"
    warnings.append(_where(filename, first, reason))
    return [strip_control_characters(line) for line in lines]


def _check_search_size(
    headline: str,
    label: str,
    blocks: list[Block],
    body_lines: list[tuple[int, str]],
    filename: str,
) -> None:
    """Refuse an article too long for search, at the line that passes the limit."""
    # Formatting adds at most a marker and a blank line per block, and a
    # backslash before each character Markdown would read as syntax: only an
    # article near the limit needs its body text written out to be measured.
    bound = sum(2 * len(block.text) + 13 for block in blocks)
    if search_text_length(headline, label, "", "") + bound <= MAX_SEARCH_TEXT:
        return
    size = search_text_length(headline, label, "", format_body(blocks))
    if size <= MAX_SEARCH_TEXT:
        return
    # Walk the lines as written to find where the text passes the limit;
    # close enough to send an editor there.
    budget = MAX_SEARCH_TEXT - search_text_length(headline, label, "", "")
    line = body_lines[-1][0]
    for number, text in body_lines:
        if text:
            budget -= len(text) + 1
            if budget < 0:
                line = number
                break
    raise SeedError(
        filename,
        line,
        f"article is over the {MAX_SEARCH_TEXT:,} characters search can index "
        f"({size:,}: headline, label and body); the limit is passed on this line",
    )


def seed_name_parts(filename: str) -> tuple[int | None, str] | None:
    """Return ``(order, source id)`` for a seed file name, or None if not a seed.

    ``012_abc.txt`` gives ``(12, "abc")``; ``abc.txt`` gives ``(None, "abc")``.
    """
    name = re.split(r"[\\/]", filename)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() != "txt" or not stem:
        return None
    if match := _SEED_NAME_RE.match(stem):
        return int(match["order"]), match["source_id"]
    return None, stem


def _parse_headline(line: str, filename: str, number: int) -> tuple[str, str]:
    if _CREDIT_RE.match(line):
        raise SeedError(filename, number, "no headline (a photo credit comes first)")
    if _link_marker(line):
        raise SeedError(filename, number, "no headline (a link line comes first)")
    headline, label = split_label(join_lines([line]))
    if _is_only_label(headline):
        raise SeedError(filename, number, "no headline (only a label)")
    if len(headline) > MAX_HEADLINE_LENGTH:
        raise SeedError(
            filename,
            number,
            f"headline is over {MAX_HEADLINE_LENGTH} characters ({len(headline)})",
        )
    return headline, label


def _parse_body(
    lines: list[tuple[int, str]], filename: str, warnings: list[str]
) -> tuple[list[Block], list[RelatedTitle], list[int]]:
    """Return the body's blocks, the related titles, and each Read Also's line."""
    blocks: list[Block] = []
    related: list[RelatedTitle] = []
    read_also_lines: list[int] = []
    pending: list[str] = []
    has_lede = False
    for number, line in lines:
        if not line:
            if pending:
                has_lede = _add_block(blocks, pending, has_lede)
                pending = []
            continue
        # Only a line that starts with R can be a link; most lines are prose.
        marker = _link_marker(line) if line[0] in "rR" else None
        if marker is None:
            if line[0] == "(" and _CREDIT_RE.match(line):
                warnings.append(
                    _where(
                        filename,
                        number,
                        "a photo credit is only read right after the headline; "
                        "kept as text",
                    )
                )
            pending.append(line)
            continue
        if pending:
            has_lede = _add_block(blocks, pending, has_lede)
            pending = []
        inline, title = marker
        if not title:
            warnings.append(_where(filename, number, "link has no title; dropped"))
        elif inline:
            blocks.append(Block(BlockKind.READ_ALSO, title))
            read_also_lines.append(number)
        else:
            related.append(RelatedTitle(title, number))
    if pending:
        _add_block(blocks, pending, has_lede)
    return blocks, related, read_also_lines


def _add_block(blocks: list[Block], lines: list[str], has_lede: bool) -> bool:
    """Add the paragraph or subheading ``lines`` make; return True (a lede exists)."""
    if has_lede and len(lines) == 1 and _is_subheading(lines[0]):
        blocks.append(Block(BlockKind.SUBHEADING, join_lines(lines)))
    else:
        blocks.append(Block(BlockKind.PARAGRAPH, join_lines(lines)))
    return True


def _link_marker(line: str) -> tuple[bool, str] | None:
    """Return ``(inline, title)`` for a Read Also (inline) or Related line."""
    if line[:3].lower() not in ("rea", "rel"):  # most lines are prose
        return None
    if (title := read_also_title(line)) is not None:
        return True, join_lines([title])
    if match := _RELATED_RE.match(line):
        return False, join_lines([line[match.end() :]])
    return None


def _is_subheading(line: str) -> bool:
    # Cheapest test first: nearly every paragraph ends a sentence.
    if line.rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return False
    if len(line.split()) > MAX_SUBHEADING_WORDS or not any(ch.isalnum() for ch in line):
        return False
    return not (line[:1] == "(" and _CREDIT_RE.match(line))


def _is_only_label(headline: str) -> bool:
    # split_label leaves a lone tag as the headline; give it a word to detach from.
    probe, label = split_label(f"x {headline}")
    return bool(label) and probe == "x"


def _where(filename: str, line: int | None, reason: str) -> str:
    if line is None:
        return f"{filename}: {reason}"
    return f"{filename}, line {line}: {reason}"
