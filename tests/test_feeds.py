import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from django.utils import timezone

from articles.images.renditions import make_renditions
from articles.models import Article, Photo, Section

from .conftest import make_article, make_credit, make_image, make_section

pytestmark = pytest.mark.django_db

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def rss_items(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


class SiteFeedTests:
    def test_rss_feed_lists_published_articles_newest_first(self, client, world):
        old = make_article(
            headline="Older story", published_at=timezone.now() - timedelta(days=1)
        )
        new = make_article(headline="Newer story", byline="Jane Doe", tags=["Ports"])
        make_article(headline="Draft story", status=Article.Status.DRAFT)
        make_article(
            headline="Scheduled story",
            published_at=timezone.now() + timedelta(hours=1),
        )

        response = client.get("/feed/")

        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == "Newsroom"
        assert channel.findtext("link") == "http://testserver/"
        items = rss_items(response)
        assert [item.findtext("title") for item in items] == [
            new.headline,
            old.headline,
        ]
        first = items[0]
        assert first.findtext("link") == f"http://testserver{new.get_absolute_url()}"
        assert first.findtext("guid") == f"urn:newsroom:article:{new.pk}"
        assert first.findtext("description") == "Dock workers walked out at dawn."
        assert first.findtext("category") == "Ports"
        assert "Jane Doe" in first.findtext("{http://purl.org/dc/elements/1.1/}creator")
        assert first.findtext("pubDate")

    def test_photo_credit_travels_with_the_item(self, client, world):
        make_article(lead_photo=Photo.objects.create(credit=make_credit()))
        item = rss_items(client.get("/feed/"))[0]
        line, photographer = item.findall(f"{MEDIA}credit")
        # The line as readers see it names three entities: it takes no role.
        assert line.text == "Olga Maltseva/AFP via Getty Images"
        assert line.get("role") is None
        assert (photographer.text, photographer.attrib) == (
            "Olga Maltseva",
            {"role": "photographer", "scheme": "urn:ebu"},
        )
        assert item.findtext(f"{MEDIA}copyright") == "AFP"
        assert item.find(f"{MEDIA}content") is None

    def test_a_screenshot_credit_names_no_photographer_and_no_holder(
        self, client, world
    ):
        credit = make_credit("Screenshot from YouTube")
        make_article(lead_photo=Photo.objects.create(credit=credit))
        item = rss_items(client.get("/feed/"))[0]
        [line] = item.findall(f"{MEDIA}credit")
        assert (line.text, line.attrib) == ("Screenshot from YouTube", {})
        assert item.find(f"{MEDIA}copyright") is None

    def test_an_own_photo_without_a_credit_is_credited_to_the_site(
        self, client, world, settings
    ):
        settings.SITE_NAME = "The Harbour Times"
        photo = Photo.objects.create(image=make_image(), alt_text="Cranes", is_own=True)
        make_renditions(photo)
        make_article(lead_photo=photo)
        content = rss_items(client.get("/feed/"))[0].find(f"{MEDIA}content")
        assert content.findtext(f"{MEDIA}credit") == "The Harbour Times"
        assert content.findtext(f"{MEDIA}copyright") == "The Harbour Times"

    def test_photo_with_an_image_is_a_media_item_with_credit_and_caption(
        self, client, world
    ):
        photo = Photo.objects.create(
            image=make_image(size=(640, 480)),
            alt_text="Cranes",
            caption="The port stood still.",
            credit=make_credit("Getty Images"),
        )
        make_renditions(photo)
        make_article(lead_photo=photo)

        item = rss_items(client.get("/feed/"))[0]

        content = item.find(f"{MEDIA}content")
        assert content.get("url").startswith("http://testserver/media/renditions/")
        assert content.get("url").endswith(".jpg")
        assert content.get("type") == "image/jpeg"
        assert (content.get("width"), content.get("height")) == ("640", "480")
        assert content.findtext(f"{MEDIA}credit") == "Getty Images"
        assert content.find(f"{MEDIA}credit").get("role") is None
        assert content.findtext(f"{MEDIA}description") == "The port stood still."

    def test_a_picture_without_renditions_yet_sends_its_credit_not_the_original(
        self, client, world
    ):
        photo = Photo.objects.create(
            image=make_image(size=(640, 480)),
            alt_text="Cranes",
            credit=make_credit("Getty Images"),
        )
        make_article(lead_photo=photo)

        response = client.get("/feed/")

        assert b"/media/photos/" not in response.content
        item = rss_items(response)[0]
        assert item.find(f"{MEDIA}content") is None
        assert item.findtext(f"{MEDIA}credit") == "Getty Images"

    def test_markup_in_a_dek_reaches_feed_readers_as_text(self, client, world):
        make_article(dek="<script>alert(1)</script> & more")
        item = rss_items(client.get("/feed/"))[0]
        # Feed readers treat the description as HTML: it must be escaped once more.
        assert item.findtext("description") == (
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
        )

    def test_atom_feed_lists_the_same_articles(self, client, world):
        article = make_article(headline="Port strike ends")
        response = client.get("/feed/atom/")
        assert response.status_code == 200
        entries = atom_entries(response)
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
            "Port strike ends"
        ]
        assert entries[0].findtext(f"{ATOM}id") == f"urn:newsroom:article:{article.pk}"
        assert entries[0].findtext(f"{ATOM}updated")

    def test_feed_query_count_does_not_grow_with_items(
        self, client, world, django_assert_max_num_queries
    ):
        for number in range(12):
            make_article(
                tags=[f"Topic {number}", "Ports"],
                lead_photo=Photo.objects.create(credit=make_credit()),
            )
        # The articles, their tags, the links of their bodies' Read Also points
        # and the renditions of their photos.
        with django_assert_max_num_queries(4):
            response = client.get("/feed/")
        assert len(rss_items(response)) == 12

    @pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", "/news-sitemap.xml"])
    def test_a_reader_with_the_current_copy_gets_a_304(self, client, world, path):
        make_article(published_at=timezone.now() - timedelta(minutes=5))
        first = client.get(path)
        assert first.status_code == 200
        again = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert again.status_code == 304
        assert again.content == b""


