"""The article list's actions: publish, unpublish, review, move, resolve links.

Each is offered only with its permission, and each asks ``articles.access``
about every article it would change.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse

from ..access import changeable
from ..models import Article, RelatedLink
from .common import links_now_point, plural
from .forms import MoveToSectionForm
from .history import retargets_recorded


class ArticleActionsMixin:
    """The actions of the article admin, which lists them by name."""

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        published, blocked = [], []
        # publish() asks whether the lead photo is credited: one join, not
        # a query per article.
        for article in queryset.select_related(None).select_related("lead_photo"):
            if article.is_published:
                continue
            try:
                article.publish()
            except ValidationError as error:
                blocked.append(f"“{article}” ({' '.join(error.messages)})")
            else:
                published.append(article)
        self.message_user(
            request,
            f"Published {plural(len(published), 'article')}.",
            messages.SUCCESS,
        )
        if blocked:
            self.message_user(
                request, "Not published: " + "; ".join(blocked), messages.WARNING
            )

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        articles = queryset.select_related(None).filter(status=Article.Status.PUBLISHED)
        for article in articles:
            article.unpublish()
        self.message_user(
            request,
            f"Unpublished {plural(len(articles), 'article')}; readers no longer "
            "see them.",
            messages.SUCCESS,
        )

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.select_related(None).filter(status=Article.Status.DRAFT)
        for article in drafts:
            article.submit_for_review()
        self.message_user(
            request,
            f"Sent {plural(len(drafts), 'draft')} to the desk for review.",
            messages.SUCCESS,
        )

    @admin.action(description="Move to a section…", permissions=["change"])
    def move_to_section(self, request, queryset):
        articles = list(queryset.select_related("section"))
        form = MoveToSectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            section = form.cleaned_data["section"]
            moved, refused = 0, []
            for article in articles:
                if not self.has_change_permission(request, article):
                    refused.append(f"“{article}”")
                    continue
                if article.section_id != section.pk:
                    article.move_to(section)
                    moved += 1
            self.message_user(
                request,
                f"Moved {plural(moved, 'article')} to {section}.",
                messages.SUCCESS,
            )
            if refused:
                self.message_user(
                    request,
                    "Only editors can move published articles: " + ", ".join(refused),
                    messages.WARNING,
                )
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/move_to_section.html",
            {
                **self.admin_site.each_context(request),
                "title": "Move articles to a section",
                "opts": self.model._meta,
                "form": form,
                "articles": articles,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Resolve related links again", permissions=["change"])
    def resolve_links_again(self, request, queryset):
        allowed = changeable(request.user, queryset)
        left = queryset.count() - allowed.count()
        links = RelatedLink.objects.filter(article__in=allowed.values("pk"))
        with (
            transaction.atomic(),
            retargets_recorded(request.user, links, "resolved again"),
        ):
            changed = links.resolve(again=True)
        self.message_user(
            request,
            f"{links_now_point(changed, 'related link')} at a different article."
            if changed
            else "Every link already points where its title says.",
            messages.SUCCESS,
        )
        if left:
            self.message_user(
                request,
                f"The links of {plural(left, 'published or scheduled article')} "
                f"{'was' if left == 1 else 'were'} left for an editor: only "
                "editors change what readers of those see.",
                messages.WARNING,
            )
