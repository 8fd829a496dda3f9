"""What every screen of the desk shares: the live-article guard, capped search."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, smart_split

from ..access import changeable, may_change
from ..images.on_demand import make_missing_soon
from ..images.pick import pick
from ..models import Photo, Rendition

# Each word of a search is a condition over every search field; SQLite
# refuses a query of about a thousand ("Expression tree is too large") and a
# pattern of 50,000 bytes ("LIKE or GLOB pattern too complex").
MAX_SEARCH_WORDS = 20
THUMBNAIL_WIDTH = 160
MAX_SEARCH_LENGTH = 300
SEARCH_CUT = (
    f"Only the first {MAX_SEARCH_WORDS} words (at most {MAX_SEARCH_LENGTH} "
    "characters) of the search were used; the rest was left out."
)


def cap_search(request: HttpRequest, search_term: str) -> str:
    """Return ``search_term`` cut to what the database can run, and tell the user.

    Quoted phrases stay whole, as the admin's own search reads them.
    """
    words = list(smart_split(search_term))
    capped = " ".join(words[:MAX_SEARCH_WORDS])[:MAX_SEARCH_LENGTH]
    if capped == " ".join(words):
        return search_term
    # The autocomplete answers in JSON; a message would surface on a later page.
    match = getattr(request, "resolver_match", None)
    if getattr(match, "url_name", "") != "autocomplete" and not getattr(
        request, "_search_cut", False
    ):
        request._search_cut = True
        messages.warning(request, SEARCH_CUT)
    return capped


class CappedSearchMixin:
    """Search with at most ``MAX_SEARCH_WORDS`` words, saying so when it cuts."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(
            request, queryset, cap_search(request, search_term)
        )


class LiveArticleGuardMixin(CappedSearchMixin):
    """Apply ``articles.access`` to every hook that changes or deletes an object.

    The views already ask ``has_change_permission`` and
    ``has_delete_permission`` with the object (so a reporter gets a read-only
    page and a 403 on a crafted POST); ``save_model`` and the deletes ask
    again, on the stored object, so no other path can slip past.
    """

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change(
            request.user, obj
        )

    def save_model(self, request, obj, form, change):
        if change and not may_change(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if not may_change(request.user, obj):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            if changeable(request.user, queryset).count() != queryset.count():
                raise PermissionDenied
            super().delete_queryset(request, queryset)


def photo_thumbnail(photo: Photo | None) -> str:
    """Return a small picture of ``photo``, or say that only its credit is known."""
    if photo is None:
        return "—"
    if not photo.image:
        credit = photo.credit.display if photo.credit_id else "no credit"
        return format_html('<span class="credit-only">Credit only: {}</span>', credit)
    # The 160 px square rendition: made with the others, listed by the
    # prefetched rows, so a list of photos asks the storage nothing.
    thumbnail = pick(photo, Rendition.Crop.SQUARE, at_most=THUMBNAIL_WIDTH)
    if thumbnail is None:
        # A picture from before renditions, or whose making failed: the desk
        # seeing it has them made, as a reader's page would.
        make_missing_soon([photo])
        return mark_safe('<span class="missing-image">Picture being prepared</span>')
    return format_html(
        '<img class="photo-thumbnail" src="{}" alt="{}" width="{}" height="{}" '
        'loading="lazy">',
        thumbnail.file.url,
        photo.alt_text,
        thumbnail.width,
        thumbnail.height,
    )


def quoted(text: object, length: int = 25) -> str:
    """Return ``text`` in quotes, shortened so a history note keeps its reason.

    simple-history's reason column holds 100 characters.
    """
    return f"“{Truncator(str(text)).chars(length)}”"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def links_now_point(count: int, noun: str) -> str:
    return f"{plural(count, noun)} now point{'s' if count == 1 else ''}"


def join_words(words: list[str]) -> str:
    """Return "a", "a and b", "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
