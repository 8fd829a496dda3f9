"""Uploaded photos served by the site itself, for one machine without a proxy."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve

YEAR = 365 * 24 * 3600
# A rendition is named by the hash of its bytes (articles/images/renditions.py):
# a new crop or a new photo gets a new name, so a copy may be kept for a year.
HASHED_PREFIX = "renditions/"


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """A file under MEDIA_ROOT (404 for anything else), with cache headers."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        response["Cache-Control"] = (
            f"public, max-age={YEAR}, immutable"
            if path.startswith(HASHED_PREFIX)
            # An original keeps its name, but a deleted one's name may be reused.
            else "public, max-age=3600"
        )
    return response
