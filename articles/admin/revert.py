"""The screen that restores an earlier version of an article.

It lists what restoring changes (the words, tags, photo and links, with
their differences) and what it keeps (status, publication time, address and
section), and restores the words only. Restoring the state too is a tick of
its own; when that would take a live story offline, reschedule it or move
it, the page says so in words and a second tick confirms it. The rules are
``articles.models.reverts.Revert``'s; who may do what is ``articles.access``'s.
"""

from django import forms
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ..access import may_publish
from ..models import Article
from ..models.reverts import Difference, Revert, when
from .common import join_words, photo_thumbnail
from .concurrency import history_authors
from .history import (
    ArticleChangeHelper,
    link_text,
    links_naming,
    retargets_recorded,
    text_diff,
)


def latest_version_id(article: Article) -> int | None:
    """The newest row of ``article``'s History: any change adds one."""
    return (
        article.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


class RevertForm(forms.Form):
    """What the desk confirms to restore a version: its state too, and what that does.

    ``seen`` is the newest version when the page was opened: a change made
    since refuses the revert, whose lists would be out of date. A tick
    confirms the consequences the page showed (``consequences_seen``), not
    whatever they have become since.
    """

    restore_state = forms.BooleanField(
        required=False,
        label="Also restore this version's status, publication time, address "
        "and section",
    )
    confirm = forms.BooleanField(
        required=False, label="Yes, do this to the story's readers"
    )
    seen = forms.IntegerField(widget=forms.HiddenInput)
    consequences_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, revert: Revert, can_publish: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.revert = revert
        self.can_publish = can_publish
        self.state_fields: list[str] = []
        self.fields["seen"].initial = latest_version_id(revert.article)
        self.fields["consequences_seen"].initial = revert.consequences_digest(
            self.offered_state
        )
        if not self.offered_state:
            del self.fields["restore_state"]
        if not revert.consequences(self.offered_state):
            del self.fields["confirm"]

    @property
    def offered_state(self) -> list[str]:
        """The state fields this user may restore: an editor's all of them."""
        names = [difference.name for difference in self.revert.state]
        # Only editors set publication times (access.hold_publication).
        return names if self.can_publish else [n for n in names if n != "published_at"]

    def clean(self) -> dict:
        cleaned = super().clean()
        revert = self.revert
        if "seen" in cleaned and cleaned["seen"] != latest_version_id(revert.article):
            self._start_again()
            raise forms.ValidationError(
                "Not restored: %(who)s changed this story since you opened this "
                "page. The lists below show what restoring would change now; "
                "check them and restore again.",
                code="changed_since_opened",
                params={"who": join_words(self._changed_by(cleaned["seen"]))},
            )
        state = self.offered_state if cleaned.get("restore_state") else []
        if (
            state
            and not self.can_publish
            and revert.restored.status == Article.Status.PUBLISHED
        ):
            self.add_error(
                "restore_state",
                "Only editors can publish or schedule, and this version was "
                "published: untick this to restore its words only.",
            )
            return cleaned
        if consequences := revert.consequences(state):
            if cleaned.get("consequences_seen") != revert.consequences_digest(state):
                self._start_again()
                self.add_error(
                    "confirm",
                    "What restoring the state does has changed since you opened "
                    "this page: read it again and confirm.",
                )
            elif not cleaned.get("confirm"):
                self.add_error(
                    "confirm",
                    "Not restored: tick this to confirm. " + " ".join(consequences),
                )
        if problems := revert.problems(state):
            raise forms.ValidationError(
                "Not restored: the story would stay published without what "
                "readers need. %(problems)s",
                code="publication_problems",
                params={"problems": " ".join(problems.values())},
            )
        if not revert.content and not state:
            raise forms.ValidationError(
                "Nothing to restore: the words of this version are the current "
                "ones, and its state was not asked for.",
                code="nothing_to_restore",
            )
        self.state_fields = state
        return cleaned

    def _start_again(self) -> None:
        """Show the page as it is now: new lists, and no tick given for old ones."""
        data = self.data.copy()
        data[self.add_prefix("seen")] = latest_version_id(self.revert.article)
        data[self.add_prefix("consequences_seen")] = self.revert.consequences_digest(
            self.offered_state
        )
        data.pop(self.add_prefix("confirm"), None)
        self.data = data

    def _changed_by(self, seen: int) -> list[str]:
        article = self.revert.article
        opened = article.history.filter(history_id=seen).first()
        names = history_authors(article, opened.history_date) if opened else []
        return names or ["someone else"]


def shown(difference: Difference, value: object) -> str:
    """Show one side of a difference as the desk reads it."""
    if difference.name == "status":
        return Article.Status(value).label
    if difference.name == "published_at":
        return when(value) if value else "not set"
    if difference.name == "lead_photo":
        if value is None:
            return "no photo"
        return format_html(
            "{} {}", photo_thumbnail(value), value.caption or f"photo {value.pk}"
        )
    if difference.name == "tags":
        return ", ".join(value) or "no tags"
    if value in ("", None):
        return "empty"
    return str(value)


def difference_rows(revert: Revert) -> list[dict]:
    """The content differences of ``revert`` as the confirm page lists them."""
    links = [*revert.links, *_now_links(revert)]
    targets = {link["target"] for link in links} - {None}
    headlines = dict(
        Article.objects.filter(pk__in=targets).values_list("pk", "headline")
    )
    rows = []
    for difference in revert.content:
        row = {"label": difference.label, "name": difference.name}
        if difference.name in ArticleChangeHelper.long_text_fields:
            row["diff"] = text_diff(difference.current, difference.restored)
        elif difference.name == "links":
            row["old"], row["new"] = (
                _link_list(side, headlines)
                for side in (difference.current, difference.restored)
            )
        else:
            row["old"] = shown(difference, difference.current)
            row["new"] = shown(difference, difference.restored)
            if difference.name == "tags" and revert.new_tag_names:
                row["note"] = (
                    f"No tag is named {join_words(revert.new_tag_names)} now: "
                    "restoring creates it."
                )
        rows.append(row)
    return rows


def _now_links(revert: Revert) -> list[dict]:
    for difference in revert.content:
        if difference.name == "links":
            return difference.current
    return []


def _link_list(links: list[dict], headlines: dict[int, str]) -> SafeString:
    if not links:
        return mark_safe("none")
    return format_html(
        "<ol>{}</ol>",
        format_html_join(
            "", "<li>{}</li>", ((link_text(link, headlines),) for link in links)
        ),
    )


def state_rows(revert: Revert, offered: list[str]) -> list[dict]:
    """The article's state: what stays, and what the version's would be."""
    article = revert.article
    differences = {difference.name: difference for difference in revert.state}
    rows = []
    for name, label, current in [
        ("status", "Status", article.status),
        ("published_at", "Publication time", article.published_at),
        ("slug", "Address", article.slug),
        ("section", "Section", article.section),
    ]:
        difference = differences.get(name) or Difference(name, label, current, current)
        row = {"label": label, "current": shown(difference, current)}
        if name == "slug":
            row["current"] = article.get_absolute_url()
        if name in differences:
            row["restored"] = shown(difference, difference.restored)
            if name not in offered:
                row["note"] = "kept: only editors set publication times"
        rows.append(row)
    return rows


def revert_view(
    model_admin, request: HttpRequest, object_id: str, version_id: str, context=None
) -> HttpResponse:
    """Show what restoring a version changes and keeps; restore it on confirmation."""
    article = model_admin.get_object(request, object_id)
    if article is None or not version_id.isdigit():
        raise Http404("No such article or version.")
    if not model_admin.has_view_history_or_change_history_permission(request, article):
        raise PermissionDenied
    version = get_object_or_404(
        article.history.select_related("history_user"), history_id=version_id
    )
    may_revert = model_admin.has_change_permission(request, article)
    can_publish = may_publish(request.user)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    if request.method == "POST":
        with transaction.atomic():
            # Asked, read and written under one lock: what the desk confirms
            # is what is stored, and who may change it is decided on that.
            locked = Article.objects.select_for_update().get(pk=article.pk)
            if not model_admin.has_change_permission(request, locked):
                raise PermissionDenied
            revert = Revert(locked, version)
            form = RevertForm(request.POST, revert=revert, can_publish=can_publish)
            if form.is_valid():
                revert.apply(form.state_fields, user=request.user)
                with retargets_recorded(
                    request.user, links_naming(locked), "its headline matched"
                ):
                    locked.resolve_links_naming_it()
                model_admin.log_change(
                    request, locked, revert.reason(form.state_fields)
                )
                model_admin.message_user(
                    request, _restored_message(revert, form.state_fields)
                )
                return HttpResponseRedirect(change_url)
    else:
        revert = Revert(article, version)
        form = RevertForm(revert=revert, can_publish=can_publish)
    opts = Article._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Restore an earlier version of “{article}”",
        "subtitle": None,
        "opts": opts,
        "app_label": opts.app_label,
        "original": article,
        "version": version,
        "version_author": revert.version_author,
        "version_time": when(version.history_date),
        "revert": revert,
        "content_rows": difference_rows(revert),
        "state_rows": state_rows(revert, form.offered_state),
        "consequences": revert.consequences(form.offered_state),
        # The admin's name for a page's form, which its tools look for.
        "adminform": helpers.AdminForm(form, [(None, {"fields": []})], {}),
        "form": form,
        "may_revert": may_revert,
        "change_url": change_url,
        "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        **(context or {}),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, model_admin.object_history_form_template, context)


def _restored_message(revert: Revert, state: list[str]) -> str:
    restored = [d.label.lower() for d in revert.content]
    if state:
        restored += [d.label.lower() for d in revert.state if d.name in state]
    message = (
        f"Restored the version of {when(revert.version.history_date)}: "
        f"{join_words(restored)}."
    )
    if not state:
        message += " Status, publication time, address and section stay as they were."
    return message
