"""Tags: renames, deletions and merges show in the History of their articles.

taggit's own admin merges only its generic ``TaggedItem`` rows, which no
article uses, and its merge page asks for no permission; this one replaces it.
"""

from collections import defaultdict

from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag, TaggedItem

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ModelAdmin
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest
from django.template.response import TemplateResponse

from ..access import ONLY_EDITORS, articles_showing, changeable
from ..models import Article, TaggedArticle
from ..text.tags import tag_name_problem
from .common import LiveArticleGuardMixin, plural, quoted
from .history import record_for


class MergeTagsForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label="Keep",
        widget=forms.RadioSelect,
        error_messages={"required": "Pick the tag to keep."},
    )

    def __init__(self, *args, tags=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags


def merge_tags(keep: Tag, others: list[Tag]) -> dict[Tag, list[int]]:
    """Give every article of ``others`` the tag ``keep``, then delete them.

    Return, for each tag merged away, the articles that carried it.
    """
    moved = {}
    for tag in others:
        rows = TaggedArticle.objects.filter(tag=tag)
        moved[tag] = list(rows.values_list("content_object_id", flat=True))
        both = TaggedArticle.objects.filter(
            tag=keep, content_object=OuterRef("content_object")
        )
        rows.filter(Exists(both)).delete()
        rows.update(tag=keep)
        generic = TaggedItem.objects.filter(tag=tag)
        both = TaggedItem.objects.filter(
            tag=keep,
            content_type=OuterRef("content_type"),
            object_id=OuterRef("object_id"),
        )
        generic.filter(Exists(both)).delete()
        generic.update(tag=keep)
    Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
    return moved


class TagForm(forms.ModelForm):
    """Taggit's tag form, held to the rule every other way in holds tags to."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if problem := tag_name_problem(name):
            raise forms.ValidationError(problem)
        return name


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(LiveArticleGuardMixin, TaggitTagAdmin):
    form = TagForm
    inlines = []
    list_display = ["name", "slug", "article_count"]
    actions = ["merge_tags"]

    def get_urls(self):
        # Leave out taggit's merge page: the action below does it, with checks.
        return ModelAdmin.get_urls(self)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles_taggedarticle_items"))
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj: Tag) -> int:
        return obj.article_count

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(
            request
        )

    @admin.action(description="Merge the selected tags into one", permissions=["merge"])
    def merge_tags(self, request, queryset):
        tags = queryset.order_by("-article_count", "name")
        if len(tags) < 2:
            self.message_user(
                request, "Select at least two tags to merge.", messages.WARNING
            )
            return None
        if changeable(request.user, queryset).count() != len(tags):
            self.message_user(
                request,
                f"{ONLY_EDITORS}: a selected tag is on one. Nothing was merged.",
                messages.ERROR,
            )
            return None
        form = MergeTagsForm(
            request.POST if "apply" in request.POST else None,
            tags=tags,
            initial={"keep": tags[0].pk},
        )
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            with transaction.atomic():
                moved = merge_tags(keep, [tag for tag in tags if tag.pk != keep.pk])
                for tag, pks in moved.items():
                    record_for(
                        request.user,
                        Article.objects.filter(pk__in=pks),
                        f"Tag {quoted(tag.name)} merged into {quoted(keep.name)}",
                    )
            self.message_user(
                request,
                f"Merged {plural(len(tags) - 1, 'tag')} into “{keep.name}”.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/taggit/tag/merge_tags.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge tags",
                "opts": self.model._meta,
                "form": form,
                "objects": tags,
                "action": "merge_tags",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def save_model(self, request, obj, form, change):
        stored = Tag.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if stored is None:
            return
        notes = []
        if stored.name != obj.name:
            notes.append(f"Tag {quoted(stored.name)} renamed to {quoted(obj.name)}")
        if stored.slug != obj.slug:
            notes.append(f"Tag address changed from {stored.slug} to {obj.slug}")
        record_for(request.user, articles_showing(obj), "; ".join(notes))

    def delete_model(self, request, obj):
        with transaction.atomic():
            pks = list(articles_showing(obj).values_list("pk", flat=True))
            super().delete_model(request, obj)
            record_for(
                request.user,
                Article.objects.filter(pk__in=pks),
                f"Tag {quoted(obj.name)} removed: the tag was deleted",
            )

    def delete_queryset(self, request, queryset):
        tagged: dict[str, list[int]] = defaultdict(list)
        for name, pk in queryset.values_list(
            "name", "articles_taggedarticle_items__content_object"
        ):
            if pk is not None:
                tagged[name].append(pk)
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for name, pks in tagged.items():
                record_for(
                    request.user,
                    Article.objects.filter(pk__in=pks),
                    f"Tag {quoted(name)} removed: the tag was deleted",
                )
