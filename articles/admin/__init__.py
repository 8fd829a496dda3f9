"""The editors' desk in the Django admin: one module per screen.

Who may change what readers of a published or scheduled article see is
decided in one place, ``articles.access``; every screen here asks it.
"""

from . import articles, links, photos, sections, tags  # noqa: F401  (registers)
from .common import photo_thumbnail
from .history import text_diff

__all__ = ["photo_thumbnail", "text_diff"]
