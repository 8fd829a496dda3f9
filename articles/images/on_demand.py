"""Renditions a reader's page finds missing, made without keeping readers waiting.

The admin makes a photo's renditions when it is saved, and
``make_renditions`` makes them for imported photos; a page that still meets
a picture without renditions shows its caption and credit, never the
original, and asks for them here. A cache lock (``cache.add``, shared by
every process through Redis) lets one request start the work, and it runs
in a thread of its own, so that request and every other answer at once. The
next page after it finishes shows the picture: writing the rows changes the
page's ETag and the page cache's generation.

``settings.RENDITIONS_ON_VIEW`` says how: "thread" (the default),
"inline" (in the request, before the page is rendered; for tests) or "off".
"""

import logging
import threading
from collections.abc import Iterable

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from ..models import Photo
from .pick import needs_renditions
from .renditions import RenditionError, make_renditions

logger = logging.getLogger(__name__)

# Long enough for a 24-megapixel picture on a busy server; a failed attempt
# is tried again after this long, not on every request.
LOCK_SECONDS = 300


def lock_key(photo_pk: int) -> str:
    return f"renditions:making:{photo_pk}"


def make_missing_soon(photos: Iterable[Photo | None]) -> list[int]:
    """Start making the renditions of the photos among ``photos`` that lack them.

    Return the primary keys of those this call started, for tests and logs.
    """
    mode = getattr(settings, "RENDITIONS_ON_VIEW", "thread")
    started = []
    for photo in {photo.pk: photo for photo in photos if photo}.values():
        if mode == "off" or not needs_renditions(photo):
            continue
        try:
            if not cache.add(lock_key(photo.pk), 1, LOCK_SECONDS):
                continue
        except (RedisError, OSError):
            # Without the shared lock every request would start the work.
            continue
        started.append(photo.pk)
        if mode == "inline":
            make_quietly(photo.pk)
        else:
            threading.Thread(
                target=make_in_thread, args=(photo.pk,), daemon=True
            ).start()
    return started


def make_quietly(photo_pk: int) -> None:
    """Make one photo's renditions; a failure is logged and the lock left to expire."""
    try:
        make_renditions(Photo.objects.get(pk=photo_pk))
    except (Photo.DoesNotExist, RenditionError):
        logger.warning("Renditions of photo %s not made", photo_pk, exc_info=True)


def make_in_thread(photo_pk: int) -> None:
    try:
        make_quietly(photo_pk)
    except Exception:
        logger.exception("Renditions of photo %s failed", photo_pk)
    finally:
        # The thread's own database connection would otherwise stay open.
        connections.close_all()
