"""No admin path lets a reporter change what readers of a live article see.

The walk takes every URL and action the admin registers for the app (and
taggit's tags), sends each, by GET and by POST, as a reporter against a
published and a scheduled article and everything their pages show, and
checks that readers would see nothing new. The same request from an editor
must change what readers see wherever an editor may, so no request here is
too broken to have done harm. A URL the walk does not know fails the test.
"""

from datetime import timedelta

import pytest

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.utils import timezone

from articles.access import ONLY_EDITORS
from articles.models import Article, RelatedLink, Section

from ..conftest import (
    make_article,
    make_credit,
    make_desk_user,
    make_image,
    make_link,
    make_photo,
)
from ..desk import article_form_data

pytestmark = pytest.mark.django_db

WALKED_APPS = {"articles", "taggit"}
# Each route the admin registers, by kind, and the address it has for an object.
ROUTES = {
    "": ("changelist", ""),
    "add/": ("add", "add/"),
    "<path:object_id>/": ("redirect", "{pk}/"),
    "<path:object_id>/change/": ("change", "{pk}/change/"),
    "<path:object_id>/delete/": ("delete", "{pk}/delete/"),
    "<path:object_id>/history/": ("history", "{pk}/history/"),
    "^([^/]+)/history/([^/]+)/$": ("version", "{pk}/history/{version}/"),
    "unresolved-links/": ("unresolved", "unresolved-links/"),
    "<path:object_id>/presence/": ("presence", "{pk}/presence/"),
    "preview/": ("preview", "preview/?text=Someone+Else%2FReuters"),
    "preview-body/": ("body preview", "preview-body/"),
    "licences/": ("licence report", "licences/?format=csv"),
    "picker/": (
        "picker",
        "picker/?app_label=articles&model_name=article&field_name=lead_photo",
    ),
}
# What a page that refuses a reporter says, when it is not a 403.
REFUSALS = ("Only editors can", "No action selected.", "left for an editor")


def registered() -> list[tuple[str, str]]:
    """Every (model, route) the admin serves for the walked apps."""
    return sorted(
        (model._meta.model_name, str(url.pattern))
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in WALKED_APPS
        for url in model_admin.get_urls()
    )


def registered_actions() -> list[tuple[str, str]]:
    request = RequestFactory().get("/admin/")
    # An unsaved superuser is allowed everything without a database.
    request.user = get_user_model()(is_superuser=True, is_active=True)
    return sorted(
        (model._meta.model_name, name)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in WALKED_APPS
        for name in model_admin.get_actions(request)
    )


# What an editor's request does to what readers see; the walk checks both ways.
EDITOR_CHANGES = {
    ("article", "change"),
    ("article", "delete"),
    ("article", "version"),
    ("article", "point"),
    ("relatedlink", "add"),
    ("relatedlink", "change"),
    ("relatedlink", "delete"),
    ("photo", "change"),
    ("photo", "delete"),
    ("photocredit", "change"),
    ("section", "change"),
    ("tag", "change"),
    ("tag", "delete"),
    # Actions
    ("article", "publish_now"),
    ("article", "unpublish"),
    ("article", "move_to_section"),
    ("article", "resolve_links_again"),
    ("article", "delete_selected"),
    ("relatedlink", "delete_selected"),
    ("photo", "delete_selected"),
    ("photocredit", "merge_credits"),
    ("tag", "merge_tags"),
    ("tag", "delete_selected"),
}
HOSTILE = {
    "article": {"headline": "Rewritten by a reporter"},
    "relatedlink": {
        "title": "Read this instead",
        "url": "https://evil.example/added",
        "target": "",
    },
    "photo": {"caption": "Changed by a reporter", "alt_text": "Changed too"},
    "photocredit": {"text": "Someone Else/Reuters", "creator": "Someone Else"},
    "section": {"name": "Hijacked"},
    "tag": {"name": "hijacked"},
}


