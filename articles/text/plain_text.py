"""What text the site keeps: no control characters, and a size search can index.

Pure functions over strings: no Django, no I/O. The seed parser and the model
validators both apply these rules, so an import and an editor's form refuse
or clean the same characters and accept the same sizes on every database.

Control characters: a tab anywhere, and a line break (LF, or CR as browsers
send it) in text of several lines, are kept; every other character of
Unicode's "Cc" category (C0, DEL and C1), a lone surrogate and the two
non-characters U+FFFE and U+FFFF are refused. XML 1.0 cannot carry most of
them, so one in a headline breaks every feed; the rest are invisible and only
ever arrive by accident (a terminal's colour codes pasted with the text).
"""

import re

# Words and their positions in PostgreSQL's full-text document may take at
# most 1 MB (1,048,575 bytes). Text can take 4 bytes of it per character (all
# different words of one or two 4-byte letters: measured on PostgreSQL 15,
# 300,000 such characters are refused at 1,200,000 bytes), so any text of at
# most 250,000 characters fits, whatever it holds.
MAX_SEARCH_TEXT = 250_000

_REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_CONTROL_RE = re.compile(f"[{_REFUSED}]")
_CONTROL_IN_LINE_RE = re.compile(f"[{_REFUSED}\n\r]")
# A terminal's escape sequence (ESC [ parameters final), as in "\x1b[31m":
# removed whole, so no "[31m" is left in the text. The three classes do not
# overlap, so matching takes linear time.
_ESCAPE_SEQUENCE_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


# For ASCII text, deleting the refused characters and comparing lengths is a
# few times faster than searching for them, and seeds are mostly ASCII.
_ASCII_REFUSED = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]
)


def has_control_characters(text: str) -> bool:
    """Say whether ``text`` holds a character the site refuses in any text."""
    if text.isascii():
        return len(text.translate(_ASCII_REFUSED)) != len(text)
    return _CONTROL_RE.search(text) is not None


def find_control_characters(text: str, *, line_breaks: bool = True) -> list[int]:
    """Return the positions in ``text`` of the characters the site refuses.

    With ``line_breaks`` false, line feeds and carriage returns count too.
    """
    pattern = _CONTROL_RE if line_breaks else _CONTROL_IN_LINE_RE
    return [match.start() for match in pattern.finditer(text)]


def strip_control_characters(text: str) -> str:
    """Return ``text`` without the characters the site refuses in any text.

    A terminal escape sequence goes whole; tabs and line breaks stay.
    """
    if not has_control_characters(text):
        return text
    return _CONTROL_RE.sub("", _ESCAPE_SEQUENCE_RE.sub("", text))


def describe_control_characters(text: str, *, line_breaks: bool = True) -> str:
    """Name the first refused character in ``text`` and where it is; "" if none.

    The position counts characters from 1; in text of several lines it is a
    line and a column, as an editor finds it in a textarea.
    """
    found = find_control_characters(text, line_breaks=line_breaks)
    if not found:
        return ""
    first = found[0]
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    if line_breaks and "\n" in text:
        where = f"on line {line}, column {column}"
    else:
        where = f"at position {first + 1}"
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return f"the control character U+{ord(text[first]):04X} {where}{more}"


def search_text_length(headline: str, label: str, dek: str, body: str) -> int:
    """Return the length of the text an article's search document is made of.

    The document is the headline, the label and the dek with a space between
    them, and the body (migration 0010's trigger).
    """
    return len(headline) + len(label) + 1 + len(dek) + len(body)
