"""Photos served by the site itself, for one machine without a proxy or bucket.

Renditions, the sized copies readers' pages point at, go to anyone and are
cached for a year: their names change whenever their content does. Originals
(and anything else under MEDIA_ROOT) are the desk's: full size, as the
agency sent them, not licensed for readers' eyes; only signed-in active staff
get them, and an anonymous request is told nothing exists (404). Only image
files are served, never a hidden file, never through a symlink, never from
outside MEDIA_ROOT: this is the one place where a URL turns into a path.
"""

from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from newsroom.storage import RENDITION_CACHE_CONTROL, RENDITIONS_FOLDER

RENDITIONS_PREFIX = f"{RENDITIONS_FOLDER}/"
# What readers and uploads may hold: nothing a browser would run (no SVG, no
# HTML), and the type is stated, never guessed from the file.
CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# imagekit names each admin thumbnail by a hash under CACHE/: it never changes.
THUMBNAILS_PREFIX = "CACHE/"
DESK_CACHE_CONTROL = "private, max-age=3600"
DESK_HASHED_CACHE_CONTROL = "private, max-age=31536000, immutable"


def may_see_originals(user) -> bool:
    """Say whether ``user`` is the desk: signed in, active and staff."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def media_file(root: Path | str, path: str) -> Path:
    """The image file ``path`` names under ``root``; Http404 for anything else.

    Refused: a path with an empty, ``.``, ``..`` or hidden part, a backslash
    or a NUL; a type not in CONTENT_TYPES; a symlink anywhere below ``root``
    (one could point at an original, or out of the folder); a folder.
    """
    parts = path.split("/")
    if (
        "\\" in path
        or "\x00" in path
        or any(not part or part.startswith(".") for part in parts)
        or Path(path).suffix.lower() not in CONTENT_TYPES
    ):
        raise Http404("No such file.")
    try:
        base = Path(root).resolve(strict=True)
        wanted = base.joinpath(*parts)
        found = wanted.resolve(strict=True)
    except (OSError, ValueError, RuntimeError) as error:
        raise Http404("No such file.") from error
    if found != wanted or not found.is_file():
        raise Http404("No such file.")
    return found


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """A rendition for anyone, an original for the desk, with cache headers."""
    if path.startswith(RENDITIONS_PREFIX):
        cache_control = RENDITION_CACHE_CONTROL
    elif may_see_originals(request.user):
        cache_control = (
            DESK_HASHED_CACHE_CONTROL
            if path.startswith(THUMBNAILS_PREFIX)
            # An original keeps its name, but a deleted one's name may be reused.
            else DESK_CACHE_CONTROL
        )
    else:
        raise Http404("No such file.")
    file = media_file(settings.MEDIA_ROOT, path)
    status = file.stat()
    content_type = CONTENT_TYPES[file.suffix.lower()]
    if not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), status.st_mtime
    ):
        response = HttpResponseNotModified()
    elif request.method == "HEAD":
        # The headers a GET would send, without opening the file.
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(status.st_size)
    else:
        response = FileResponse(file.open("rb"), content_type=content_type)
    response["Last-Modified"] = http_date(status.st_mtime)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
