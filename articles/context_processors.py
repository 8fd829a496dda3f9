"""Template context every public page shares."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Section


def navigation(request: HttpRequest) -> dict:
    # Lazy, so pages that show no navigation (the admin) run no query for it.
    return {
        "navigation_sections": SimpleLazyObject(
            lambda: list(Section.objects.in_navigation())
        )
    }
