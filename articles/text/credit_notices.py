"""What a credit tells readers besides its words: a label, and a rights holder.

Pure functions over strings, beside ``credits.py``, which splits and shows
the credit line itself.
"""

import re

from .credits import CreditParts

# Distributors that license pictures in their own name. Any other, alone in
# a credit, merely carried the picture: a platform where people post their
# own (YouTube, Twitter), or a wire passing on a handout.
_LICENSORS = {
    name.casefold() for name in ("Alamy", "Getty Images", "iStock", "Shutterstock")
}

# Words that, first in a credit, say what kind of picture it is.
_KIND_WORDS = {
    "artwork",
    "chart",
    "credit",
    "drawing",
    "file",
    "footage",
    "graphic",
    "illustration",
    "image",
    "map",
    "photo",
    "photograph",
    "photos",
    "picture",
    "screen",
    "screengrab",
    "screenshot",
    "still",
    "video",
}
_FIRST_WORD_RE = re.compile(r"[^\W_]+")


def rights_holder(parts: CreditParts) -> str:
    """Return who holds the rights as far as the parts say, or "".

    The agency licenses wire pictures; without one the creator owns the
    picture. A distributor alone holds them only if it licenses pictures
    (Getty Images): "Screenshot from YouTube" or "Handout via Reuters" name
    no holder.
    """
    if parts.agency or parts.creator:
        return parts.agency or parts.creator
    if parts.distributor.casefold() in _LICENSORS:
        return parts.distributor
    return ""


def credit_label(shown: str) -> str:
    """Return "Photo: " to set before a credit under a picture, or "".

    A credit that starts by saying what the picture is (``Screenshot from
    YouTube``, ``File photo``, ``Image by Jane Doe``) needs no label, and
    "Photo:" before it would call a screenshot a photo, or say it twice.
    """
    first = _FIRST_WORD_RE.match(shown)
    if first and first[0].casefold() in _KIND_WORDS:
        return ""
    return "Photo: "
