"""The load balancer's health check: can this app server serve pages?"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer ``/healthz`` before anything looks at the Host header.

    A load balancer probes by address (Host: 10.0.0.5), which ALLOWED_HOSTS
    rightly refuses for pages; the answer reveals nothing a host name guards.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == PATH:
            return health()
        return self.get_response(request)


def health() -> HttpResponse:
    """ "ok" (200) when the database and the cache answer, else "down" (503).

    Callers learn nothing more; the reason goes to the error log.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        cache.set("healthz", "ok", timeout=10)
        cache.get("healthz")
    except Exception:
        # Whatever failed (database, Redis, a driver error), this server cannot
        # serve pages, so it must be taken out of rotation.
        logger.exception("Health check failed")
        response = HttpResponse("down\n", status=503, content_type="text/plain")
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    add_never_cache_headers(response)
    return response
