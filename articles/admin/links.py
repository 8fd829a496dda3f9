"""Related links one by one: each change shows in its article's History."""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from ..access import ONLY_EDITORS, articles_showing, may_change
from ..models import Article, RelatedLink
from .common import LiveArticleGuardMixin, quoted
from .concurrency import NoLostUpdateMixin
from .forms import https_formfield
from .history import describe_link_change, link_destination, record_for


class RelatedLinkAdminForm(forms.ModelForm):
    """A link; ``user`` is set per request: links join only articles they may change."""

    user = None

    class Meta:
        model = RelatedLink
        fields = ["article", "placement", "position", "title", "target", "url"]
        formfield_callback = https_formfield

    def clean_article(self) -> Article:
        article = self.cleaned_data["article"]
        if self.user is not None and not may_change(self.user, article):
            raise forms.ValidationError(
                f"{ONLY_EDITORS}, and “{article}” is one. Pick a draft, or ask "
                "an editor."
            )
        return article


@admin.register(RelatedLink)
class RelatedLinkAdmin(NoLostUpdateMixin, LiveArticleGuardMixin, admin.ModelAdmin):
    form = RelatedLinkAdminForm
    list_display = ["title", "article", "placement", "target"]
    list_select_related = ["article", "target"]
    list_filter = ["placement", ("target", admin.EmptyFieldListFilter)]
    search_fields = ["title", "article__headline"]
    autocomplete_fields = ["article", "target"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        # The form said so already; this holds for any other way in.
        if not may_change(request.user, obj.article):
            raise PermissionDenied
        stored = (
            RelatedLink.objects.select_related("article", "target").get(pk=obj.pk)
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        here = Article.objects.filter(pk=obj.article_id)
        if stored is None:
            reason = f"Link {quoted(obj.title)} added, to {link_destination(obj)}"
            record_for(request.user, here, reason)
        elif stored.article_id != obj.article_id:
            record_for(
                request.user,
                Article.objects.filter(pk=stored.article_id),
                f"Link {quoted(stored.title)} moved to {quoted(obj.article)}",
            )
            record_for(
                request.user,
                here,
                f"Link {quoted(obj.title)} added, moved from {quoted(stored.article)}",
            )
        else:
            record_for(request.user, here, describe_link_change(stored, obj))

    def delete_model(self, request, obj):
        with transaction.atomic():
            articles = articles_showing(obj)
            pks = list(articles.values_list("pk", flat=True))
            super().delete_model(request, obj)
            record_for(
                request.user,
                Article.objects.filter(pk__in=pks),
                f"Link {quoted(obj.title)} removed",
            )

    def delete_queryset(self, request, queryset):
        removed: dict[int, list[str]] = defaultdict(list)
        for article_id, title in queryset.values_list("article_id", "title"):
            removed[article_id].append(quoted(title))
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for article_id, titles in removed.items():
                noun = "Link" if len(titles) == 1 else "Links"
                record_for(
                    request.user,
                    Article.objects.filter(pk=article_id),
                    f"{noun} {', '.join(titles)} removed",
                )
