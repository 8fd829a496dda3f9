"""Template context every public page shares."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Section


def navigation_sections() -> list[Section]:
    """The sections of the site menu, in menu order."""
    return list(Section.objects.in_navigation())


def navigation(request: HttpRequest) -> dict:
    # Lazy, so pages that show no navigation (the admin) run no query for it.
    # Reader views load their own, which also goes into their ETag.
    return {"navigation_sections": SimpleLazyObject(navigation_sections)}


def site(request: HttpRequest) -> dict:
    """The site's name and the page's canonical address (without a query string)."""
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path),
    }
