"""Readers' pages served from the shared cache, and never stale.

Every cached page is tagged with the *content generation*: a token kept in
the cache (Redis under ``make serve``, so shared by every app server) and
replaced whenever a transaction that wrote to a table readers see commits.
Writes are noticed at the database cursor, not through model signals, so an
admin save or action, a history revert, the importer's bulk SQL and a shell
script's ``QuerySet.update()`` all count; a page whose generation is not the
current one is never served. An entry also expires when the next scheduled
article goes live, and after ``SAFETY_SECONDS`` at most, which bounds what a
write from outside Django (psql) can leave behind.

A hit costs one ``get_many`` (the generation and the page) before sessions,
authentication or the URL resolver run. Only anonymous ``GET`` and ``HEAD``
requests without a session cookie are looked up; the page is stored only when
a view listed in ``CACHED_VIEWS`` answered 200 or 301 without setting a cookie
or forbidding caches (drafts and previews send ``no-store``). When the cache
is unreachable, pages are served uncached and the cache is tried again a
second later; the first process to reach it again starts a new generation,
as writes made meanwhile could not say so.
"""

import functools
import hashlib
import math
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from redis.exceptions import RedisError
from taggit.models import Tag

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .models import (
    Article,
    OldSlug,
    Photo,
    PhotoCredit,
    RelatedLink,
    Rendition,
    Section,
    TaggedArticle,
)

GENERATION_KEY = "pages:generation"
# A backstop only: changes made through Django show at once.
SAFETY_SECONDS = 60
# How long a process serves uncached pages after the cache failed to answer.
RETRY_SECONDS = 1.0
# How long a process trusts its own answer to "when does the next scheduled
# article go live?" before asking the database again.
SCHEDULE_SECONDS = 1.0
CACHED_VIEWS = frozenset(
    f"articles:{name}"
    for name in (
        "home",
        "section-detail",
        "article-detail",
        "tag-detail",
        "latest-feed",
        "latest-atom-feed",
        "section-feed",
        "section-atom-feed",
        "sitemap",
        "sitemap-section",
        "news-sitemap",
        "robots",
    )
)
# Query parameters that select a page of a list or sitemap; any other
# parameter (tracking tags) leaves the page uncached rather than filling the
# cache with copies.
PAGE_PARAMETERS = frozenset({"page", "p"})
CACHE_ERRORS = (RedisError, OSError)
READER_MODELS = (
    Article,
    OldSlug,
    Photo,
    PhotoCredit,
    RelatedLink,
    # A picture's renditions arriving (or replaced) changes every page showing it.
    Rendition,
    Section,
    Tag,
    TaggedArticle,
)
# COPY included: the importer loads rows with COPY ... FROM on PostgreSQL.
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|COPY)"
    r"""\s+[`"\[]?(\w+)""",
    re.IGNORECASE,
)
_TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.IGNORECASE)
_NO_STORE = re.compile(r"\b(?:private|no-store|no-cache)\b", re.IGNORECASE)

# Per-process state, replaced whole (never mutated), so threads need no lock.
_down_until = 0.0
_missed_change = False
_schedule: tuple[str, float, float | None] = ("", 0.0, None)


def _unreachable() -> None:
    # Writes may go unannounced while the cache is away: start a new
    # generation once it answers again.
    global _missed_change, _down_until
    _missed_change, _down_until = True, time.monotonic() + RETRY_SECONDS


def content_changed() -> None:
    """Start a new content generation: every page cached so far is out of date.

    Called after commit by the write watcher; call it yourself only after
    writing readers' tables from outside Django.
    """
    global _missed_change
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except CACHE_ERRORS:
        _unreachable()
    else:
        _missed_change = False


@functools.cache
def reader_tables() -> frozenset[str]:
    """Return the tables whose rows some reader's page shows."""
    return frozenset(model._meta.db_table for model in READER_MODELS)


def watch_writes(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Install the write watcher on a new database connection."""
    if _watch not in connection.execute_wrappers:
        # First in the list, so a caller's own execute_wrapper() block, which
        # removes the last one, cannot remove it.
        connection.execute_wrappers.insert(0, _watch)


def _watch(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql)
    if (match and match[1] in reader_tables()) or (
        match is None and _TRUNCATE.match(sql)
    ):
        _after_commit(context["connection"])
    return result


def _after_commit(connection: BaseDatabaseWrapper) -> None:
    """Announce the change once the transaction commits, once per transaction."""
    if not connection.in_atomic_block:
        # Autocommit: the write is already committed. (Under manual
        # transaction management the commit cannot be seen; the safety
        # lifetime bounds a page read before it.)
        content_changed()
    elif not any(func is content_changed for _, func, _ in connection.run_on_commit):
        connection.on_commit(content_changed)


def next_publication(generation: str) -> float | None:
    """Return when the next scheduled article goes live, as a Unix time."""
    global _schedule
    now = time.time()
    known, checked, at = _schedule
    if (
        known == generation
        and now - checked < SCHEDULE_SECONDS
        and (at is None or now < at)
    ):
        return at
    moment = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    at = moment.timestamp() if moment else None
    _schedule = (generation, now, at)
    return at


def page_key(request: HttpRequest) -> str | None:
    """Return the cache key of the page asked for, or None if it is not cached."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    if request.META.get("QUERY_STRING") and not PAGE_PARAMETERS.issuperset(request.GET):
        return None
    # Pages carry absolute addresses (canonical links, feeds, sitemaps), so the
    # scheme and host are part of what a page is.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pages:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    match = request.resolver_match
    return (
        request.method == "GET"
        and response.status_code in (200, 301)
        and not response.streaming
        and not response.cookies
        and match is not None
        and match.view_name in CACHED_VIEWS
        and not _NO_STORE.search(response.get("Cache-Control", ""))
        # A compressed body, or one chosen by a request header, suits only
        # the reader it was made for.
        and not response.has_header("Content-Encoding")
        and {
            name.strip().lower() for name in response.get("Vary", "").split(",")
        }.issubset({"", "cookie", "accept-encoding"})
    )


def _hit(request: HttpRequest, entry: tuple) -> HttpResponse:
    _generation, _valid_until, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    if status != 200:
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache, filling it on a miss.

    Belongs near the top of ``MIDDLEWARE``, before the session middleware, so
    a hit skips everything below it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if time.monotonic() < _down_until:
            return self.get_response(request)
        # A page rendered inside an open transaction may show rows that are
        # never committed (only tests render inside one).
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        if _missed_change:
            content_changed()
            return self.get_response(request)
        started = time.time()
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = secrets.token_hex(8)
                if not cache.add(GENERATION_KEY, generation, timeout=None):
                    generation = None
        except CACHE_ERRORS:
            _unreachable()
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == generation and started < entry[1]:
            return _hit(request, entry)
        response = self.get_response(request)
        if generation is not None and _storable(request, response):
            self.store(key, generation, started, response)
        return response

    def store(
        self, key: str, generation: str, started: float, response: HttpResponseBase
    ) -> None:
        valid_until = started + SAFETY_SECONDS
        publication = next_publication(generation)
        if publication is not None:
            valid_until = min(valid_until, publication)
        lifetime = valid_until - time.time()
        if lifetime <= 0:
            return
        entry = (
            generation,
            valid_until,
            response.status_code,
            dict(response.items()),
            response.content,
        )
        try:
            cache.set(key, entry, timeout=math.ceil(lifetime))
        except CACHE_ERRORS:
            _unreachable()
