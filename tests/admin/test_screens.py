"""The editors' desk: what an editor sees and does in the article admin."""

import re
from datetime import timedelta

import pytest
from taggit.models import Tag

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.images.renditions import make_renditions
from articles.models import Article, OldSlug, Photo, PhotoCredit, Section

from ..conftest import (
    make_article,
    make_credit,
    make_image,
    make_link,
    make_photo,
    make_section,
)
from ..desk import ARTICLES, action_data, article_form_data, change_url

pytestmark = pytest.mark.django_db


def headlines_listed(response) -> set[str]:
    return {article.headline for article in response.context["cl"].result_list}


@pytest.fixture
def desk(world):
    """A small desk: live, scheduled, draft and in-review stories."""
    europe = make_section(name="Europe", slug="europe", parent=world)
    photo = make_photo(image=make_image(), alt_text="Idle cranes")
    make_renditions(photo)
    live = make_article(
        headline="Harbour cranes idle as dock workers strike",
        label="REPORT",
        byline="Ana Lima",
        section=europe,
        lead_photo=photo,
        tags=["ports"],
    )
    make_link(live, "A story nobody wrote")
    scheduled = make_article(
        headline="Budget vote set for Friday",
        section=Section.objects.get(slug="politics"),
        published_at=timezone.now() + timedelta(hours=3),
        lead_photo=make_photo(),
    )
    draft = make_article(
        headline="Floods reach the delta",
        dek="Rivers burst their banks overnight.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    review = make_article(
        headline="Rail fares rise again",
        body="Commuters face a third rise.\n\nThe regulator approved it.",
        status=Article.Status.REVIEW,
        published_at=None,
    )
    return {"live": live, "scheduled": scheduled, "draft": draft, "review": review}


class ChangelistTests:
    def test_changelist_shows_label_headline_status_photo_and_unresolved_links(
        self, desk_editor_client, desk
    ):
        response = desk_editor_client.get(ARTICLES)
        assert response.status_code == 200
        assert "admin/change_list.html" in [t.name for t in response.templates]
        html = response.content.decode()
        for column in [
            "story",
            "filed",
            "state",
            "lead_photo_thumbnail",
            "tag_list",
            "is_published",
        ]:
            assert f'class="sortable column-{column}' in html or (
                f'class="column-{column}' in html
            )
        assert '<span class="list-label">REPORT</span>' in html
        assert 'title="Ana Lima">Ana Lima</span>' in html
        assert '<span class="list-state">Scheduled</span>' in html
        assert '<span class="list-state">In review</span>' in html
        assert 'class="photo-thumbnail" src="/media/renditions/' in html
        assert 'title="Credit: Olga Maltseva/AFP via Getty Images">Credit only' in html
        row = html.split("Harbour cranes idle as dock workers strike</a>")[1]
        status = row.split('<td class="field-state">')[1].split("</td>")[0]
        assert '<span class="list-state">Live</span>' in status
        assert '<span class="list-unresolved">1 unresolved link</span>' in status
        assert "Unresolved links (1)" in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("state=draft", {"draft"}),
            ("state=review", {"review"}),
            ("state=scheduled", {"scheduled"}),
            ("state=published", {"live"}),
            ("section=WORLD", {"live", "draft", "review"}),
            ("section=EUROPE", {"live"}),
            ("label=REPORT", {"live"}),
            ("tag=ports", {"live"}),
            ("photo=picture", {"live"}),
            ("photo=credit", {"scheduled"}),
            ("photo=none", {"draft", "review"}),
            ("links=unresolved", {"live"}),
            ("links=resolved", {"scheduled", "draft", "review"}),
            ("published_at__isnull=True", {"draft", "review"}),
            ("q=harbour", {"live"}),
            ("q=banks+overnight", {"draft"}),
            ("q=regulator", {"review"}),
            ("q=ana+lima", {"live"}),
        ],
    )
    def test_every_filter_and_search_narrows_the_list(
        self, desk_editor_client, desk, query, expected
    ):
        query = query.replace("WORLD", str(Section.objects.get(slug="world").pk))
        query = query.replace("EUROPE", str(Section.objects.get(slug="europe").pk))
        response = desk_editor_client.get(f"{ARTICLES}?{query}")
        assert response.status_code == 200
        assert headlines_listed(response) == {desk[name].headline for name in expected}

    def test_date_hierarchy_drills_down_by_publication_day(
        self, desk_editor_client, desk
    ):
        day = desk["live"].published_at
        response = desk_editor_client.get(
            f"{ARTICLES}?published_at__year={day.year}"
            f"&published_at__month={day.month}&published_at__day={day.day}"
        )
        assert desk["live"].headline in headlines_listed(response)
        assert desk["draft"].headline not in headlines_listed(response)

    def test_changelist_query_count_does_not_grow_with_rows(
        self, desk_editor_client, world, django_assert_max_num_queries
    ):
        def add_rows(count: int) -> None:
            for number in range(count):
                photo = make_photo(
                    credit=make_credit(f"Photographer {number}/Reuters"),
                    **(
                        {"image": make_image(), "alt_text": "A picture"}
                        if number % 2
                        else {}
                    ),
                )
                # As the admin's save leaves it: a list that had to make
                # renditions would count that one-off work as its own.
                make_renditions(photo)
                article = make_article(
                    label="UPDATE" if number % 2 else "",
                    section=make_section(parent=world),
                    lead_photo=photo,
                    tags=[f"tag{number}", "common"],
                )
                make_link(article, f"Missing story {number}")

        add_rows(3)
        with CaptureQueriesContext(connection) as few:
            assert desk_editor_client.get(ARTICLES).status_code == 200
        add_rows(30)
        with django_assert_max_num_queries(len(few)) as many:
            response = desk_editor_client.get(ARTICLES)
        assert len(response.context["cl"].result_list) == 33
        assert len(many) == len(few)


