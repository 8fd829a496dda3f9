"""No lost update: a change form saved after someone else's save is refused.

A change form carries what it showed when it was opened (``opened_state``, a
signed snapshot). Saving compares that with what is stored now, reading the
row under a lock in the save's own transaction. If anyone changed it in
between (another editor, a reporter, an import, an action), the save is
refused and nothing is written: the form comes back with what changed and
who changed it, the other person's values taken into every field the editor
left alone, the editor's own kept where both changed the same field, and a
snapshot of the new state, so that saving again applies exactly what the
editor meant.
"""

import threading
from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace

from taggit.utils import edit_string_for_tags

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from ..models import Article
from ..models.versions import version_author
from .presence import (
    describe_others,
    fingerprint,
    heartbeat_seconds,
    mark_present,
    who_is_present,
)

OPENED_STATE = "opened_state"
_SALT = "articles.admin.opened-state"

State = dict[str, object]


def field_state(obj: models.Model, names: list[str]) -> State:
    """The stored values of ``names`` as plain, comparable data."""
    state: State = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, FieldFile):
            value = value.name or ""
        state[name] = value
    return state


def article_state(article: Article, names: list[str]) -> State:
    """An article as its change form shows it: fields, tags, links after the body."""
    state = field_state(article, [n for n in names if n != "tags"])
    if article.pk is not None:
        state["tags"] = [tag.name for tag in article.tags.all()]
        state["links"] = [
            [link.title, link.target_id, link.url]
            for link in article.links_after_body()
        ]
    return state


class OpenedStateForm(forms.ModelForm):
    """A change form that refuses to overwrite a change made since it was opened.

    ``state_of`` says what the form guards; ``describe_changes`` who changed
    the object since a time. The admin sets both (``NoLostUpdateMixin``).
    """

    opened_state = forms.CharField(widget=forms.HiddenInput, required=False)
    guarded: list[str]
    state_of: Callable[[models.Model], State]
    changed_by: Callable[[models.Model, datetime], list[str]]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            # The snapshot is of what is stored, whatever the form was
            # given to show.
            stored = type(self.instance)._default_manager.filter(pk=self.instance.pk)
            state = self.state_of(stored.first() or self.instance)
            self.initial[OPENED_STATE] = opened_state_token(self.instance, state)
            # For the presence line: what a heartbeat compares with.
            self.instance._opened = (fingerprint(state), timezone.now().isoformat())

    def clean(self) -> dict:
        cleaned = super().clean()
        token = cleaned.get(OPENED_STATE)
        if not token or self.instance.pk is None:
            # An add form, or a post that did not come from a change form.
            return cleaned
        try:
            opened = signing.loads(token, salt=_SALT)
            if opened.get("of") != _identity(self.instance):
                # Signed here, but for another object's form.
                raise signing.BadSignature
        except signing.BadSignature:
            raise forms.ValidationError(
                "This form's record of what it showed is damaged; reload the "
                "page and make your change again.",
                code="bad_opened_state",
            ) from None
        stored = type(self.instance)._default_manager.select_for_update()
        current_object = stored.filter(pk=self.instance.pk).first()
        if current_object is None:
            return cleaned  # deleted meanwhile: the admin says so on save
        current = self.state_of(current_object)
        theirs = {
            name
            for name in current
            if name in opened["state"] and opened["state"][name] != current[name]
        }
        if not theirs:
            return cleaned
        self._refuse(
            current_object,
            opened,
            current,
            theirs,
            datetime.fromisoformat(opened["at"]),
        )
        return cleaned

    def _refuse(
        self,
        current_object: models.Model,
        opened: dict,
        current: State,
        theirs: set[str],
        opened_at: datetime,
    ) -> None:
        mine = self._submitted_state(opened["state"])
        both = {
            name
            for name in theirs
            if mine.get(name, opened["state"][name]) != opened["state"][name]
        }
        data = self.data.copy()
        for name in sorted(theirs - both):
            if name in self.fields:
                value = current[name]
                if name != "tags" and name in {
                    f.name for f in self.instance._meta.concrete_fields
                }:
                    value = getattr(
                        current_object, self.instance._meta.get_field(name).attname
                    )
                _put_value(self, data, name, value, current[name])
        data[self.add_prefix(OPENED_STATE)] = opened_state_token(
            current_object, current
        )
        self.data = data
        who = self.changed_by(current_object, opened_at) or ["someone else"]
        lines = [
            f"{self._label(name)}: now {_shown(current[name])}"
            + (
                " (you changed it too: your version is kept in the form)"
                if name in both
                else ""
            )
            for name in sorted(theirs, key=self._order)
        ]
        raise forms.ValidationError(
            "Not saved: %(who)s changed this since you opened it at %(at)s. "
            "%(changes)s. Their changes are now in the form wherever you had "
            "not changed the same thing; check it and save again.",
            code="changed_since_opened",
            params={
                "who": ", ".join(who),
                "at": timezone.localtime(opened_at).strftime("%H:%M:%S"),
                "changes": "; ".join(lines),
            },
        )

    def _submitted_state(self, opened: State) -> State:
        """What this form would store, as ``state_of`` describes it."""
        mine: State = {}
        for name in opened:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if name == "tags":
                mine[name] = list(value)
                continue
            field = self.instance._meta.get_field(name)
            if isinstance(value, models.Model):
                value = value.pk
            elif isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(field, models.FileField):
                value = opened[name] if not value else getattr(value, "name", value)
            mine[name] = value
        return mine

    def _label(self, name: str) -> str:
        if name == "links":
            return "Links after the body"
        field = self.fields.get(name)
        if field is not None and field.label:
            return str(field.label)
        return str(self.instance._meta.get_field(name).verbose_name).capitalize()

    def _order(self, name: str) -> int:
        names = list(self.fields)
        return names.index(name) if name in names else len(names)