@pytest.fixture
def newsroom(world):
    """A published and a scheduled article, each with all a reader sees."""
    pointed_elsewhere = make_article(headline="Dock talks resume")
    make_article(headline="Port strike ends")
    live = make_article(
        headline="Harbour cranes idle",
        body="Dock workers walked out.\n\nRead Also: Ferry fares rise",
        lead_photo=make_photo(
            image=make_image(),
            alt_text="Idle cranes",
            caption="Cranes at dawn",
            credit=make_credit("Jane Doe/Reuters"),
        ),
        tags=["ports"],
    )
    live.sync_inline_links()
    # Pointed by hand at another article; "resolve again" would undo that.
    make_link(live, "Port strike ends", target=pointed_elsewhere)
    make_link(live, "A story nobody wrote")
    # An older version to restore.
    live.headline = "Harbour cranes idle for a week"
    live.save()
    scheduled = make_article(
        headline="Budget vote set for Friday",
        section=Section.objects.get(slug="politics"),
        published_at=timezone.now() + timedelta(hours=3),
        lead_photo=make_photo(caption="The chamber"),
        tags=["budget"],
    )
    make_link(scheduled, "Official results", url="https://example.org/results")
    make_link(scheduled, "A story nobody wrote")
    scheduled.headline = "Budget vote set for Friday night"
    scheduled.save()
    draft = make_article(
        headline="Council meets tonight", status="draft", published_at=None
    )
    make_link(draft, "A story nobody wrote")
    return {"live": live, "scheduled": scheduled}


def objects_of(model_name: str, article: Article) -> object:
    """The object of ``model_name`` that ``article``'s readers see."""
    article.refresh_from_db()
    return {
        "article": article,
        "relatedlink": article.related_links.order_by("position").last(),
        "photo": article.lead_photo,
        "photocredit": article.lead_photo.credit,
        "section": article.section,
        "tag": article.tags.first(),
    }[model_name]


def what_readers_see() -> list:
    """Everything the pages of published and scheduled articles show."""
    seen = []
    for article in Article.objects.reader_facing().for_page().order_by("pk"):
        photo = article.lead_photo
        seen.append(
            {
                "article": [
                    getattr(article, name)
                    for name in [
                        "pk",
                        "headline",
                        "label",
                        "dek",
                        "body",
                        "byline",
                        "slug",
                        "published_at",
                    ]
                ],
                "section": (article.section.name, article.section.slug),
                "tags": sorted((tag.name, tag.slug) for tag in article.tags.all()),
                "links": sorted(
                    (
                        link.placement,
                        link.position,
                        link.href,
                        link.target.headline if link.href and link.target else "",
                        link.title,
                    )
                    for link in article.related_links.all()
                ),
                "photo": photo
                and (
                    photo.pk,
                    photo.image.name,
                    photo.caption,
                    photo.alt_text,
                    photo.credit and photo.credit.display,
                ),
            }
        )
    return seen


def form_data(response) -> dict:
    """Return what a browser would post back from an admin form page."""
    forms_on_page = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        forms_on_page += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms_on_page:
        for name, field in form.fields.items():
            key, value, widget = form.add_prefix(name), form[name].value(), field.widget
            if isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for index, part in enumerate(parts):
                    data[f"{key}_{index}"] = "" if part is None else str(part)
            elif isinstance(widget, forms.CheckboxInput):
                if value:
                    data[key] = "on"
            elif not isinstance(field, forms.FileField):
                formatted = widget.format_value(value)
                data[key] = "" if formatted is None else formatted
    return data


def admin_url(model_name: str, route: str, obj=None, version: int = 0) -> str:
    app = "taggit" if model_name == "tag" else "articles"
    path = ROUTES[route][1].format(pk=getattr(obj, "pk", ""), version=version)
    return f"/admin/{app}/{model_name}/{path}"


