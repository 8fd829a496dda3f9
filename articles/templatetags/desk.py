"""The desk's front page, and an article's state as the desk words it.

The admin index (templates/admin/index.html) asks ``desk_front`` for its
panels; the article form and its header word the state with
``publication_state``. Times read as on the public pages: in ``TIME_ZONE``,
with the zone's name.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..access import may_publish, may_see_drafts
from ..models import Article, ArticleQuerySet, RelatedLink
from .reader import html_datetime

register = template.Library()

# How many articles a panel lists; "see all" opens the rest in the list.
PANEL_SIZE = 6
# The public pages' format: "29 November 2026, 17:22 UTC"; lists use the
# short one, "29 Nov 2026, 17:22 UTC".
DESK_TIME_FORMAT = "j F Y, H:i T"
SHORT_TIME_FORMAT = "j M Y, H:i T"
# What a panel's rows need; bodies can be long and are left in the database.
_ITEM_FIELDS = ("headline", "label", "status", "published_at", "updated_at")


def desk_time(moment: datetime, *, short: bool = False) -> SafeString:
    """Return ``moment`` as a ``<time>`` element in the site's time zone."""
    return format_html(
        '<time datetime="{}">{}</time>',
        html_datetime(moment),
        dateformat.format(
            timezone.localtime(moment), SHORT_TIME_FORMAT if short else DESK_TIME_FORMAT
        ),
    )


@register.filter
def state_key(article: Article) -> str:
    """Name ``article``'s state for styles: draft, review, scheduled or live."""
    if article.is_scheduled:
        return "scheduled"
    if article.is_published:
        return "live"
    return article.status


def state_word(article: Article) -> str:
    """Name ``article``'s state in a word or two: Draft, In review, Scheduled, Live."""
    match state_key(article):
        case "scheduled":
            return "Scheduled"
        case "live":
            return "Live"
    return article.get_status_display()


@register.filter
def publication_state(article: Article) -> str:
    """Say where ``article`` stands: Draft, In review, Scheduled for or Live since."""
    if article.is_scheduled:
        return format_html("Scheduled for {}", desk_time(article.published_at))
    if article.is_published:
        return format_html("Live since {}", desk_time(article.published_at))
    return state_word(article)


@dataclass(frozen=True)
class DeskItem:
    article: Article
    when: SafeString


@dataclass(frozen=True)
class Panel:
    """One list of the front page: a few articles, how many in all, the rest."""

    key: str
    title: str
    empty: str
    items: list[DeskItem]
    count: int
    see_all: str


@dataclass(frozen=True)
class DeskFront:
    panels: list[Panel]
    unresolved_titles: int
    unresolved_url: str


def _panel(
    key: str,
    title: str,
    empty: str,
    articles: ArticleQuerySet,
    filters: dict[str, str],
    when: str,
) -> Panel:
    """List the first ``PANEL_SIZE`` of ``articles``: two queries at most."""
    rows = list(
        articles.select_related("section").only(
            *_ITEM_FIELDS, "section", "section__name"
        )[:PANEL_SIZE]
    )
    count = len(rows) if len(rows) < PANEL_SIZE else articles.count()
    changelist = reverse("admin:articles_article_changelist")
    return Panel(
        key=key,
        title=title,
        empty=empty,
        items=[DeskItem(article, _when(article, when)) for article in rows],
        count=count,
        see_all=f"{changelist}?{urlencode(filters)}",
    )


def _when(article: Article, when: str) -> SafeString:
    if when == "changed":
        return format_html("changed {}", desk_time(article.updated_at))
    return desk_time(article.published_at)


def front_for(user: AbstractBaseUser) -> DeskFront | None:
    """The front page ``user`` works from, or None if they may not see drafts.

    An editor's first panel is what waits for them, everything in review; a
    reporter's are their own drafts, and their own stories in review, which
    an editor publishes.
    """
    if not may_see_drafts(user):
        return None
    articles = Article.objects.all()
    # One moment for both, so an article is either scheduled or published.
    now = timezone.now()
    newest_change = ("-updated_at", "-pk")
    mine = _panel(
        "drafts",
        "My drafts",
        "No drafts of yours. A new article is a draft until it is sent for "
        "review or published.",
        articles.drafts().started_by(user).order_by(*newest_change),
        {"state": "draft", "by": "me"},
        "changed",
    )
    if may_publish(user):
        review = _panel(
            "review",
            "In review",
            "Nothing is waiting for an editor.",
            articles.in_review().order_by(*newest_change),
            {"state": "review"},
            "changed",
        )
        first = [review, mine]
    else:
        review = _panel(
            "review",
            "Yours in review",
            "None of your stories is waiting for an editor.",
            articles.in_review().started_by(user).order_by(*newest_change),
            {"state": "review", "by": "me"},
            "changed",
        )
        first = [mine, review]
    scheduled = _panel(
        "scheduled",
        "Scheduled",
        "Nothing is scheduled.",
        articles.scheduled(now).order_by("published_at", "pk"),
        {"state": "scheduled"},
        "published",
    )
    published = _panel(
        "published",
        "Recently published",
        "Nothing is live yet.",
        articles.published(now).order_by("-published_at", "-pk"),
        {"state": "published"},
        "published",
    )
    return DeskFront(
        panels=[*first, scheduled, published],
        unresolved_titles=RelatedLink.objects.unresolved_title_count(),
        unresolved_url=reverse("admin:articles_article_unresolved_links"),
    )


@register.simple_tag(takes_context=True)
def desk_front(context: template.Context) -> DeskFront | None:
    """The front page of the signed-in user, for ``{% desk_front as front %}``."""
    return front_for(context["request"].user)
