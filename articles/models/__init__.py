"""The newsroom's models: sections, photos and credits, articles, related links.

One module per concept; ``bulk_sql`` holds the raw SQL that writes many rows
at once, for the importer and for changes to whole sets of articles.
"""

from .article_body import BodyItem
from .article_queries import ArticleQuerySet
from .articles import REVISION_GRACE, Article, OldSlug, TaggedArticle
from .links import LinkTargets, RelatedLink
from .photos import CreditAlias, Photo, PhotoCredit, Rendition
from .sections import RESERVED_SLUGS, Section, validate_section_slug

__all__ = [
    "REVISION_GRACE",
    "RESERVED_SLUGS",
    "Article",
    "ArticleQuerySet",
    "BodyItem",
    "CreditAlias",
    "LinkTargets",
    "OldSlug",
    "Photo",
    "PhotoCredit",
    "RelatedLink",
    "Rendition",
    "Section",
    "TaggedArticle",
    "validate_section_slug",
]