def post_data(kind: str, model_name: str, url: str, obj, editor: Client) -> list:
    """The POSTs a hostile reporter would try on ``url``."""
    if kind in {"change", "add", "version"}:
        data = {**form_data(editor.get(url)), **HOSTILE[model_name]}
        if model_name == "relatedlink" and kind == "add":
            data.update(article=obj.article_id, placement="after", position=9)
        return [(kind, data)]
    if kind == "delete":
        return [(kind, {"post": "yes"})]
    if kind == "unresolved":
        key = (
            RelatedLink.objects.unresolved()
            .get(title="A story nobody wrote", article=obj.article_id)
            .title_key
        )
        target = Article.objects.get(headline="Port strike ends")
        common = {"prefix": "t", "t-key": key}
        return [
            ("point", {**common, "t-target": target.pk, "point": "Point"}),
            ("create", {**common, "create": "Create"}),
        ]
    return [(kind, {})]


def assert_refused(response, action: str = "") -> None:
    """Check the reporter got a 403, a refusal in words, or no such action."""
    if response.status_code == 403:
        return
    assert response.status_code in {200, 302}, response.status_code
    offered = response.context and response.context.get("action_form")
    if action and (
        offered is None or action not in dict(offered.fields["action"].choices)
    ):
        return
    html = response.content.decode()
    assert any(refusal in html for refusal in REFUSALS), html[:2000]


@pytest.mark.parametrize("which", ["live", "scheduled"])
@pytest.mark.parametrize(("model_name", "route"), registered())
def test_no_admin_url_lets_a_reporter_change_what_readers_see(
    newsroom, model_name, route, which
):
    assert route in ROUTES, f"Walk the new admin URL {route!r} of {model_name}"
    kind = ROUTES[route][0]
    reporter, editor = Client(), Client()
    reporter.force_login(make_desk_user("Reporter"))
    editor.force_login(make_desk_user("Editor"))
    article = newsroom[which]
    obj = objects_of(model_name, article)
    version = article.history.earliest().history_id
    url = admin_url(model_name, route, obj, version)
    if kind == "unresolved":
        obj = article.related_links.get(title="A story nobody wrote")
    before = what_readers_see()

    response = reporter.get(url)
    assert response.status_code in {200, 302, 403, 405}
    assert what_readers_see() == before

    for effect, data in post_data(kind, model_name, url, obj, editor):
        response = reporter.post(url, data, follow=True)
        assert what_readers_see() == before, f"{effect} by a reporter"
        editor_changes = (model_name, effect) in EDITOR_CHANGES
        if editor_changes:
            assert_refused(response)
        editor.post(url, data)
        changed = what_readers_see() != before
        assert changed == editor_changes, f"{effect} by an editor"
        before = what_readers_see()


def action_data(model_name: str, action: str, newsroom) -> dict:
    selected = [objects_of(model_name, article) for article in newsroom.values()]
    return {
        "action": action,
        "_selected_action": [str(obj.pk) for obj in selected],
        "post": "yes",
        "apply": "yes",
        "keep": selected[0].pk,
        "section": Section.objects.get(slug="sport").pk,
    }


@pytest.mark.parametrize(("model_name", "action"), registered_actions())
def test_no_admin_action_lets_a_reporter_change_what_readers_see(
    newsroom, model_name, action
):
    reporter, editor = Client(), Client()
    reporter.force_login(make_desk_user("Reporter"))
    editor.force_login(make_desk_user("Editor"))
    url = admin_url(model_name, "")
    data = action_data(model_name, action, newsroom)
    before = what_readers_see()

    response = reporter.post(url, data, follow=True)

    assert what_readers_see() == before
    editor_changes = (model_name, action) in EDITOR_CHANGES
    if editor_changes:
        assert_refused(response, action)
    editor.post(url, data)
    assert (what_readers_see() != before) == editor_changes


def test_the_walk_covers_every_url_and_action_the_app_registers():
    models = {model for model, _route in registered()}
    assert models == {
        "article",
        "relatedlink",
        "photo",
        "photocredit",
        "section",
        "tag",
    }
    assert {("article", "unresolved-links/"), ("article", "add/")} <= set(registered())
    assert {("photocredit", "merge_credits"), ("tag", "merge_tags")} <= set(
        registered_actions()
    )
    assert ONLY_EDITORS.startswith(REFUSALS[0])


