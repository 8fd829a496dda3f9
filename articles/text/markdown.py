"""The body's Markdown: markdown-it-py set up for the house grammar.

The grammar itself is described once, in ``body.py``; this module is how it
is read. It is the only module of the app that imports markdown-it-py, a pure
library (no I/O, no Django), and it keeps one parser configured at import,
like a compiled pattern: nothing about it changes after that.

What differs from CommonMark, and why:

* Raw HTML is off: ``<b>`` is text. Indented and fenced code, link reference
  definitions, setext headings and tables are off too: an indented paragraph
  stays a paragraph, and ``[1]: x`` or a line of ``===`` under a paragraph
  never swallows text typed in a story.
* Only ``## `` makes a subheading (``<h2>``): the headline is the page's one
  ``<h1>``, and ``#`` or ``###`` lines read as text.
* Links go to ``http``, ``https`` and ``mailto`` addresses, or to a path on
  this site (``/world/...``); any other link (``javascript:``, ``data:``,
  ``//host``) is left as the text it was typed as. There are no images
  (pictures come from the photo library): ``![x](y)`` is a "!" and a link.
* Two house blocks, read from a paragraph of its own at the top level: a
  ``Read Also: TITLE`` line is a related-article point, rendered as a slot
  (``read_also_slot``) that the reader's page fills with the link, and a
  paragraph starting ``Pull Quote:`` is a pull quote, its last line the
  speaker when it starts with a dash.
* A paragraph that starts with a backslash is a paragraph: CommonMark drops
  a backslash before punctuation (``\\## x``, ``\\> x``), and this drops it
  before anything else too (``\\Read Also: x``, ``\\1. x``), as the body
  format has always done.
* Nesting stops at ``MAX_NESTING`` levels of quotes and lists (and of
  emphasis and links inside a paragraph): it bounds the parser's work on
  hostile text, and no story needs more.
"""

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_block.heading import heading
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from .headlines import title_key

MAX_NESTING = 10

# Only the marker is matched; the title is the rest of the line, trimmed in
# Python: a pattern reaching for the title's last non-space character tried
# again at every space of a long run, and "Read Also: a", 60,000 spaces and
# "b" took 24 seconds.
_READ_ALSO_RE = re.compile(r"read\s+also\s*:", re.IGNORECASE)
_PULL_QUOTE_RE = re.compile(r"pull[ \t]*quote[ \t]*:", re.IGNORECASE)
_SPEAKER_DASHES = ("—", "―", "--")
_ALLOWED_LINK_RE = re.compile(r"https?://|mailto:|/(?![/\\])", re.IGNORECASE)
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SLOT_RE = re.compile(r"<!--read-also (\d+) (\w*)-->")
_SLOT_END = "<!--/read-also-->"
# What django.utils.html.escape replaces, and with what.
_HTML_ESCAPES = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
}


def read_also_title(line: str) -> str | None:
    """Return the title of a ``Read Also: TITLE`` line ("" if it has none).

    Return None when the line is no Read Also line.
    """
    if match := _READ_ALSO_RE.match(line):
        return line[match.end() :].strip()
    return None


def pull_quote_text(line: str) -> str | None:
    """Return what follows ``Pull Quote:`` on a line, or None if it has no marker."""
    if match := _PULL_QUOTE_RE.match(line):
        return line[match.end() :].strip()
    return None


def read_also_slot(position: int, title: str) -> str:
    """Return the stored HTML of the Read Also point at ``position``.

    The link is the reader's page's to fill (``fill_read_also``): whether its
    article exists, and is published, is known only then. Until filled, the
    slot holds the title as text, as an unresolved link reads. Comments can
    be told from text: the renderer escapes every ``<`` it is given.
    """
    return (
        '<p class="read-also"><span class="read-also-marker">Read Also:</span> '
        f"<!--read-also {position} {title_key(title)}-->"
        f'<span class="unresolved-link">{escape_html(title)}</span>{_SLOT_END}</p>\n'
    )


def fill_read_also(html: str, link: Callable[[int, str], str | None]) -> str:
    """Fill the Read Also slots of stored body HTML.

    ``link(position, title_key)`` returns the HTML of that point's link, or
    None to keep the title as text.
    """
    parts, done = [], 0
    for match in _SLOT_RE.finditer(html):
        end = html.find(_SLOT_END, match.end())
        if end < 0 or match.start() < done:
            continue
        parts.append(html[done : match.start()])
        filled = link(int(match[1]), match[2])
        parts.append(html[match.end() : end] if filled is None else filled)
        done = end + len(_SLOT_END)
    parts.append(html[done:])
    return "".join(parts)


def read_also_keys(html: str) -> list[str]:
    """Return the title keys of the Read Also slots in rendered body HTML."""
    return [match[2] for match in _SLOT_RE.finditer(html)]


def absolute_links(html: str, origin: str) -> str:
    """Make the links to this site's paths in rendered body HTML absolute.

    For feeds, read away from the site. ``origin`` is a scheme and host
    (``https://example.org``). Only the renderer's own attributes can match:
    text never holds a bare ``"``.
    """
    return html.replace(' href="/', f' href="{origin}/')


