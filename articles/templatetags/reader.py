"""Filters for the public pages."""

import json
from collections.abc import Callable
from datetime import datetime

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..models import Article, RelatedLink
from ..text.bylines import display_byline
from ..text.markdown import fill_read_also
from ..text.xml_text import xml_safe

register = template.Library()

# Inside <script> only "<" could end the element early; "&" and ">" are escaped
# as Django's json_script does, so the JSON reads the same in any parser.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """Render ``data`` as a JSON-LD script element that text cannot break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),
    )


@register.filter
def byline(text: str) -> str:
    """Return a byline as readers see it: "By Jane Doe", never "By By Jane Doe"."""
    return display_byline(text)


@register.filter(name="xml_safe")
def xml_safe_filter(text: str) -> str:
    """Drop what XML 1.0 cannot carry, for values written into XML templates."""
    return xml_safe(str(text))


@register.filter
def html_datetime(moment: datetime | None) -> str:
    """Return ``moment`` as a ``<time datetime>`` value: local time, to the second.

    ``date:"c"`` keeps microseconds, which HTML does not allow there.
    """
    if moment is None:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag
def article_body(article: Article) -> SafeString:
    """Render the article's body as stored, its Read Also points linked."""
    return body_with_links(article.body_html, article.read_also_link)


def body_with_links(
    html: str, link_for: Callable[[int, str], RelatedLink | None]
) -> SafeString:
    """Fill the Read Also slots of rendered body HTML with their links.

    ``link_for(position, title_key)`` gives a point's link; the one include
    that draws a related link decides how it looks, and a point whose link
    has nowhere to go keeps its title as text. The HTML is the renderer's,
    which escapes all it is given: that is what makes it safe to mark so.
    """
    include = get_template("articles/includes/related_link.html")

    def fill(position: int, key: str) -> str | None:
        link = link_for(position, key)
        if link is None or not link.href:
            return None
        return include.render({"link": link, "title": link.title})

    return mark_safe(fill_read_also(html, fill))
