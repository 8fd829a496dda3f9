import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from taggit.models import Tag

from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.defaults import server_error

from articles.images.renditions import make_renditions
from articles.models import Article, Photo, Section, TaggedArticle

from .conftest import make_article, make_credit, make_image, make_link, make_section

pytestmark = pytest.mark.django_db

SEED_LIKE_BODY = (
    "Russia is reportedly recruiting prisoners to fight its war in Ukraine.\n\n"
    "## Russia's Recruitment of Prisoners\n\n"
    "Convicts were offered promises of freedom.\n\n"
    "Read Also: Russia Launches Iranian Satellite Into Space\n\n"
    "The latest assessments suggest heavy losses."
)


def make_seed_like_article(**overrides) -> Article:
    """An article shaped like an imported seed: no dek, the lede leads the body."""
    photo = Photo.objects.create(credit=make_credit())
    fields = {
        "headline": "Russia Recruiting Prisoners To Fight in Ukraine War",
        "label": "REPORT",
        "dek": "",
        "body": SEED_LIKE_BODY,
        "lead_photo": photo,
        "byline": "Staff Reporter",
    }
    fields.update(overrides)
    article = make_article(**fields)
    article.sync_inline_links()
    return article


def page_text(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def structured_data(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.fixture
def travel(monkeypatch):
    """Move the clock forward, as if the reader came back later."""

    def to(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return to


class HomePageTests:
    def test_home_shows_the_lead_story_with_its_photo_credit(self, client, world):
        make_article(headline="Older story", published_at=timezone.now() - timedelta(2))
        lead = make_seed_like_article()

        response = client.get("/")

        assert response.status_code == 200
        assert "articles/article_list.html" in template_names(response)
        html = response.content.decode()
        lead_html = html[html.index('class="lead-story') : html.index("section-groups")]
        assert lead.headline in lead_html
        assert f'href="{lead.get_absolute_url()}"' in lead_html
        assert "REPORT" in lead_html
        assert "Photo: Olga Maltseva/AFP via Getty Images" in lead_html
        assert "Older story" not in lead_html

    def test_lead_photo_with_an_image_is_shown_with_its_size_and_alt_text(
        self, client, world
    ):
        photo = Photo.objects.create(
            image=make_image(size=(640, 480)),
            alt_text="Cranes over an empty quay",
            credit=make_credit("REUTERS/Jane Doe"),
        )
        make_renditions(photo)
        make_article(lead_photo=photo)

        html = client.get("/").content.decode()

        # The lead story shows the 16:9 crop, fetched first.
        assert re.search(
            r'<img src="/media/renditions/[^"]+\.jpg" srcset="[^"]+ 640w" '
            r'sizes="[^"]+" width="640" height="360" '
            r'alt="Cranes over an empty quay" fetchpriority="high"',
            html,
        )
        assert "/media/photos/" not in html
        assert "Photo: Jane Doe/Reuters" in html

    def test_latest_articles_are_grouped_by_section_in_menu_order(self, client, world):
        politics = Section.objects.get(slug="politics")
        europe = make_section(name="Europe", slug="europe", parent=world)
        make_article(headline="Budget passes", section=politics)
        make_article(headline="Alpine pass reopens", section=europe)
        make_article(headline="Ceasefire talks resume", section=world)
        make_article(headline="Lead story of the day")

        response = client.get("/")

        text = page_text(response)
        world_part = text[text.index("World Ceasefire") : text.index("More from World")]
        assert "Ceasefire talks resume" in world_part
        # Europe sits under World, so its article is listed there.
        assert "Alpine pass reopens" in world_part
        assert text.index("More from World") < text.index("Politics Budget passes")

    def test_each_section_lists_only_its_newest_articles(self, client, world):
        for hours in range(1, 8):
            make_article(
                headline=f"World story {hours} hours old",
                published_at=timezone.now() - timedelta(hours=hours),
            )
        text = page_text(client.get("/"))
        # The newest is the lead story; the next four fill the World group.
        for hours in range(1, 6):
            assert f"World story {hours} hours old" in text
        assert "World story 6 hours old" not in text
        assert "More from World" in text

    def test_drafts_and_scheduled_articles_stay_off_the_home_page(self, client, world):
        make_article(headline="Draft about harbour", status=Article.Status.DRAFT)
        make_article(
            headline="Embargoed budget story",
            published_at=timezone.now() + timedelta(hours=3),
        )
        text = page_text(client.get("/"))
        assert "Draft about harbour" not in text
        assert "Embargoed budget story" not in text
        assert "No articles have been published yet." in text

    def test_scheduled_article_appears_on_the_home_page_once_its_time_comes(
        self, client, world, travel
    ):
        make_article(headline="Earlier story")
        make_article(
            headline="Embargoed budget story",
            published_at=timezone.now() + timedelta(hours=3),
        )
        first = client.get("/")
        assert "Embargoed budget story" not in page_text(first)

        travel(timezone.now() + timedelta(hours=4))
        later = client.get("/", headers={"if-none-match": first["ETag"]})

        assert later.status_code == 200
        assert "Embargoed budget story" in page_text(later)

    def test_unchanged_home_page_answers_not_modified(self, client, world):
        make_article()
        first = client.get("/")
        again = client.get("/", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert again.content == b""

    def test_home_query_count_stays_fixed_as_articles_and_sections_grow(
        self, client, world, django_assert_max_num_queries
    ):
        make_seed_like_article()
        # A lead and one more: with the lead alone the rest needs no query.
        make_article()
        with CaptureQueriesContext(connection) as few:
            client.get("/")

        for number in range(6):
            section = make_section(name=f"Desk {number}")
            child = make_section(name=f"Desk {number} child", parent=section)
            for _ in range(3):
                make_article(section=section, tags=["Harbour", "Strike"])
                make_link(make_article(section=child), "Background")
        with django_assert_max_num_queries(8):
            response = client.get("/")

        assert response.status_code == 200
        group_titles = re.findall(
            r'class="group-title"[^>]*><a [^>]*>([^<]+)<', response.content.decode()
        )
        # Child sections' articles are grouped under their parents.
        assert [title for title in group_titles if title.startswith("Desk")] == [
            f"Desk {number}" for number in range(6)
        ]
        with CaptureQueriesContext(connection) as many:
            client.get("/")
        assert len(many) == len(few)


class ArticlePageTests:
    def test_article_page_shows_label_headline_byline_credit_body_and_links(
        self, client, world
    ):
        target = make_article(headline="Russia Launches Iranian Satellite Into Space")
        article = make_seed_like_article()
        make_link(article, "US Claims Russian Officials Now Training on Drones")
        article.sync_inline_links()

        response = client.get(article.get_absolute_url())

        assert response.status_code == 200
        assert "articles/article_detail.html" in template_names(response)
        html = response.content.decode()
        assert '<p class="label">REPORT</p>' in html
        assert re.search(
            r'<h1 class="headline"[^>]*>Russia Recruiting Prisoners To Fight in '
            r"Ukraine War</h1>",
            html,
        )
        assert html.index('class="label"') < html.index("<h1")
        assert '<p class="byline">By Staff Reporter</p>' in html
        assert "Photo: Olga Maltseva/AFP via Getty Images" in html
        assert "<h2>Russia&#x27;s Recruitment of Prisoners</h2>" in html
        assert f'<a href="{target.get_absolute_url()}">{target.headline}</a>' in html
        assert (
            '<span class="unresolved-link">US Claims Russian Officials Now Training '
            "on Drones</span>" in html
        )
        assert html.index("Convicts were offered") < html.index("Read Also:")
        assert html.index("Read Also:") < html.index("The latest assessments")
        assert html.index("The latest assessments") < html.index("Related articles")

    def test_an_imported_article_shows_its_lede_once_and_lists_it_as_summary(
        self, client, world
    ):
        article = make_seed_like_article()
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.count("<p>Russia is reportedly recruiting prisoners") == 1
        assert 'class="dek"' not in html
        assert (
            '<meta name="description" content="Russia is reportedly recruiting' in html
        )

    def test_dek_written_by_an_editor_is_shown_as_the_standfirst(self, client, world):
        article = make_seed_like_article(dek="Inmates are promised a pardon.")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<p class="dek">Inmates are promised a pardon.</p>' in html
        assert "<p>Russia is reportedly recruiting prisoners" in html

    def test_times_are_shown_in_the_sites_time_zone(self, client, world, settings):
        settings.TIME_ZONE = "Europe/Paris"
        article = make_article(
            published_at=datetime(2024, 1, 15, 12, 0, tzinfo=UTC), byline=""
        )
        Article.objects.filter(pk=article.pk).update(
            updated_at=datetime(2024, 1, 16, 8, 30, tzinfo=UTC)
        )

        response = client.get(article.get_absolute_url())

        html = response.content.decode()
        assert (
            'Published <time datetime="2024-01-15T13:00:00+01:00">'
            "15 January 2024, 13:00 CET</time>" in html
        )
        assert (
            'Updated <time datetime="2024-01-16T09:30:00+01:00">'
            "16 January 2024, 09:30 CET</time>" in html
        )
        assert 'class="byline"' not in html

    def test_article_not_changed_since_publication_shows_no_update_time(
        self, client, world
    ):
        article = make_article(published_at=timezone.now())
        assert "Updated" not in page_text(client.get(article.get_absolute_url()))

    def test_lead_photo_with_an_image_has_caption_credit_size_and_alt(
        self, client, world
    ):
        photo = Photo.objects.create(
            image=make_image(size=(800, 600)),
            alt_text="Cranes over an empty quay",
            caption="The port stood still on Tuesday.",
            credit=make_credit("John Smith/Bloomberg via Getty Images"),
        )
        make_renditions(photo)
        article = make_article(lead_photo=photo)

        html = client.get(article.get_absolute_url()).content.decode()

        figure = html[html.index("<figure") : html.index("</figure>")]
        assert 'width="800" height="600" alt="Cranes over an empty quay"' in figure
        assert 'fetchpriority="high"' in figure
        assert '<span class="caption">The port stood still on Tuesday.</span>' in figure
        assert (
            '<span class="credit">Photo: John Smith/Bloomberg via Getty Images</span>'
            in figure
        )
        assert re.search(
            r'<meta property="og:image" '
            r'content="http://testserver/media/renditions/[^"]+\.jpg">',
            html,
        )
        assert '<meta property="og:image:width" content="1200">' in html
        assert '<meta property="og:image:height" content="630">' in html
        assert "/media/photos/" not in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html

    @pytest.mark.parametrize(
        ("line", "shown"),
        [
            ("Screenshot from YouTube", "Screenshot from YouTube"),
            ("POOL/AFP", "Photo: POOL/AFP"),
            ("Courtesy of the family", "Photo: Courtesy of the family"),
            ("File photo/Reuters", "File photo/Reuters"),
            ("REUTERS/Jane Doe", "Photo: Jane Doe/Reuters"),
        ],
    )
    def test_the_credit_under_a_picture_keeps_every_word_of_meaning(
        self, client, world, line, shown
    ):
        photo = Photo.objects.create(
            image=make_image(), alt_text="A quay", credit=make_credit(line)
        )
        article = make_article(lead_photo=photo)
        html = client.get(article.get_absolute_url()).content.decode()
        figure = html[html.index("<figure") : html.index("</figure>")]
        assert "<figcaption>" in figure
        assert '<span class="caption">' not in figure
        assert f'<span class="credit">{shown}</span>' in figure

    def test_an_own_photo_without_a_credit_credits_the_publication(
        self, client, world, settings
    ):
        settings.SITE_NAME = "The Harbour Times"
        photo = Photo.objects.create(image=make_image(), alt_text="A quay", is_own=True)
        article = make_article(lead_photo=photo)
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<span class="credit">Photo: The Harbour Times</span>' in html
        data = structured_data(client.get(article.get_absolute_url()))["image"]
        publisher = {
            "@type": "NewsMediaOrganization",
            "name": "The Harbour Times",
            "url": "http://testserver/",
        }
        assert data["creditText"] == "The Harbour Times"
        assert data["creator"] == publisher
        assert data["copyrightHolder"] == publisher
        assert data["copyrightNotice"] == "The Harbour Times"

    def test_an_own_photo_with_a_staff_credit_names_the_photographer(
        self, client, world, settings
    ):
        settings.SITE_NAME = "The Harbour Times"
        photo = Photo.objects.create(
            image=make_image(),
            alt_text="A quay",
            is_own=True,
            credit=make_credit("ANA LIMA/Harbour Times"),
        )
        article = make_article(lead_photo=photo)
        data = structured_data(client.get(article.get_absolute_url()))["image"]
        assert data["creditText"] == "Ana Lima/Harbour Times"
        assert data["creator"] == {"@type": "Person", "name": "Ana Lima"}
        assert data["copyrightNotice"] == "The Harbour Times"

    def test_structured_data_of_a_screenshot_names_no_creator_or_holder(
        self, client, world
    ):
        photo = Photo.objects.create(credit=make_credit("Screenshot from YouTube"))
        article = make_article(lead_photo=photo)
        data = structured_data(client.get(article.get_absolute_url()))["image"]
        assert data == {
            "@type": "ImageObject",
            "creditText": "Screenshot from YouTube",
        }

    def test_tags_link_to_their_tag_pages(self, client, world):
        article = make_article(tags=["Port strike", "Zürich"])
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<a href="/tags/port-strike/" rel="tag">Port strike</a>' in html
        assert '<a href="/tags/z%C3%BCrich/" rel="tag">Zürich</a>' in html

    def test_topics_keep_the_order_the_desk_gave_them_on_page_and_feed(
        self, client, world
    ):
        # Tag ids and names run the other way from the article's own order,
        # which a prefetch without ordering returned at random on PostgreSQL.
        tags = [Tag.objects.create(name=name) for name in ("Zinc", "Mining", "Alps")]
        article = make_article()
        for tag in reversed(tags):
            TaggedArticle.objects.create(content_object=article, tag=tag)

        html = client.get(article.get_absolute_url()).content.decode()
        feed = client.get("/feed/").content.decode()

        assert re.findall(r'rel="tag">([^<]*)<', html) == ["Alps", "Mining", "Zinc"]
        assert re.findall(r"<category>([^<]*)</category>", feed) == [
            "Alps",
            "Mining",
            "Zinc",
        ]

    def test_structured_data_describes_the_news_article_and_its_photo_credit(
        self, client, world
    ):
        article = make_seed_like_article(
            published_at=datetime(2024, 1, 15, 12, 0, tzinfo=UTC),
            byline="Jane Doe and John Smith",
        )
        article.tags.add("Prisons", "Ukraine")

        data = structured_data(client.get(article.get_absolute_url()))

        url = f"http://testserver{article.get_absolute_url()}"
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == article.headline
        assert data["description"].startswith("Russia is reportedly recruiting")
        assert data["datePublished"] == "2024-01-15T12:00:00+00:00"
        assert data["dateModified"] >= data["datePublished"]
        assert data["articleSection"] == "World"
        assert sorted(data["keywords"]) == ["Prisons", "Ukraine"]
        assert data["author"] == [
            {"@type": "Person", "name": "Jane Doe"},
            {"@type": "Person", "name": "John Smith"},
        ]
        assert data["publisher"]["name"] == "Newsroom"
        assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        assert data["image"] == {
            "@type": "ImageObject",
            "creditText": "Olga Maltseva/AFP via Getty Images",
            "creator": {"@type": "Person", "name": "Olga Maltseva"},
            "copyrightNotice": "AFP",
        }

    def test_structured_data_of_a_photo_with_an_image_gives_its_address_and_size(
        self, client, world
    ):
        photo = Photo.objects.create(
            image=make_image(size=(320, 200)),
            alt_text="A quay",
            credit=make_credit("Getty Images"),
        )
        make_renditions(photo)
        article = make_article(lead_photo=photo, byline="")

        data = structured_data(client.get(article.get_absolute_url()))

        assert data["image"]["url"].startswith("http://testserver/media/renditions/")
        assert (data["image"]["width"], data["image"]["height"]) == (320, 200)
        assert data["image"]["creditText"] == "Getty Images"
        assert data["image"]["copyrightNotice"] == "Getty Images"
        assert "creator" not in data["image"]
        assert data["author"][0]["@type"] == "NewsMediaOrganization"

    def test_open_graph_and_twitter_tags_describe_the_article(self, client, world):
        article = make_article(headline="Port strike ends", tags=["Ports"])
        html = client.get(article.get_absolute_url()).content.decode()
        url = f"http://testserver{article.get_absolute_url()}"
        assert '<meta property="og:type" content="article">' in html
        assert '<meta property="og:title" content="Port strike ends">' in html
        assert f'<meta property="og:url" content="{url}">' in html
        assert f'<link rel="canonical" href="{url}">' in html
        assert '<meta property="article:section" content="World">' in html
        assert '<meta property="article:tag" content="Ports">' in html
        assert '<meta name="twitter:card" content="summary">' in html

    def test_html_in_headline_and_body_is_shown_as_text(self, client, world):
        article = make_article(
            headline="<script>alert('x')</script> Harbour news",
            label="REPORT",
            body="<img src=x onerror=alert(1)> paragraph\n\n## <b>Sub</b>\n\n"
            "Read Also: <a href=javascript:alert(1)>Trick</a>\n\n"
            "{{ secret }} {% now %}",
        )
        article.sync_inline_links()
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Harbour news" in html
        assert "&lt;img src=x onerror=alert(1)&gt; paragraph" in html
        assert "<h2>&lt;b&gt;Sub&lt;/b&gt;</h2>" in html
        assert "<a href=javascript" not in html
        assert "{{ secret }} {% now %}" in html

    def test_structured_data_cannot_be_broken_out_of(self, client, world):
        article = make_article(headline="</script><script>alert(1)</script>")
        response = client.get(article.get_absolute_url())
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert structured_data(response)["headline"] == article.headline

    def test_link_to_a_deleted_article_shows_its_title_as_text(self, client, world):
        target = make_article(headline="Port strike ends")
        article = make_article()
        make_link(article, "Port strike ends", target=target)
        target.delete()
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<span class="unresolved-link">Port strike ends</span>' in html

    def test_link_to_a_draft_is_not_shown_as_a_link(self, client, world):
        draft = make_article(headline="Port strike ends", status="draft")
        article = make_article()
        make_link(article, "Port strike ends", target=draft)
        html = client.get(article.get_absolute_url()).content.decode()
        assert draft.get_absolute_url() not in html
        assert '<span class="unresolved-link">Port strike ends</span>' in html

    def test_related_link_shows_the_target_headline(self, client, world):
        target = make_article(headline="Port Strike Ends After 12 Days")
        article = make_article()
        make_link(article, "port-strike ends after 12 days!", target=target)
        html = client.get(article.get_absolute_url()).content.decode()
        assert (
            f'<li><a href="{target.get_absolute_url()}">Port Strike Ends After 12 '
            "Days</a></li>" in html
        )

    def test_readers_get_not_found_for_drafts_and_scheduled_articles(
        self, client, world
    ):
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
        for article in (draft, scheduled):
            response = client.get(article.get_absolute_url())
            assert response.status_code == 404
            assert "404.html" in template_names(response)
            assert "We could not find that page" in page_text(response)

    def test_staff_preview_drafts_and_the_preview_is_never_cached(
        self, editor_client, world
    ):
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        response = editor_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Preview: readers cannot see this draft article yet." in (
            page_text(response)
        )
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert not response.has_header("ETag")
        assert '<meta name="robots" content="noindex, nofollow">' in (
            response.content.decode()
        )

    def test_article_that_moved_section_redirects_to_its_new_address(
        self, client, world
    ):
        article = make_article(section=world)
        old_url = article.get_absolute_url()
        article.section = make_section(name="Europe", slug="europe", parent=world)
        article.save()
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == f"/europe/{article.slug}/"

    def test_article_page_query_count_does_not_grow_with_links_and_tags(
        self, client, world, django_assert_max_num_queries
    ):
        article = make_seed_like_article()
        with CaptureQueriesContext(connection) as few:
            client.get(article.get_absolute_url())

        article.tags.add(*[f"Topic {n}" for n in range(8)])
        for number in range(10):
            target = make_article(headline=f"Background {number}")
            make_link(article, target.headline, target=target)
        with django_assert_max_num_queries(6):
            response = client.get(article.get_absolute_url())

        assert response.status_code == 200
        assert "Background 9" in page_text(response)
        assert "Topic 7" in page_text(response)
        with CaptureQueriesContext(connection) as many:
            client.get(article.get_absolute_url())
        assert len(many) == len(few)


class ArticleConditionalRequestTests:
    def test_unchanged_article_answers_not_modified_to_its_etag(self, client, world):
        article = make_seed_like_article()
        first = client.get(article.get_absolute_url())
        assert first.has_header("ETag")
        assert "max-age=0" in first["Cache-Control"]

        again = client.get(
            article.get_absolute_url(), headers={"if-none-match": first["ETag"]}
        )

        assert again.status_code == 304
        assert again.content == b""

    def test_unchanged_article_answers_not_modified_since_its_last_change(
        self, client, world
    ):
        article = make_article()
        first = client.get(article.get_absolute_url())
        again = client.get(
            article.get_absolute_url(),
            headers={"if-modified-since": first["Last-Modified"]},
        )
        assert again.status_code == 304

    def test_edited_article_is_sent_again(self, client, world):
        article = make_article()
        first = client.get(article.get_absolute_url())
        article.headline = "Corrected headline"
        article.save()

        again = client.get(
            article.get_absolute_url(), headers={"if-none-match": first["ETag"]}
        )

        assert again.status_code == 200
        assert "Corrected headline" in page_text(again)

    def test_page_is_sent_again_when_a_linked_article_goes_live(
        self, client, world, travel
    ):
        target = make_article(
            headline="Port strike ends",
            published_at=timezone.now() + timedelta(hours=1),
        )
        article = make_article()
        make_link(article, "Port strike ends", target=target)
        first = client.get(article.get_absolute_url())
        assert target.get_absolute_url() not in first.content.decode()

        travel(timezone.now() + timedelta(hours=2))
        again = client.get(
            article.get_absolute_url(),
            headers={
                "if-none-match": first["ETag"],
                "if-modified-since": first["Last-Modified"],
            },
        )

        assert again.status_code == 200
        assert target.get_absolute_url() in again.content.decode()


class SectionPageTests:
    def test_section_page_lists_its_own_and_nested_sections_articles(
        self, client, world
    ):
        europe = make_section(name="Europe", slug="europe", parent=world)
        nested = make_article(headline="Alpine pass reopens", section=europe)
        elsewhere = make_article(
            headline="Budget passes", section=Section.objects.get(slug="politics")
        )
        response = client.get("/world/")
        html = response.content.decode()
        assert "articles/section_detail.html" in template_names(response)
        assert "<h1" in html and ">World</h1>" in html
        assert nested.headline in html
        assert elsewhere.headline not in html
        assert '<a href="/europe/">Europe</a>' in html

    def test_nested_section_links_back_to_its_parent(self, client, world):
        make_section(name="Europe", slug="europe", parent=world)
        html = client.get("/europe/").content.decode()
        assert '<p class="breadcrumb"><a href="/world/">World</a></p>' in html

    def test_section_page_links_its_feeds(self, client, world):
        html = client.get("/world/").content.decode()
        assert 'type="application/rss+xml" title="World · Newsroom (RSS)" ' in html
        assert '<a href="/feeds/world/">RSS feed</a>' in html
        assert '<a href="/feeds/world/atom/">Atom feed</a>' in html

    def test_navigation_marks_the_current_section(self, client, world):
        html = client.get("/world/").content.decode()
        assert '<a href="/world/" class="current" aria-current="page">World</a>' in (
            html
        )

    def test_section_pages_are_paginated_newest_first(self, client, world):
        for hours in range(1, 23):
            make_article(
                headline=f"Story {hours:02d} hours old",
                published_at=timezone.now() - timedelta(hours=hours),
            )
        first = page_text(client.get("/world/"))
        assert "Story 01 hours old" in first and "Story 20 hours old" in first
        assert "Story 21 hours old" not in first
        assert "Page 1 of 2" in first

        second = client.get("/world/?page=2")
        assert "Story 21 hours old" in page_text(second)
        assert "Story 20 hours old" not in page_text(second)
        assert '<link rel="canonical" href="http://testserver/world/?page=2">' in (
            second.content.decode()
        )

    def test_page_number_past_the_end_is_not_found(self, client, world):
        make_article()
        for page in ("99", "abc"):
            response = client.get(f"/world/?page={page}")
            assert response.status_code == 404
            assert "We could not find that page" in page_text(response)

    def test_empty_section_says_nothing_is_published_yet(self, client, world):
        text = page_text(client.get("/sport/"))
        assert "Nothing has been published in Sport yet." in text

    def test_unchanged_section_answers_not_modified(self, client, world):
        make_article()
        first = client.get("/world/")
        again = client.get("/world/", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304

    def test_section_page_is_sent_again_after_a_new_article(self, client, world):
        make_article()
        first = client.get("/world/")
        make_article(headline="Fresh story")
        again = client.get(
            "/world/",
            headers={
                "if-none-match": first["ETag"],
                "if-modified-since": first["Last-Modified"],
            },
        )
        assert again.status_code == 200
        assert "Fresh story" in page_text(again)

    def test_unknown_section_is_not_found(self, client, db):
        assert client.get("/no-such-desk/").status_code == 404

    def test_navigation_lists_desks_in_menu_order(self, client, db):
        html = client.get("/").content.decode()
        positions = [
            html.index(f">{name}</a>") for name in ("News", "World", "Opinion")
        ]
        assert positions == sorted(positions)

    def test_section_page_query_count_does_not_grow_with_articles(self, client, world):
        make_article()
        with CaptureQueriesContext(connection) as few:
            client.get("/world/")
        for _ in range(25):
            make_article(tags=["Harbour"])
        with CaptureQueriesContext(connection) as many:
            client.get("/world/")
        assert len(many) == len(few)


class TagPageTests:
    def test_tag_page_lists_published_articles_with_the_tag(self, client, world):
        tagged = make_article(headline="Dockers walk out", tags=["Port strike"])
        make_article(
            headline="Draft on the strike", status="draft", tags=["Port strike"]
        )
        make_article(headline="Unrelated story")

        response = client.get("/tags/port-strike/")

        assert response.status_code == 200
        assert "articles/tag_detail.html" in template_names(response)
        text = page_text(response)
        assert "Port strike" in text
        assert tagged.headline in text
        assert "1 article" in text
        assert "Draft on the strike" not in text
        assert "Unrelated story" not in text

    def test_tag_with_letters_beyond_ascii_has_a_page(self, client, world):
        make_article(headline="Lake story", tags=["Zürich"])
        response = client.get("/tags/z%C3%BCrich/")
        assert response.status_code == 200
        assert "Lake story" in page_text(response)

    def test_unknown_tag_and_tag_of_drafts_only_are_not_found(self, client, world):
        make_article(status="draft", tags=["Secret merger"])
        assert client.get("/tags/no-such-tag/").status_code == 404
        assert client.get("/tags/secret-merger/").status_code == 404


class ErrorPageTests:
    def test_not_found_page_is_friendly_and_offers_search(self, client, db):
        response = client.get("/world/no-such-article/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "We could not find that page" in html
        assert 'action="/search/"' in html
        assert '<nav class="sections-nav" aria-label="Sections">' in html

    def test_server_error_page_renders_without_the_database(
        self, django_assert_num_queries
    ):
        request = RequestFactory().get("/")
        with django_assert_num_queries(0):
            response = server_error(request)
        assert response.status_code == 500
        html = response.content.decode()
        assert "Something went wrong on our side" in html
        assert '<a href="/">front page</a>' in html


class RobotsTests:
    def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_the_desk(
        self, client, db
    ):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "User-agent: *" in lines
        assert "Disallow: /admin/" in lines
        assert "Disallow: /search/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Sitemap: http://testserver/news-sitemap.xml" in lines


class BasePageTests:
    def test_every_page_has_language_skip_link_landmarks_and_feeds(self, client, db):
        html = client.get("/").content.decode()
        assert '<html lang="en-us">' in html
        assert '<a class="skip-link" href="#main">Skip to content</a>' in html
        assert '<main id="main"' in html
        assert "<footer" in html
        assert '<link rel="canonical" href="http://testserver/">' in html
        assert 'type="application/rss+xml" title="Newsroom (RSS)" href="/feed/"' in html
        assert 'href="/static/css/print.css" media="print"' in html

    def test_canonical_address_leaves_out_tracking_parameters(self, client, world):
        article = make_article()
        html = client.get(f"{article.get_absolute_url()}?utm_source=x").content.decode()
        assert (
            f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">'
            in html
        )


class StaticFilesTests:
    @pytest.mark.slow
    def test_production_settings_serve_static_files_with_hashed_names(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings", DJANGO_SECRET_KEY="x" * 50
        )
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['staticfiles']['BACKEND'])"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parent.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip() == (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )

    @pytest.mark.slow
    def test_pages_link_the_hashed_compressed_copies_collectstatic_makes(
        self, client, db, settings, tmp_path
    ):
        settings.STATIC_ROOT = tmp_path / "static"
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
            },
        }
        call_command("collectstatic", interactive=False, verbosity=0)

        html = client.get("/").content.decode()

        stylesheet = re.search(r'href="/static/(css/site\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "the page does not link a hashed stylesheet"
        assert (settings.STATIC_ROOT / stylesheet.group(1)).exists()
        assert (settings.STATIC_ROOT / f"{stylesheet.group(1)}.gz").exists()
        assert re.search(r'href="/static/img/favicon\.[0-9a-f]{12}\.svg"', html)


class TimeElementTests:
    def test_every_time_on_public_pages_is_a_valid_html_date_to_the_second(
        self, client, world
    ):
        published = timezone.now().replace(microsecond=123456) - timedelta(days=2)
        article = make_article(published_at=published, tags=["Harbour"])
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now().replace(microsecond=654321)
        )
        paths = ["/", "/world/", "/tags/harbour/", article.get_absolute_url()]
        seen = []
        for path in paths:
            html = client.get(path).content.decode()
            seen += re.findall(r'<time datetime="([^"]*)"', html)
        assert len(seen) >= 5
        valid = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)")
        assert [value for value in seen if not valid.fullmatch(value)] == []


class ArticleBodyTests:
    """The page shows the body's Markdown as HTML, rendered when it was saved."""

    BODY = (
        "The *ferry* service **resumed** on [Monday](https://example.org/notice).\n\n"
        "## What changed\n\n"
        "- Two boats an hour\n- A new pier\n\n"
        "1. Book online\n2. Board\n\n"
        "> The sea was calm.\n\n"
        "Pull Quote: We never stopped.\n— The harbour master\n\n"
        "Read Also: Port strike ends\n\n"
        "Read Also: Budget talks stall"
    )

    def body_html(self, response) -> str:
        html = response.content.decode()
        return re.search(r'<div class="article-body">(.*?)</div>', html, re.S)[1]

    def test_every_construct_of_the_body_reaches_the_page(self, client, world):
        live = make_article(headline="Port strike ends")
        make_article(headline="Budget talks stall", status=Article.Status.DRAFT)
        article = make_article(body=self.BODY)
        article.sync_inline_links()

        body = self.body_html(client.get(article.get_absolute_url()))

        assert (
            '<p>The <em>ferry</em> service <strong>resumed</strong> on <a href="'
            'https://example.org/notice">Monday</a>.</p>'
        ) in body
        assert "<h2>What changed</h2>" in body
        assert "<ul>\n<li>Two boats an hour</li>\n<li>A new pier</li>\n</ul>" in body
        assert "<ol>\n<li>Book online</li>\n<li>Board</li>\n</ol>" in body
        assert "<blockquote>\n<p>The sea was calm.</p>\n</blockquote>" in body
        assert (
            '<figure class="pull-quote">\n<blockquote>\n<p>We never stopped.</p>\n'
            "</blockquote>\n<figcaption>The harbour master</figcaption>\n</figure>"
        ) in body
        # A point links to a live article; one whose article is a draft reads
        # as its title, as an unresolved one does.
        assert f'<a href="{live.get_absolute_url()}">Port strike ends</a></p>' in body
        assert '<span class="unresolved-link">Budget talks stall</span>' in body
        assert "<!--" not in body

    def test_the_page_shows_the_html_stored_at_the_last_change(self, client, world):
        article = make_article(body="As saved.")
        Article.objects.filter(pk=article.pk).update(body_html="<p>As stored.</p>\n")
        body = self.body_html(client.get(article.get_absolute_url()))
        assert "As stored." in body and "As saved." not in body

    def test_a_point_whose_article_is_published_later_links_then(self, client, world):
        target = make_article(headline="Port strike ends", status="draft")
        article = make_article(body="Text.\n\nRead Also: Port strike ends")
        article.sync_inline_links()
        before = self.body_html(client.get(article.get_absolute_url()))
        assert '<span class="unresolved-link">Port strike ends</span>' in before
        target.publish()
        after = self.body_html(client.get(article.get_absolute_url()))
        assert f'<a href="{target.get_absolute_url()}">Port strike ends</a>' in after

    @pytest.mark.parametrize(
        "hostile",
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "Read Also: <svg onload=alert(1)>",
        ],
    )
    def test_no_script_handler_or_unsafe_address_reaches_the_page(
        self, client, world, hostile
    ):
        article = make_article(body=f"Text.\n\n{hostile}")
        article.sync_inline_links()
        body = self.body_html(client.get(article.get_absolute_url()))
        tags = re.findall(r"<[a-z][^>]*>", body)
        assert not [tag for tag in tags if re.search(r"script|onerror|onload", tag)]
        assert not [tag for tag in tags if re.search(r"javascript:|data:", tag)]
        assert "<img" not in body and "<svg" not in body
