"""Bylines as readers see them and as structured data names their authors."""

import re

# One owner for what counts as the "By" a desk may or may not type.
_BY_RE = re.compile(r"^\s*by\s+", re.IGNORECASE)
# The names are trimmed afterwards; spaces in the pattern made it quadratic.
_NAME_SEPARATOR_RE = re.compile(r",|&|\band\b")


def display_byline(text: str) -> str:
    """Return a byline as readers see it: "By Jane Doe", never "By By Jane Doe"."""
    name = _BY_RE.sub("", text).strip()
    return f"By {name}" if name else ""


def byline_names(text: str) -> list[str]:
    """Split a byline such as "By Jane Doe and John Smith" into names."""
    names = _NAME_SEPARATOR_RE.split(_BY_RE.sub("", text))
    return [name.strip() for name in names if name.strip()]