class SectionFeedTests:
    def test_section_feed_lists_the_section_and_its_nested_sections(
        self, client, world
    ):
        europe = make_section(name="Europe", slug="europe", parent=world)
        nested = make_article(headline="Alpine pass reopens", section=europe)
        own = make_article(headline="Ceasefire talks resume", section=world)
        make_article(
            headline="Budget passes", section=Section.objects.get(slug="politics")
        )

        response = client.get("/feeds/world/")

        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == "World · Newsroom"
        assert channel.findtext("link") == "http://testserver/world/"
        titles = {item.findtext("title") for item in rss_items(response)}
        assert titles == {nested.headline, own.headline}

    def test_section_atom_feed(self, client, world):
        make_article(headline="Ceasefire talks resume")
        entries = atom_entries(client.get("/feeds/world/atom/"))
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
            "Ceasefire talks resume"
        ]

    def test_unknown_section_feed_is_not_found(self, client, db):
        assert client.get("/feeds/no-such-desk/").status_code == 404


class FeedBodyTests:
    """Items carry the body as the page shows it, readable away from the site."""

    BODY = (
        "The *ferry* [sank](/world/earlier/) near [the port](https://example.org/p)."
        "\n\nRead Also: Port strike ends\n\nRead Also: A story nobody wrote"
        "\n\n<script>alert(1)</script>"
    )

    def test_rss_items_carry_the_rendered_body_with_absolute_links(self, client, world):
        target = make_article(headline="Port strike ends")
        article = make_article(body=self.BODY)
        article.sync_inline_links()

        [item, _target] = rss_items(client.get("/feed/"))
        content = item.findtext(f"{CONTENT}encoded")
        assert content == (
            '<p>The <em>ferry</em> <a href="http://testserver/world/earlier/">sank</a>'
            ' near <a href="https://example.org/p">the port</a>.</p>\n'
            '<p class="read-also"><span class="read-also-marker">Read Also:</span> '
            f'<a href="http://testserver{target.get_absolute_url()}">Port strike '
            "ends</a></p>\n"
            '<p class="read-also"><span class="read-also-marker">Read Also:</span> '
            '<span class="unresolved-link">A story nobody wrote</span></p>\n'
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        )

    def test_atom_entries_carry_the_body_as_html_content(self, client, world):
        make_article(body="A **strong** start.")
        [entry] = atom_entries(client.get("/feed/atom/"))
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        assert content.text == "<p>A <strong>strong</strong> start.</p>\n"