def opened_state_token(obj: models.Model, state: State) -> str:
    """Sign ``obj``'s ``state`` with the time it was read, for a form to carry."""
    return signing.dumps(
        {"of": _identity(obj), "at": timezone.now().isoformat(), "state": state},
        salt=_SALT,
        compress=True,
    )


def _identity(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _shown(value: object) -> str:
    if value in (None, "", []):
        return "empty"
    if isinstance(value, list):
        value = ", ".join(
            str(item[0]) if isinstance(item, list) else str(item) for item in value
        )
    return f"“{Truncator(str(value)).chars(80)}”"


def _put_value(form: forms.Form, data, name: str, value: object, plain: object) -> None:
    """Show ``value`` in ``form``'s field ``name`` as if the editor had typed it."""
    key = form.add_prefix(name)
    if name == "tags":
        data[key] = edit_string_for_tags([SimpleNamespace(name=tag) for tag in plain])
        return
    if form.instance._meta.get_field(name).many_to_one:
        data[key] = "" if plain is None else str(plain)
        return
    field = form.fields[name]
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(field.prepare_value(value))
        for suffix, part_widget, part in zip(
            widget.widgets_names, widget.widgets, parts, strict=True
        ):
            shown = part_widget.format_value(part)
            data[key + suffix] = "" if shown is None else str(shown)
        return
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    shown = widget.format_value(field.prepare_value(value))
    data[key] = "" if shown is None else str(shown)


class NoLostUpdateMixin:
    """Give a ModelAdmin's change form the refusal of ``OpenedStateForm``,
    and a line saying who else has it open.

    The state guarded is every model field the form edits; ``edit_state``
    may add more (an article's tags and links), and ``changed_by`` may say
    who changed an object since a time.
    """

    # The user whose change form is being drawn, for the presence line: a
    # ModelAdmin serves every request of its process, each in its thread.
    _viewer = threading.local()

    def edit_state(self, obj: models.Model, names: list[str]) -> State:
        return field_state(obj, names)

    def changed_by(self, obj: models.Model, since: datetime) -> list[str]:
        return []

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        if not issubclass(base, OpenedStateForm):
            base = type(base.__name__, (OpenedStateForm, base), {})
        form = super().get_form(request, obj, change=change, form=base, **kwargs)
        model_fields = {field.name for field in self.model._meta.get_fields()}
        names = [n for n in form.base_fields if n in model_fields]
        admin = self
        return type(
            form.__name__,
            (form,),
            {
                "guarded": names,
                "state_of": lambda self, target: admin.edit_state(target, names),
                "changed_by": lambda self, target, since: admin.changed_by(
                    target, since
                ),
            },
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(
            OPENED_STATE in options["fields"] for _name, options in fieldsets
        ):
            return fieldsets
        (name, options), *rest = fieldsets
        # The presence line first; the snapshot is hidden, so the admin
        # renders it without a label or a row of its own.
        fields = ["presence", *options["fields"], OPENED_STATE]
        return [(name, {**options, "fields": fields}), *rest]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if obj is None else [*readonly, "presence"]

    @property
    def media(self):
        return super().media + forms.Media(js=["js/desk_presence.js"])

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{opts.app_label}_{opts.model_name}_presence",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._viewer.user = request.user
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="open now")
    def presence(self, obj: models.Model) -> str:
        opened = getattr(obj, "_opened", None)
        if opened is None or obj.pk is None:
            return ""
        others = mark_present(obj, self._viewer.user)
        opts = obj._meta
        return format_html(
            '<div class="desk-presence" aria-live="polite" data-presence-url="{}" '
            'data-fingerprint="{}" data-opened="{}" data-heartbeat="{}">'
            '<span class="presence-others">{}</span> '
            '<strong class="presence-changed" hidden></strong></div>',
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_presence", args=[obj.pk]
            ),
            opened[0],
            opened[1],
            heartbeat_seconds(),
            describe_others(others),
        )

    def presence_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Answer an open form's heartbeat: who else is here, and what changed."""
        if request.method not in {"GET", "POST"}:
            return HttpResponseNotAllowed(["GET", "POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "GET":
            # Asking who is here does not make one present.
            return JsonResponse(
                {"others": describe_others(who_is_present(obj, request.user))}
            )
        others = mark_present(obj, request.user)
        changed = ""
        form = self.get_form(request, obj, change=True)
        if request.POST.get("fingerprint") != fingerprint(
            self.edit_state(obj, form.guarded)
        ):
            try:
                since = datetime.fromisoformat(request.POST.get("opened", ""))
            except ValueError:
                since = timezone.now()
            changed = ", ".join(self.changed_by(obj, since) or ["someone else"])
        return JsonResponse({"others": describe_others(others), "changed": changed})


def history_authors(article: Article, since: datetime) -> list[str]:
    """Who changed ``article`` after ``since``, by its History, in order."""
    names: list[str] = []
    rows = (
        article.history.filter(history_date__gt=since)
        .select_related("history_user")
        .order_by("history_date")
    )
    for row in rows:
        name = version_author(row)
        if row.history_user is None and name == "the importer":
            name = f"{name} ({row.history_change_reason})"
        if name not in names:
            names.append(name)
    return names
