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
# Threads one process may run making renditions for readers; each decodes
# one original at a time (a 24-megapixel one takes about 70 MB).
MAX_THREADS = 2
_threads = threading.BoundedSemaphore(MAX_THREADS)


def lock_key(photo_pk: int) -> str:
    return f"renditions:making:{photo_pk}"


def make_missing_soon(photos: Iterable[Photo | None]) -> list[int]:
    """Start making the renditions of the photos among ``photos`` that lack them.

    Return the primary keys of those this call started, for tests and logs.
    One call starts at most one thread, which makes its photos in turn, and
    a process runs at most ``MAX_THREADS``: a front page of pictures from
    before renditions must not decode twenty originals at once. Photos left
    out keep no lock, so a later page asks again.
    """
    mode = getattr(settings, "RENDITIONS_ON_VIEW", "thread")
    wanted = [
        photo
        for photo in {photo.pk: photo for photo in photos if photo}.values()
        if mode != "off" and needs_renditions(photo)
    ]
    if not wanted:
        return []
    if mode != "inline" and not _threads.acquire(blocking=False):
        return []
    started = []
    for photo in wanted:
        try:
            if cache.add(lock_key(photo.pk), 1, LOCK_SECONDS):
                started.append(photo.pk)
        except (RedisError, OSError):
            # Without the shared lock every request would start the work.
            break
    if mode == "inline":
        for pk in started:
            make_quietly(pk)
    elif started:
        try:
            threading.Thread(
                target=make_in_thread, args=(started,), daemon=True
            ).start()
        except RuntimeError:
            # No thread to be had: give the slot back, and the locks expire.
            _threads.release()
            logger.warning("No thread to make renditions of photos %s", started)
    else:
        _threads.release()
    return started


def make_quietly(photo_pk: int) -> None:
    """Make one photo's renditions; a failure is logged and the lock left to expire."""
    try:
        make_renditions(Photo.objects.get(pk=photo_pk))
    except (Photo.DoesNotExist, RenditionError):
        logger.warning("Renditions of photo %s not made", photo_pk, exc_info=True)
    except Exception:
        # A database that went away, say: the other photos still get theirs.
        logger.exception("Renditions of photo %s failed", photo_pk)


def make_in_thread(photo_pks: list[int]) -> None:
    try:
        for pk in photo_pks:
            make_quietly(pk)
    except Exception:
        logger.exception("Renditions of photos %s failed", photo_pks)
    finally:
        _threads.release()
        # The thread's own database connection would otherwise stay open.
        connections.close_all()
