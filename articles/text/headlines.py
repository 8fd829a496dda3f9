"""Headline helpers shared by the seed parser, the models and link resolution.

Pure functions over strings: no Django, no I/O.
"""

import re
import unicodedata

# A label (kicker) is a trailing bracketed tag in capitals: "[REPORT]",
# "[UPDATE]", "[ÉCLAIRAGE]". The pattern takes letters, digits and a little
# punctuation; split_label checks the letters are capitals. It is matched
# against the text inside the last brackets only: searched for anywhere, a
# pattern starting with spaces tried every space of a long run to its end.
_LABEL_RE = re.compile(r"[^\W\d_](?:[^\W_]|[ &/'’.-])*")
_NOT_LETTER_OR_DIGIT_RE = re.compile(r"[\W_]+")


def split_label(headline: str) -> tuple[str, str]:
    """Return ``(headline, label)`` with a trailing ``[LABEL]`` taken off."""
    text = headline.rstrip()
    start = text.rfind("[")
    label = text[start + 1 : -1]
    if (
        not text.endswith("]")
        or start == -1
        or not _LABEL_RE.fullmatch(label)
        or not label.isupper()
        or not text[:start].strip()
    ):
        return headline.strip(), ""
    return text[:start].strip(), label.strip()


def title_key(title: str) -> str:
    """Return the key two titles share when they name the same article.

    Only letters and digits count, case-folded, and a trailing label is
    ignored, so "Port strike ends [UPDATE]" and "port-strike ends!" match.
    Unicode forms are unified first: "Café" matches "Cafe\u0301" (an "e"
    and a combining accent), as wire systems write either.
    """
    headline, _label = split_label(title)
    folded = unicodedata.normalize("NFKC", headline).casefold()
    return _NOT_LETTER_OR_DIGIT_RE.sub("", folded)