def test_a_reporter_is_offered_only_draft_articles_for_a_new_link(
    reporter_client, newsroom
):
    response = reporter_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "relatedlink",
            "field_name": "article",
            "term": "",
        },
    )
    offered = {result["text"] for result in response.json()["results"]}
    assert offered == {"Council meets tonight"}


def latest_note(article: Article) -> tuple[str, str]:
    """Who made the latest change in the article's History, and why."""
    record = article.history.order_by("-history_date", "-history_id").first()
    user = record.history_user.get_username() if record.history_user else ""
    return user, record.history_change_reason


class HistoryTests:
    """Every change to what readers see appears in the article's History."""

    @pytest.fixture
    def editor(self, client):
        user = make_desk_user("Editor", username="edna")
        client.force_login(user)
        return client

    @pytest.fixture
    def live(self, world):
        photo = make_photo(caption="Cranes", credit=make_credit("Jane Doe/Reuters"))
        article = make_article(
            headline="Harbour cranes idle", lead_photo=photo, tags=["ports"]
        )
        make_link(article, "Port strike ends")
        return article

    def test_link_added_changed_and_removed_in_the_link_admin(self, editor, live):
        url = "/admin/articles/relatedlink/"
        data = {"article": live.pk, "placement": "after", "position": 3}
        editor.post(f"{url}add/", {**data, "title": "Tariffs", "url": "x.example"})
        assert latest_note(live) == (
            "edna",
            "Link “Tariffs” added, to “https://x.example”",
        )
        link = live.related_links.get(title="Tariffs")
        target = make_article(headline="Tariffs rise")
        editor.post(
            f"{url}{link.pk}/change/", {**data, "title": "Tariffs", "target": target.pk}
        )
        assert latest_note(live) == (
            "edna",
            "Link “Tariffs” retargeted to “Tariffs rise”",
        )
        editor.post(f"{url}{link.pk}/delete/", {"post": "yes"})
        assert latest_note(live) == ("edna", "Link “Tariffs” removed")
        links = [str(pk) for pk in live.related_links.values_list("pk", flat=True)]
        editor.post(
            url, {"action": "delete_selected", "_selected_action": links, "post": "yes"}
        )
        assert latest_note(live) == ("edna", "Link “Port strike ends” removed")

    def test_lead_photo_changed_or_deleted(self, editor, live):
        url = f"/admin/articles/photo/{live.lead_photo_id}/"
        editor.post(
            f"{url}change/",
            {"caption": "Cranes at dawn", "alt_text": "", "credit": ""},
        )
        assert latest_note(live) == ("edna", "Lead photo caption and credit changed")
        editor.post(f"{url}delete/", {"post": "yes"})
        assert latest_note(live) == ("edna", "Lead photo deleted")
        assert live.history.first().lead_photo_id is None

    def test_credit_changed_or_merged(self, editor, live):
        credit = live.lead_photo.credit
        editor.post(
            f"/admin/articles/photocredit/{credit.pk}/change/",
            {
                "text": "John Roe/Reuters",
                "creator": "John Roe",
                "agency": "Reuters",
                "aliases-TOTAL_FORMS": 0,
                "aliases-INITIAL_FORMS": 0,
            },
        )
        assert latest_note(live) == (
            "edna",
            "Lead photo credit changed from “Jane Doe/Reuters” to “John Roe/Reuters”",
        )
        keep = make_credit("John Roe/AP")
        editor.post(
            "/admin/articles/photocredit/",
            {
                "action": "merge_credits",
                "_selected_action": [credit.pk, keep.pk],
                "apply": "Merge",
                "keep": keep.pk,
            },
        )
        assert latest_note(live) == (
            "edna",
            "Lead photo credit “John Roe/Reuters” merged into “John Roe/AP”",
        )

    def test_point_button_and_resolving_again(self, editor, live):
        target = make_article(headline="The strike is over")
        link = live.related_links.get()
        editor.post(
            "/admin/articles/article/unresolved-links/",
            {"prefix": "t", "t-key": link.title_key, "t-target": target.pk},
        )
        assert latest_note(live) == (
            "edna",
            "Link “Port strike ends” retargeted to “The strike is over” "
            "(unresolved-links desk)",
        )
        make_article(headline="Port strike ends")
        editor.post(
            "/admin/articles/article/",
            {"action": "resolve_links_again", "_selected_action": [live.pk]},
        )
        assert latest_note(live) == (
            "edna",
            "Link “Port strike ends” retargeted to “Port strike ends” (resolved again)",
        )

    def test_a_new_article_that_a_live_link_names(self, editor, live):
        editor.post(
            "/admin/articles/article/add/",
            {
                **article_form_data(),
                "headline": "Port strike ends",
                "body": "Over.",
                "section": live.section_id,
            },
        )
        assert latest_note(live) == (
            "edna",
            "Link “Port strike ends” retargeted to “Port strike ends” "
            "(its headline matched)",
        )

    def test_a_deleted_target_leaves_a_note_on_the_articles_linking_to_it(
        self, editor, live
    ):
        target = make_article(headline="Port strike ends")
        live.related_links.update(target=target)
        editor.post(f"/admin/articles/article/{target.pk}/delete/", {"post": "yes"})
        assert latest_note(live) == (
            "edna",
            "Link “Port strike ends” retargeted to no article (shown as text) "
            "(its article was deleted)",
        )

    def test_tags_renamed_merged_deleted_and_changed_in_the_form(self, editor, live):
        tag = live.tags.get()
        url = "/admin/taggit/tag/"
        editor.post(f"{url}{tag.pk}/change/", {"name": "Ports", "slug": tag.slug})
        assert latest_note(live) == ("edna", "Tag “ports” renamed to “Ports”")
        other = make_article(tags=["harbours"]).tags.get()
        editor.post(
            url,
            {
                "action": "merge_tags",
                "_selected_action": [tag.pk, other.pk],
                "apply": "Merge",
                "keep": tag.pk,
            },
        )
        assert list(other.__class__.objects.values_list("name", flat=True)) == ["Ports"]
        assert latest_note(Article.objects.exclude(pk=live.pk).latest("pk")) == (
            "edna",
            "Tag “harbours” merged into “Ports”",
        )
        editor.post(f"{url}{tag.pk}/delete/", {"post": "yes"})
        assert latest_note(live) == ("edna", "Tag “Ports” removed: the tag was deleted")
        live.refresh_from_db()
        editor.post(
            f"/admin/articles/article/{live.pk}/change/",
            article_form_data(live, tags="docks, strikes"),
        )
        assert latest_note(live) == ("edna", "Tags added: “docks”, “strikes”")

    def test_section_renamed(self, editor, live):
        section = live.section
        editor.post(
            f"/admin/articles/section/{section.pk}/change/",
            {
                "name": "Worldwide",
                "slug": section.slug,
                "position": section.position,
                "show_in_navigation": "on",
            },
        )
        assert latest_note(live) == (
            "edna",
            "Section renamed from “World” to “Worldwide”",
        )

    def test_the_history_page_shows_who_and_why(self, editor, live):
        live.related_links.all().delete()
        Article.objects.filter(pk=live.pk).record_change(
            make_desk_user("Editor", first_name="Edna", last_name="Editor"),
            "Link “Port strike ends” removed",
        )
        html = editor.get(f"/admin/articles/article/{live.pk}/history/").content
        html = html.decode()
        assert "Edna Editor" in html
        assert "Link “Port strike ends” removed" in html

    def test_a_long_reason_is_cut_to_fit_the_history(self, live):
        Article.objects.filter(pk=live.pk).record_change(None, "x" * 500)
        assert len(live.history.first().history_change_reason) == 100
