"""The unresolved-links desk: titles no article answers to, and what to do about them.

"Point these links at it" points only the links a user may change: a
reporter's click leaves the links of published and scheduled articles for an
editor and says how many. Every link it points is written into the History
of its article. "Create a draft with this headline" is a form of its own, so
the target picker's required field never stands in its way.

A link titled with its own article's headline is listed apart, with the
reason: a link never points at its own article, so neither a draft nor a
target found by title answers it; the article itself needs editing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..access import changeable
from ..models import Article, RelatedLink
from .common import MAX_SEARCH_LENGTH, links_now_point, plural
from .forms import ArticleTargetForm
from .history import retargets_recorded

DESK = "unresolved-links desk"
# Links titled with their own article's headline listed at once; a search
# narrows them.
OWN_HEADLINE_SHOWN = 50
OWN_HEADLINE = (
    "“{title}” is the headline of the article these links are on, and a link "
    "never points at its own article; no draft was created."
)


class UnresolvedLinksMixin:
    """Add the unresolved-links page to the article admin."""

    def get_urls(self):
        return [
            path(
                "unresolved-links/",
                self.admin_site.admin_view(self.unresolved_links_view),
                name="articles_article_unresolved_links",
            ),
            *super().get_urls(),
        ]

    def unresolved_links_view(self, request: HttpRequest) -> HttpResponse:
        """List every title no article answers to, with the articles using it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._answer_unresolved(request)
        # A title is at most 500 characters; a longer search cannot match.
        query = request.GET.get("q", "").strip()[:MAX_SEARCH_LENGTH]
        links = RelatedLink.objects.unresolved()
        if query:
            links = links.filter(title__icontains=query)
        own_headline = links.naming_own_article()
        links = links.not_naming_own_article()
        keys = (
            links.order_by()
            .values("title_key")
            .annotate(uses=Count("pk"), first=Max("pk"))
            .order_by("-uses", "title_key")
        )
        page = Paginator(keys, 30).get_page(request.GET.get("p"))
        page_keys = [row["title_key"] for row in page.object_list]
        groups: dict[str, dict] = {
            key: {"key": key, "titles": [], "links": [], "locked": 0}
            for key in page_keys
        }
        shown = links.filter(title_key__in=page_keys)
        open_to_user = set(changeable(request.user, shown).values_list("pk", flat=True))
        for link in shown.select_related("article__section").order_by(
            "article__headline", "pk"
        ):
            group = groups[link.title_key]
            link.editors_only = link.pk not in open_to_user
            group["links"].append(link)
            group["locked"] += link.editors_only
            if link.title not in group["titles"]:
                group["titles"].append(link.title)
        for index, group in enumerate(groups.values()):
            group["form"] = ArticleTargetForm(
                prefix=f"title{index}", initial={"key": group["key"]}
            )
            group["prefix"] = f"title{index}"
        context = {
            **self.admin_site.each_context(request),
            "title": "Unresolved related links",
            "opts": self.model._meta,
            "groups": list(groups.values()),
            "own_headline": own_headline.select_related("article__section").order_by(
                "article__headline", "article", "placement", "position"
            )[:OWN_HEADLINE_SHOWN],
            "own_headline_count": own_headline.count(),
            "page": page,
            "query": query,
            "media": self.media + ArticleTargetForm().media,
            "can_point": request.user.has_perm("articles.change_relatedlink"),
            "can_create": self.has_add_permission(request),
        }
        return TemplateResponse(
            request, "admin/articles/article/unresolved_links.html", context
        )

    def _answer_unresolved(self, request: HttpRequest) -> HttpResponse:
        back = request.POST.get("next", "")
        if not back.startswith(reverse("admin:articles_article_unresolved_links")):
            back = reverse("admin:articles_article_unresolved_links")
        prefix = request.POST.get("prefix", "")
        form = ArticleTargetForm(request.POST, prefix=prefix)
        key = request.POST.get(f"{prefix}-key", "")
        links = RelatedLink.objects.unresolved().filter(title_key=key)
        if "create" in request.POST:
            # A draft headlined like the article carrying the link would be a
            # second copy of that story, and the link still could not point
            # at its own article.
            example = _latest(links.not_naming_own_article())
            if example is None and (own := _latest(links)) is not None:
                self.message_user(
                    request, OWN_HEADLINE.format(title=own.title), messages.ERROR
                )
                return HttpResponseRedirect(back)
        else:
            example = _latest(links)
        if example is None:
            self.message_user(
                request,
                "Those links are no longer unresolved; nothing was changed.",
                messages.WARNING,
            )
            return HttpResponseRedirect(back)
        if "create" in request.POST:
            return self._create_draft(request, example, back)
        if not request.user.has_perm("articles.change_relatedlink"):
            raise PermissionDenied
        if not form.is_valid():
            errors = "; ".join(
                message for field in form.errors.values() for message in field
            )
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(back)
        target = form.cleaned_data["target"]
        allowed = changeable(request.user, links)
        with transaction.atomic():
            left = links.count() - allowed.count()
            same_title = RelatedLink.objects.filter(title_key=key)
            with retargets_recorded(request.user, same_title, DESK):
                pointed = allowed.point_at(target)
        self.message_user(
            request,
            f"{plural(pointed, 'link')} titled “{example.title}” "
            f"{'now points' if pointed == 1 else 'now point'} at “{target}”.",
            messages.SUCCESS,
        )
        if left:
            self.message_user(
                request,
                f"{plural(left, 'link')} on published or scheduled articles "
                f"{'was' if left == 1 else 'were'} left for an editor: only "
                "editors change what readers of those see.",
                messages.WARNING,
            )
        return HttpResponseRedirect(back)

    def _create_draft(
        self, request: HttpRequest, example: RelatedLink, back: str
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        same_title = RelatedLink.objects.filter(title_key=example.title_key)
        with transaction.atomic():
            draft = Article.create_draft_named_by(example)
            # Readers see these links as text until an editor publishes the draft.
            with retargets_recorded(request.user, same_title, DESK):
                resolved = draft.resolve_links_naming_it()
        self.message_user(
            request,
            format_html(
                'Created the draft “<a href="{}">{}</a>” in {}; {} at it.',
                reverse("admin:articles_article_change", args=[draft.pk]),
                draft.headline,
                draft.section,
                links_now_point(resolved, "link"),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back)


def _latest(links: QuerySet) -> RelatedLink | None:
    return links.select_related("article__section").order_by("-pk").first()
