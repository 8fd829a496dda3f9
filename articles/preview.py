"""Signed, expiring preview links that let staff read an unpublished article.

A link carries the article's id signed with the site's secret and the time it
was made, so it cannot be guessed or altered, and it stops working after
``ARTICLE_PREVIEW_MAX_AGE``. Opening it still needs a signed-in staff account:
a link forwarded outside the newsroom shows nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .access import may_see_drafts
from .models import Article
from .views import ArticleDetailView

PREVIEW_SALT = "articles.preview"
DEFAULT_PREVIEW_MAX_AGE = timedelta(hours=48)


def preview_max_age() -> timedelta:
    return getattr(settings, "ARTICLE_PREVIEW_MAX_AGE", DEFAULT_PREVIEW_MAX_AGE)


def make_preview_token(article: Article) -> str:
    """Return a token that opens ``article``'s preview until it expires."""
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(article.pk))


def read_preview_token(token: str) -> int:
    """Return the article id in ``token``.

    Raise ``signing.SignatureExpired`` for an old token and
    ``signing.BadSignature`` for one that was not made here.
    """
    value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(
        token, max_age=preview_max_age()
    )
    try:
        return int(value)
    except ValueError:
        raise signing.BadSignature("The token does not name an article.") from None


def preview_url(article: Article) -> str:
    token = make_preview_token(article)
    return reverse("articles:article-preview", kwargs={"token": token})


class ArticlePreviewView(ArticleDetailView):
    """The article page as readers will see it, for staff holding a valid link."""

    def get_article_queryset(self) -> QuerySet[Article]:
        # The signed link, not the article's status, decides what may be shown.
        return Article.objects.all()

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not may_see_drafts(request.user):
            response = self.unavailable(
                "Only newsroom staff can open preview links.", status=403
            )
        else:
            try:
                pk = read_preview_token(kwargs["token"])
            except signing.SignatureExpired:
                hours = int(preview_max_age().total_seconds() // 3600)
                response = self.unavailable(
                    f"This preview link has expired: links work for {hours} hours. "
                    "Open the article in the desk and use “Preview” for a new one.",
                    status=410,
                )
            except signing.BadSignature:
                response = self.unavailable(
                    "This is not a valid preview link. Check that it was copied "
                    "whole, or open the article in the desk and use “Preview”.",
                    status=404,
                )
            else:
                self.object = get_object_or_404(self.get_queryset(), pk=pk)
                context = self.get_context_data(object=self.object, is_preview=True)
                response = self.render_to_response(context)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def unavailable(self, message: str, *, status: int) -> HttpResponse:
        return render(
            self.request,
            "articles/preview_unavailable.html",
            {"message": message},
            status=status,
        )
