"""Which rendition a page, a feed or a social card shows, from prefetched rows.

Pages prefetch their photos' renditions (``ArticleQuerySet.for_listing``
and ``for_page``), so choosing here costs no query and no storage call.
"""

from ..models import Photo, Rendition

Crop = Rendition.Crop
Format = Rendition.Format


def renditions(photo: Photo, crop: str, fmt: str) -> list[Rendition]:
    """Return ``photo``'s renditions of ``crop`` in ``fmt``, narrowest first."""
    if photo is None or not photo.image or photo.pk is None:
        return []
    return sorted(
        (r for r in photo.renditions.all() if r.crop == crop and r.format == fmt),
        key=lambda rendition: rendition.width,
    )


def pick(
    photo: Photo, crop: str, fmt: str = Format.JPEG, at_most: int | None = None
) -> Rendition | None:
    """Return the widest rendition of ``crop`` no wider than ``at_most``.

    When every one is wider, the narrowest; None when there is none.
    """
    found = renditions(photo, crop, fmt)
    fitting = [r for r in found if at_most is None or r.width <= at_most]
    if fitting:
        return fitting[-1]
    return found[0] if found else None


def social_image(photo: Photo) -> Rendition | None:
    """Return the 1200×630 picture for og:image and twitter:image, if made."""
    return pick(photo, Crop.SOCIAL)


def needs_renditions(photo: Photo | None) -> bool:
    """Say whether ``photo`` has a picture but no renditions yet."""
    return bool(photo and photo.image and not photo.renditions.all())
