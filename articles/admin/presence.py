"""Who else has a change form open, as WordPress shows it: a presence that expires.

An open form says "still here" every ``heartbeat_seconds()``
(static/js/desk_presence.js); a person not heard from for
``PRESENCE_SECONDS`` has left. Presence lives in
the cache that every app server shares, so two editors on two servers see
each other. It informs and never locks: the save itself refuses to overwrite
a change (``concurrency``). With the cache down, nobody shows as present.
"""

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from ..page_cache import CACHE_ERRORS

PRESENCE_SECONDS = 60


def heartbeat_seconds() -> float:
    """How often an open form says it is still open (a setting, for tests)."""
    return getattr(settings, "DESK_PRESENCE_HEARTBEAT", 20)


@dataclass(frozen=True)
class Present:
    name: str
    since: float


def _key(obj: models.Model) -> str:
    return f"desk-presence:{obj._meta.label_lower}:{obj.pk}"


def display_name(user: models.Model) -> str:
    return user.get_full_name() or user.get_username()


def mark_present(obj: models.Model, user: models.Model) -> list[Present]:
    """Note that ``user`` has ``obj`` open; return who else has it open."""
    now = time.time()
    try:
        present = _fresh(cache.get(_key(obj)) or {}, now)
        name, since, _seen = present.get(str(user.pk), (display_name(user), now, now))
        present[str(user.pk)] = (name, since, now)
        cache.set(_key(obj), present, PRESENCE_SECONDS)
    except CACHE_ERRORS:
        return []
    return _others(present, user)


def who_is_present(obj: models.Model, user: models.Model) -> list[Present]:
    """Who other than ``user`` has ``obj`` open."""
    try:
        return _others(_fresh(cache.get(_key(obj)) or {}, time.time()), user)
    except CACHE_ERRORS:
        return []


def mark_gone(obj: models.Model, user: models.Model) -> None:
    """Note that ``user`` closed ``obj``'s form."""
    try:
        present = _fresh(cache.get(_key(obj)) or {}, time.time())
        if present.pop(str(user.pk), None) is not None:
            cache.set(_key(obj), present, PRESENCE_SECONDS)
    except CACHE_ERRORS:
        pass


def _fresh(present: dict, now: float) -> dict:
    return {
        user: entry
        for user, entry in present.items()
        if now - entry[2] <= PRESENCE_SECONDS
    }


def _others(present: dict, user: models.Model) -> list[Present]:
    return sorted(
        (
            Present(name, since)
            for pk, (name, since, _seen) in present.items()
            if pk != str(user.pk)
        ),
        key=lambda entry: entry.since,
    )


def fingerprint(state: dict) -> str:
    """A short digest of an object's state, for a heartbeat to compare."""
    text = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def describe_others(others: list[Present]) -> str:
    """Say who else has the form open, in a line."""
    if not others:
        return "Nobody else has this open."
    names = ", ".join(
        f"{entry.name} (since {timezone.localtime(_moment(entry.since)):%H:%M})"
        for entry in others
    )
    return f"Also open: {names}. Whoever saves second is shown what changed."


def _moment(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, tz=UTC)
