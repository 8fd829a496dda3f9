"""``{% picture %}``: a photo as readers get it, sized for its slot, never the original.

Sizes are the CSS slot widths, in one place (``SIZES``), so the browser
picks from the srcset the narrowest copy that fills the slot at the
screen's density.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ..images.pick import pick, renditions
from ..models import Photo, Rendition

register = template.Library()

Format = Rendition.Format
# The slots of static/css/site.css: main is at most 72rem with 1rem padding.
SIZES = {
    # .article is 42rem at most.
    "article": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    # The home lead: three fifths of main beside its text from 48rem.
    "lead": "(min-width: 72rem) 40.8rem, (min-width: 48rem) "
    "calc((100vw - 4rem) * 0.6), calc(100vw - 2rem)",
    # Home section groups: columns of at least 19rem with 2rem gaps.
    "group": "(min-width: 72rem) 22rem, (min-width: 63rem) calc((100vw - 6rem) / 3), "
    "(min-width: 42rem) calc((100vw - 4rem) / 2), calc(100vw - 2rem)",
    # Cards of section, tag and search pages: a 14rem picture from 40rem.
    "list": "(min-width: 40rem) 14rem, calc(100vw - 2rem)",
}
# Newer formats first: a browser takes the first <source> it can show.
SOURCES = [(Format.AVIF, "image/avif"), (Format.WEBP, "image/webp")]
# The <img src> for browsers without srcset: enough for a column.
FALLBACK_WIDTH = 960


def srcset(items: list[Rendition]) -> str:
    return ", ".join(f"{item.file.url} {item.width}w" for item in items)


@register.simple_tag
def picture(
    photo: Photo | None, crop: str = "original", sizes: str = "article", is_lead=False
) -> SafeString | str:
    """Render ``photo``'s ``crop`` as a <picture>, or "" while it has no renditions.

    ``sizes`` names a slot of ``SIZES`` (or is a sizes attribute). The
    page's main picture (``is_lead``) is fetched first; the others lazily.
    """
    jpegs = renditions(photo, crop, Format.JPEG)
    if not jpegs:
        return ""
    sizes = SIZES.get(sizes, sizes)
    fallback = pick(photo, crop, Format.JPEG, at_most=FALLBACK_WIDTH)
    largest = jpegs[-1]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (content_type, srcset(found), sizes)
            for fmt, content_type in SOURCES
            if (found := renditions(photo, crop, fmt))
        ),
    )
    loading = mark_safe('fetchpriority="high"' if is_lead else 'loading="lazy"')
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}" {} decoding="async"></picture>',
        sources,
        fallback.file.url,
        srcset(jpegs),
        sizes,
        largest.width,
        largest.height,
        photo.alt_text,
        loading,
    )