class ChangeFormTests:
    def test_change_form_groups_fields_and_documents_the_body(
        self, desk_editor_client, desk
    ):
        response = desk_editor_client.get(change_url(desk["live"]))
        assert response.status_code == 200
        assert "admin/articles/article/change_form.html" in [
            t.name for t in response.templates
        ] or "admin/change_form.html" in [t.name for t in response.templates]
        html = response.content.decode()
        for fieldset in ["Story", "Photo", "Placement", "Publishing", "Source"]:
            assert f">{fieldset}</" in html
        assert "Read Also: Headline of another article" in html
        assert "is a subheading" in html
        # The field's one help text, shown as the list it is, not as markup.
        assert html.count('<div class="body-syntax">') == 1
        assert "&lt;dl&gt;" not in html
        # Autocomplete for the section, the lead photo and link targets.
        for name in ['name="section"', 'name="lead_photo"']:
            tag = html.split(name)[1].split(">")[0]
            assert "admin-autocomplete" in tag
        assert 'data-field-name="target"' in html
        # Imported fields are shown, not editable.
        for name in ["source_id", "source_file", "imported_at"]:
            assert f'name="{name}"' not in html
            assert f"field-{name}" in html

    def test_slug_is_prepopulated_from_the_headline_on_add(self, desk_editor_client):
        html = desk_editor_client.get(f"{ARTICLES}add/").content.decode()
        assert "&quot;id&quot;: &quot;#id_slug&quot;" in html
        assert "&quot;dependency_ids&quot;: [&quot;#id_headline&quot;]" in html

    def test_read_also_points_are_listed_with_their_targets(
        self, desk_editor_client, world
    ):
        target = make_article(headline="Port strike ends")
        article = make_article(
            body="Lede.\n\nRead Also: Port strike ends\n\nRead Also: Unwritten piece"
        )
        article.sync_inline_links()
        html = desk_editor_client.get(change_url(article)).content.decode()
        assert f"Port strike ends → “{target.headline}” (published)" in html
        assert "Unwritten piece → no article with that headline yet" in html

    def test_saving_in_admin_links_read_also_points_and_resolves_waiting_links(
        self, editor_client, world
    ):
        waiting = make_article(headline="Older story")
        make_link(waiting, "Port strike ends")
        target = make_article(headline="Background piece")
        data = article_form_data(
            headline="Port strike ends",
            slug="port-strike-ends",
            body="Lede.\n\nRead Also: Background piece",
            section=world.pk,
        )
        response = editor_client.post(f"{ARTICLES}add/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        article = Article.objects.get(slug="port-strike-ends")
        inline = article.related_links.get()
        assert (inline.placement, inline.title, inline.target) == (
            "inline",
            "Background piece",
            target,
        )
        assert waiting.related_links.get().target == article

    def test_links_after_the_body_are_saved_in_the_order_given(
        self, desk_editor_client, world
    ):
        article = make_article()
        first = make_link(article, "First link")
        second = make_link(article, "Second link")
        other = make_article(headline="Chosen by autocomplete")
        data = article_form_data(
            article,
            links=[
                {"id": first.pk, "order": 3, "title": "First link"},
                {"id": second.pk, "order": 1, "title": "Second link"},
                {"order": 2, "title": "", "target": other.pk},
            ],
        )
        response = desk_editor_client.post(change_url(article), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert [
            (link.position, link.title, link.target)
            for link in article.related_links.order_by("position")
        ] == [
            (0, "Second link", None),
            (1, "Chosen by autocomplete", other),
            (2, "First link", None),
        ]

    def test_a_link_needs_a_title_or_a_target(self, desk_editor_client, world):
        article = make_article()
        data = article_form_data(article, links=[{"order": 1, "url": ""}])
        data["related_links-0-title"] = ""
        data["related_links-0-url"] = "example.org/report"
        response = desk_editor_client.post(change_url(article), data)
        assert response.status_code == 200
        assert "Give the link a title, or pick the article it points at." in (
            response.content.decode()
        )

    def test_publishing_needs_a_body_and_says_so_beside_the_field(
        self, desk_editor_client, world
    ):
        data = article_form_data(
            headline="Empty story", section=world.pk, status="published"
        )
        response = desk_editor_client.post(f"{ARTICLES}add/", data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors["body"] == ["A published article needs a body."]
        assert not Article.objects.filter(headline="Empty story").exists()

    def test_publishing_needs_a_headline_and_a_section(self, desk_editor_client, world):
        data = article_form_data(body="Text.", status="published")
        response = desk_editor_client.post(f"{ARTICLES}add/", data)
        errors = response.context["adminform"].form.errors
        assert "headline" in errors
        assert "section" in errors

    def test_publishing_without_a_time_publishes_now(self, desk_editor_client, world):
        data = article_form_data(
            headline="Quick story", body="Text.", section=world.pk, status="published"
        )
        before = timezone.now()
        response = desk_editor_client.post(f"{ARTICLES}add/", data)
        assert response.status_code == 302
        article = Article.objects.get(headline="Quick story")
        assert article.is_published
        assert before <= article.published_at <= timezone.now()

    def test_a_future_publication_time_schedules_the_article(
        self, desk_editor_client, world
    ):
        data = article_form_data(
            headline="Embargoed story",
            body="Text.",
            section=world.pk,
            status="published",
            published_at_0=(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d"),
            published_at_1="09:00:00",
        )
        assert desk_editor_client.post(f"{ARTICLES}add/", data).status_code == 302
        article = Article.objects.get(headline="Embargoed story")
        assert article.is_scheduled
        assert not Article.objects.published().filter(pk=article.pk).exists()

    def test_slug_change_of_a_published_article_keeps_the_old_address(
        self, desk_editor_client, desk
    ):
        article = desk["live"]
        old_url = article.get_absolute_url()
        data = article_form_data(article, slug="cranes-idle")
        response = desk_editor_client.post(change_url(article), data)
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.slug == "cranes-idle"
        reader = Client()
        response = reader.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == "/europe/cranes-idle/"
        assert reader.get(response["Location"]).status_code == 200
        html = desk_editor_client.get(change_url(article)).content.decode()
        assert "harbour-cranes-idle-as-dock-workers-strike" in html

    def test_saving_keeps_the_exact_publication_time_of_an_import(
        self, desk_editor_client, world
    ):
        imported = timezone.now().replace(microsecond=123456) - timedelta(hours=1)
        article = make_article(published_at=imported)
        data = article_form_data(article, byline="Desk")
        assert desk_editor_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert (article.byline, article.published_at) == ("Desk", imported)

    def test_slug_change_of_a_draft_leaves_no_redirect(self, desk_editor_client, desk):
        draft = desk["draft"]
        data = article_form_data(draft, slug="floods-delta")
        assert desk_editor_client.post(change_url(draft), data).status_code == 302
        assert not OldSlug.objects.exists()

    def test_scheduled_article_appears_to_readers_at_its_time_by_itself(
        self, client, desk, monkeypatch
    ):
        scheduled = desk["scheduled"]
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        later = scheduled.published_at + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        response = client.get(scheduled.get_absolute_url())
        assert response.status_code == 200
        assert scheduled.headline in response.content.decode()

    def test_view_on_site_is_offered_only_for_live_articles(
        self, desk_editor_client, desk
    ):
        live = desk_editor_client.get(change_url(desk["live"])).content.decode()
        assert f'href="{desk["live"].get_absolute_url()}"' in live
        assert "View on site" in live
        draft = desk_editor_client.get(change_url(desk["draft"])).content.decode()
        assert "View on site" not in draft


class ActionTests:
    def test_publish_now_publishes_ready_drafts_and_reports_the_rest(
        self, desk_editor_client, desk
    ):
        review = desk["review"]
        Article.objects.filter(pk=review.pk).update(
            imported_at=timezone.now() - timedelta(days=1)
        )
        empty = make_article(headline="No words yet", body="", status="draft")
        response = desk_editor_client.post(
            ARTICLES, action_data("publish_now", review, empty), follow=True
        )
        html = response.content.decode()
        assert "Published 1 article." in html
        assert "Not published: “No words yet” (A published article needs a body.)" in (
            html
        )
        review.refresh_from_db()
        assert review.is_published
        # The importer must see this as an editor's change.
        assert review.updated_at > review.imported_at
        empty.refresh_from_db()
        assert empty.status == Article.Status.DRAFT

    def test_publish_now_brings_a_scheduled_article_forward(
        self, desk_editor_client, desk
    ):
        desk_editor_client.post(ARTICLES, action_data("publish_now", desk["scheduled"]))
        desk["scheduled"].refresh_from_db()
        assert desk["scheduled"].is_published

    def test_unpublish_takes_articles_off_the_site(self, desk_editor_client, desk):
        url = desk["live"].get_absolute_url()
        response = desk_editor_client.post(
            ARTICLES, action_data("unpublish", desk["live"]), follow=True
        )
        assert "Unpublished 1 article" in response.content.decode()
        desk["live"].refresh_from_db()
        assert desk["live"].status == Article.Status.DRAFT
        assert Client().get(url).status_code == 404

    def test_submit_for_review_moves_drafts_to_the_desk(self, desk_editor_client, desk):
        desk_editor_client.post(
            ARTICLES, action_data("submit_for_review", desk["draft"])
        )
        desk["draft"].refresh_from_db()
        assert desk["draft"].status == Article.Status.REVIEW

    def test_move_to_section_asks_where_then_moves(self, desk_editor_client, desk):
        sport = Section.objects.get(slug="sport")
        chosen = [desk["draft"], desk["review"]]
        page = desk_editor_client.post(
            ARTICLES, action_data("move_to_section", *chosen)
        )
        assert page.status_code == 200
        assert "admin/articles/article/move_to_section.html" in [
            t.name for t in page.templates
        ]
        html = page.content.decode()
        assert desk["draft"].headline in html
        assert "\u2003Europe" in html
        response = desk_editor_client.post(
            ARTICLES,
            action_data("move_to_section", *chosen, apply="Move", section=sport.pk),
            follow=True,
        )
        assert "Moved 2 articles to Sport." in response.content.decode()
        assert set(Article.objects.filter(section=sport)) == set(chosen)

    def test_move_to_section_without_a_choice_asks_again(
        self, desk_editor_client, desk
    ):
        response = desk_editor_client.post(
            ARTICLES, action_data("move_to_section", desk["draft"], apply="Move")
        )
        assert "Pick the section to move the articles to." in response.content.decode()

    def test_resolve_links_again_points_links_at_newly_matching_articles(
        self, desk_editor_client, desk
    ):
        link = desk["live"].related_links.get()
        Article.objects.filter(pk=desk["draft"].pk).update(
            headline="A story nobody wrote", headline_key="astorynobodywrote"
        )
        response = desk_editor_client.post(
            ARTICLES, action_data("resolve_links_again", desk["live"]), follow=True
        )
        assert "1 related link now points at a different article." in (
            response.content.decode()
        )
        link.refresh_from_db()
        assert link.target_id == desk["draft"].pk


class SectionPhotoCreditTests:
    def test_sections_are_listed_as_a_tree_in_menu_order_with_counts(
        self, desk_editor_client, world
    ):
        europe = make_section(name="Europe", slug="europe", parent=world, position=1)
        make_section(name="Asia", slug="asia", parent=world, position=0)
        make_section(name="Baltics", slug="baltics", parent=europe)
        make_article(section=europe)
        make_article(section=europe, status="draft", published_at=None)
        response = desk_editor_client.get("/admin/articles/section/")
        names = [section.name for section in response.context["cl"].result_list]
        assert names[:4] == ["News", "World", "Asia", "Europe"]
        assert names[4] == "Baltics"
        assert names[5] == "Politics"
        html = response.content.decode()
        europe_row = html.split(">Europe</a>")[1].split("</tr>")[0]
        assert '<td class="field-article_count">2</td>' in europe_row
        assert '<td class="field-published_count">1</td>' in europe_row

    def test_photos_show_thumbnails_and_credits(self, desk_editor_client, world):
        make_renditions(
            make_photo(image=make_image(), alt_text="A crane", caption="Cranes")
        )
        make_photo(image=make_image(), alt_text="A ship", caption="New picture")
        make_photo(caption="Wire photo without a picture")
        response = desk_editor_client.get("/admin/articles/photo/")
        html = response.content.decode()
        assert re.search(
            r'class="photo-thumbnail" src="/media/renditions/\w\w/\w+\.jpg" '
            r'alt="A crane" width="48" height="48"',
            html,
        )
        assert "Picture being prepared" in html
        assert "Credit only: Olga Maltseva/AFP via Getty Images" in html
        # Seen on the desk, the new picture has its renditions made.
        html = desk_editor_client.get("/admin/articles/photo/").content.decode()
        assert "Picture being prepared" not in html
        assert 'alt="A ship" width="48"' in html

    def test_uploading_a_photo_without_alt_text_is_refused_with_a_field_error(
        self, desk_editor_client, world
    ):
        response = desk_editor_client.post(
            "/admin/articles/photo/add/",
            {"image": make_image(), "alt_text": "", "caption": "", "credit": ""},
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["alt_text"] == [
            "An uploaded image needs alt text."
        ]
        assert not Photo.objects.exists()

    def test_credits_show_how_many_photos_use_them(self, desk_editor_client, world):
        credit = make_credit("Jane Doe/Reuters")
        make_photo(credit=credit)
        make_photo(credit=credit)
        html = desk_editor_client.get("/admin/articles/photocredit/").content.decode()
        row = html.split(">Jane Doe/Reuters</a>")[1].split("</tr>")[0]
        assert '<td class="field-photo_count">2</td>' in row

    def test_merging_credits_keeps_every_photo_credited(
        self, desk_editor_client, world
    ):
        keep = make_credit("Jane Doe/Reuters")
        duplicate = make_credit("JANE DOE / REUTERS")
        photos = [make_photo(credit=keep), make_photo(credit=duplicate)]
        photos.append(make_photo(credit=duplicate))
        url = "/admin/articles/photocredit/"
        data = {"action": "merge_credits", "_selected_action": [keep.pk, duplicate.pk]}
        page = desk_editor_client.post(url, data)
        assert "admin/articles/photocredit/merge_credits.html" in [
            t.name for t in page.templates
        ]
        assert "Choose the credit line to keep" in page.content.decode()
        response = desk_editor_client.post(
            url, {**data, "apply": "Merge", "keep": keep.pk}, follow=True
        )
        assert "Merged 1 credits into" in response.content.decode()
        assert not PhotoCredit.objects.filter(pk=duplicate.pk).exists()
        for photo in photos:
            photo.refresh_from_db()
            assert photo.credit == keep

        change = desk_editor_client.get(
            f"/admin/articles/photocredit/{keep.pk}/change/"
        )
        assert "wordings merged into this credit" in change.content.decode().lower()
        assert duplicate.key in change.content.decode()

    def test_merging_needs_two_credits(self, desk_editor_client, world):
        credit = make_credit("Jane Doe/Reuters")
        response = desk_editor_client.post(
            "/admin/articles/photocredit/",
            {"action": "merge_credits", "_selected_action": [credit.pk]},
            follow=True,
        )
        assert "Select at least two credits to merge." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        ARTICLES,
        f"{ARTICLES}add/",
        f"{ARTICLES}unresolved-links/",
        "/admin/articles/section/",
        "/admin/articles/section/add/",
        "/admin/articles/photo/",
        "/admin/articles/photo/add/",
        "/admin/articles/photocredit/",
        "/admin/articles/relatedlink/",
    ],
)
def test_every_admin_page_loads_for_a_superuser(editor_client, desk, url):
    assert editor_client.get(url).status_code == 200


class LongSearchTests:
    @pytest.mark.parametrize(
        "url",
        [
            ARTICLES,
            "/admin/articles/photo/",
            "/admin/articles/photocredit/",
            "/admin/articles/relatedlink/",
            "/admin/articles/section/",
            "/admin/taggit/tag/",
        ],
    )
    def test_a_search_of_1200_words_uses_the_first_20_and_says_so(
        self, desk_editor_client, desk, url
    ):
        words = " ".join(["harbour"] + [f"w{i}" for i in range(1199)])
        response = desk_editor_client.get(url, {"q": words})
        assert response.status_code == 200
        assert [str(m) for m in response.context["messages"]] == [
            "Only the first 20 words (at most 300 characters) of the search were "
            "used; the rest was left out."
        ]

    def test_the_words_kept_still_find_articles(self, desk_editor_client, desk):
        words = "harbour cranes " + "idle " * 1000
        response = desk_editor_client.get(ARTICLES, {"q": words})
        assert headlines_listed(response) == {
            "Harbour cranes idle as dock workers strike"
        }

    def test_a_short_search_says_nothing_extra(self, desk_editor_client, desk):
        response = desk_editor_client.get(ARTICLES, {"q": "harbour cranes"})
        assert list(response.context["messages"]) == []

    @pytest.mark.parametrize("url", [ARTICLES, f"{ARTICLES}unresolved-links/"])
    def test_a_60000_character_word_is_cut_not_an_error(
        self, desk_editor_client, desk, url
    ):
        response = desk_editor_client.get(url, {"q": "x" * 60_000})
        assert response.status_code == 200


def test_merging_tags_moves_articles_to_the_tag_kept(desk_editor_client, world):
    both = make_article(tags=["port", "ports"])
    one = make_article(tags=["ports"])
    tags = {tag.name: tag for tag in both.tags.all()}
    data = {"action": "merge_tags", "_selected_action": [t.pk for t in tags.values()]}
    page = desk_editor_client.post("/admin/taggit/tag/", data)
    assert "admin/taggit/tag/merge_tags.html" in [t.name for t in page.templates]
    assert "Choose the tag to keep." in page.content.decode()
    response = desk_editor_client.post(
        "/admin/taggit/tag/",
        {**data, "apply": "Merge", "keep": tags["port"].pk},
        follow=True,
    )
    assert "Merged 1 tag into “port”." in response.content.decode()
    assert [tag.name for tag in both.tags.all()] == ["port"]
    assert [tag.name for tag in one.tags.all()] == ["port"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("!!!", "has no letter or digit"),
        ("Harbour\x1b[31m", "remove it"),
        ("x" * 101, "at most 100 characters"),
    ],
)
def test_renaming_a_tag_meets_the_same_rule_as_tagging_an_article(
    desk_editor_client, name, message
):
    tag = Tag.objects.create(name="Harbour")

    page = desk_editor_client.post(
        f"/admin/taggit/tag/{tag.pk}/change/", {"name": name, "slug": "harbour"}
    )

    assert page.status_code == 200
    assert message in page.content.decode()
    tag.refresh_from_db()
    assert tag.name == "Harbour"