def escape_html(text: str) -> str:
    """Escape text for HTML as the renderer does, and as Django's templates do.

    The renderer's text is escaped exactly as the templates escaped the plain
    body, so a body that is plain text renders to the same bytes as before.
    """
    return text.translate(_HTML_ESCAPES)


def parse_markdown(text: str) -> list[Token]:
    """Parse body text into markdown-it tokens, with the house blocks marked."""
    return _MARKDOWN.parse(text)


def render_tokens(tokens: Sequence[Token]) -> str:
    """Render tokens from ``parse_markdown`` as HTML."""
    return _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})


def inline_text(token: Token) -> str:
    """Return what readers read of an inline token: its text without markup."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def too_deep(tokens: Sequence[Token]) -> bool:
    """Say whether quotes and lists nest so deep that the parser left text out."""
    # A container opened at the last level has its contents dropped; a
    # paragraph there still shows its text.
    return any(
        token.nesting == 1
        and token.level >= MAX_NESTING - 1
        and token.type not in ("paragraph_open", "heading_open")
        for token in tokens
    )


# The house rules


def _subheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Read ``## text`` as a subheading, and no other ATX heading."""
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    # "##" and a space, and words: "###", "##x" and "##" alone are text. The
    # test comes first, as a paragraph asks it of each of its lines.
    if line[:2] != "##" or line[2:3] not in (" ", "\t", "") or not line.strip(" \t#"):
        return False
    return heading(state, start, end, silent)


def _house_blocks(state: StateCore) -> None:
    """Mark Read Also points and pull quotes, and drop a leading backslash.

    Runs after the block parser and before the inline one, on the paragraphs
    it found: a paragraph of the top level that is a marker line becomes
    the house block.
    """
    tokens, out, position = state.tokens, [], 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "paragraph_open":
            out.append(token)
            index += 1
            continue
        inline, close = tokens[index + 1], tokens[index + 2]
        content = inline.content
        if token.level == 0 and "\n" not in content:
            title = read_also_title(content)
            if title:
                slot = Token("read_also", "", 0, block=True, map=token.map)
                slot.meta = {"position": position, "title": title}
                out.append(slot)
                position += 1
                index += 3
                continue
        if token.level == 0 and (quote := _pull_quote(token, inline, close)):
            out.extend(quote)
            index += 3
            continue
        if content[:1] == "\\" and content[1:2] not in _ASCII_PUNCTUATION:
            inline.content = content[1:]
        out.extend((token, inline, close))
        index += 3
    state.tokens = out


def _pull_quote(opening: Token, inline: Token, closing: Token) -> list[Token] | None:
    """Return the tokens of a pull quote for a paragraph ``Pull Quote: ...``."""
    lines = inline.content.split("\n")
    first = pull_quote_text(lines[0])
    if first is None:
        return None
    speaker = ""
    if len(lines) > 1 and lines[-1].lstrip().startswith(_SPEAKER_DASHES):
        speaker = lines.pop().lstrip().lstrip("".join(_SPEAKER_DASHES)).strip()
    quote = "\n".join([first, *lines[1:]]).strip()
    if not quote:
        return None
    inline.content = quote
    tokens = [
        Token("pull_quote_open", "figure", 1, attrs={"class": "pull-quote"}),
        Token("blockquote_open", "blockquote", 1, level=1),
        Token("paragraph_open", "p", 1, level=2),
        inline,
        Token("paragraph_close", "p", -1, level=2),
        Token("blockquote_close", "blockquote", -1, level=1),
    ]
    if speaker:
        tokens += [
            Token("pull_quote_speaker_open", "figcaption", 1, level=1),
            Token("inline", "", 0, content=speaker, children=[], level=2),
            Token("pull_quote_speaker_close", "figcaption", -1, level=1),
        ]
    tokens.append(Token("pull_quote_close", "figure", -1))
    for token in tokens:
        token.block = token.type != "inline"
        token.map = opening.map
    inline.level = 3
    return tokens


def _allowed_link(url: str) -> bool:
    return _ALLOWED_LINK_RE.match(url) is not None


def _render_read_also(self, tokens: Sequence[Token], index: int, *_args) -> str:
    meta = tokens[index].meta
    return read_also_slot(meta["position"], meta["title"])


def _render_text(self, tokens: Sequence[Token], index: int, *_args) -> str:
    return escape_html(tokens[index].content)


def _markdown() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": False, "xhtmlOut": False, "maxNesting": MAX_NESTING},
    )
    md.disable(["code", "fence", "html_block", "lheading", "reference"])
    # No images; a bracket also costs half as much to read without them.
    md.disable(["html_inline", "image"])
    md.block.ruler.at(
        "heading", _subheading, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.core.ruler.after("block", "house_blocks", _house_blocks)
    md.validateLink = _allowed_link
    md.add_render_rule("read_also", _render_read_also)
    md.add_render_rule("text", _render_text)
    return md


_MARKDOWN = _markdown()
