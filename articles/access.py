"""Who may see drafts, and who may change what readers see of an article.

A published or scheduled article belongs to the editors. Everything a reader
of it sees (its text, its links, its lead photo with that photo's caption,
image and credit, its tags, its section) may be changed only by someone who
may publish. Every admin page, action, inline and button asks here, on the
server, so a crafted request gets the same answer as the form.
"""

from taggit.models import Tag

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, QuerySet

from .models import Article, ArticleQuerySet, Photo, PhotoCredit, RelatedLink, Section

ONLY_EDITORS = (
    "Only editors can change what readers see of a published or scheduled article"
)

# How an article reaches each kind of object its page shows.
_PATH_FROM_ARTICLE: dict[type[Model], str] = {
    Article: "pk",
    RelatedLink: "related_links",
    Photo: "lead_photo",
    PhotoCredit: "lead_photo__credit",
    Section: "section",
    Tag: "tags",
}

User = AbstractBaseUser | AnonymousUser


def may_see_drafts(user: User) -> bool:
    """Say whether ``user`` may read unpublished articles as readers will see them.

    Whoever may view articles on the desk already reads their drafts there,
    so the site's pages and preview links show them drafts too.
    """
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def may_publish(user: User) -> bool:
    """Say whether ``user`` may publish, schedule and unpublish: an editor."""
    return user.has_perm("articles.publish_article")


def can_change_live(user: User) -> bool:
    """Say whether ``user`` may change what readers of live articles see."""
    return may_publish(user)


def hold_publication(user: User, article: Article, stored: dict | None) -> None:
    """Keep ``article``'s publication as ``stored`` unless ``user`` may publish.

    Whatever a form or a crafted request brought, someone who may not
    publish neither publishes nor schedules, nor moves a publication time.
    ``stored`` holds the stored ``status`` and ``published_at``, or is None
    for a new article.
    """
    if may_publish(user):
        return
    article.published_at = stored["published_at"] if stored else None
    if article.status == Article.Status.PUBLISHED:
        article.status = stored["status"] if stored else Article.Status.DRAFT
        if article.status == Article.Status.PUBLISHED:
            raise PermissionDenied


def articles_showing(obj: Model) -> ArticleQuerySet:
    """Return the articles whose page shows ``obj`` as stored, whatever their state.

    Objects no article page shows (a merged credit wording, say) show on none.
    """
    path = _PATH_FROM_ARTICLE.get(type(obj))
    if path is None or obj.pk is None:
        return Article.objects.none()
    return Article.objects.filter(**{path: obj.pk})


def reader_facing_articles(obj: Model) -> ArticleQuerySet:
    """Return the published or scheduled articles whose page shows ``obj``."""
    return articles_showing(obj).reader_facing()


def may_change(user: User, obj: Model | None) -> bool:
    """Say whether ``user`` may change or delete ``obj`` as it is stored.

    Anyone with the model permission may, unless readers of a published or
    scheduled article see ``obj``: then only an editor may. ``None`` (the
    model as a whole) is allowed; each object is decided when it is touched.
    """
    if obj is None or can_change_live(user):
        return True
    return not reader_facing_articles(obj).exists()


def changeable(user: User, queryset: QuerySet) -> QuerySet:
    """Return the part of ``queryset`` that ``user`` may change or delete."""
    path = _PATH_FROM_ARTICLE.get(queryset.model)
    if path is None or can_change_live(user):
        return queryset
    live = Article.objects.reader_facing().filter(**{path: OuterRef("pk")})
    return queryset.exclude(Exists(live))
