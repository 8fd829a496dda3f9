"""Admin sign-in throttling: who is signing in, and what a locked-out person sees.

django-axes counts failed passwords; these two hooks tell it the reader's real
address behind the proxy and word its refusal.
"""

from ipaddress import ip_address

from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

LOCKED_OUT_MESSAGE = (
    "Too many failed sign-ins for this account or from this address: signing in "
    "is locked for 15 minutes, even with the right password. Try again later, "
    "or ask an administrator to unlock it."
)


def client_address(request: HttpRequest) -> str:
    """The address a sign-in came from, as the TLS proxy on loopback saw it.

    Behind the proxy every request comes from 127.0.0.1, so counting that
    address would lock every editor out together. The proxy appends the
    address it saw to X-Forwarded-For; only a loopback peer is trusted to.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and _is_loopback(peer):
        return forwarded.split(",")[-1].strip()
    return peer


def locked_out(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """A plain page saying why signing in is refused (HTTP 429)."""
    return HttpResponse(
        format_html(
            "<!doctype html><html lang=en><title>Sign-in locked</title>"
            "<h1>Sign-in locked</h1><p>{}</p></html>",
            LOCKED_OUT_MESSAGE,
        ),
        status=429,
    )


def _is_loopback(address: str) -> bool:
    try:
        return ip_address(address).is_loopback
    except ValueError:
        return False
