"""An article's body as readers get it: rendered once per change, links by point.

The body is stored as text (``text.body`` describes its grammar) and, beside
it, as the HTML readers get (``body_html``), rendered whenever the body
changes, by ``Article.save`` or by the importer, never per request. Read Also
points are slots in that HTML: which article a point links to, and whether
that article is live, is known only when a page is drawn, so the page fills
them from the article's inline links (``read_also_link``).
"""

from dataclasses import dataclass

from ..text.body import Block, first_paragraph, parse_body, render_body
from ..text.headlines import title_key
from .links import RelatedLink


@dataclass(frozen=True)
class BodyItem:
    """One block of an article body, with its inline link for a Read Also point."""

    block: Block
    link: RelatedLink | None = None


class ArticleBodyMixin:
    """The body's blocks, its rendered HTML and its inline links, for ``Article``."""

    # The body's text and its blocks, once a page has asked for them.
    _parsed_body: tuple[str, list[Block]] | None = None
    # The body text that ``body_html`` was rendered from, when known; an
    # article made in code (or restored from its history) renders on save.
    _rendered_body: str | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = instance.__dict__
        if "body" in loaded and "body_html" in loaded:
            instance._rendered_body = loaded["body"]
        return instance

    def render_body_html(self) -> bool:
        """Render ``body_html`` from the body unless it already is; say if it was."""
        if self._rendered_body is not None and self._rendered_body == self.body:
            return False
        self.body_html = render_body(self.body)
        self._rendered_body = self.body
        return True

    @property
    def blocks(self) -> list[Block]:
        """The body's blocks, parsed once however often a page asks for them."""
        if self._parsed_body is None or self._parsed_body[0] != self.body:
            self._parsed_body = (self.body, parse_body(self.body))
        return self._parsed_body[1]

    def read_also_link(self, position: int, key: str) -> RelatedLink | None:
        """Return the inline link of the Read Also point at ``position``.

        The point's title key must still be the link's: a link left from an
        earlier body is no link. Uses the prefetched links, so a page that
        fills its points adds no queries.
        """
        for link in self.related_links.all():
            if (
                link.placement == RelatedLink.Placement.INLINE
                and link.position == position
            ):
                return link if link.title_key == key else None
        return None

    def body_items(self) -> list[BodyItem]:
        """Return the body's blocks, each Read Also point with its inline link."""
        items, read_also = [], 0
        for block in self.blocks:
            link = None
            if block.is_read_also:
                link = self.read_also_link(read_also, title_key(block.text))
                read_also += 1
            items.append(BodyItem(block, link))
        return items

    @property
    def lede(self) -> str:
        """The body's first paragraph, as readers read it (no markup)."""
        if self._parsed_body is not None and self._parsed_body[0] == self.body:
            return next((b.text for b in self.blocks if b.is_paragraph), "")
        # A listing needs only this: the rest of the body stays unread.
        return first_paragraph(self.body)
