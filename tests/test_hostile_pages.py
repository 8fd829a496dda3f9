"""Whatever text is stored, readers' pages, feeds and sitemaps still work.

The admin and the importer refuse control characters at the edges; these
tests store values directly, as an old row or a shell script could, and check
that no public page answers 500 and every feed and sitemap stays well-formed
XML.
"""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import transaction
from django.utils import timezone

from articles.models import Photo, RelatedLink
from articles.text.xml_text import xml_safe

from .conftest import make_article, make_credit, make_link, make_section

pytestmark = pytest.mark.django_db

XML_PATHS = ["/feed/", "/feed/atom/", "/sitemap.xml", "/news-sitemap.xml"]
# What XML 1.0 cannot carry, plus markers of the body and credit grammar.
HOSTILE = (
    "\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\ufffe\uffff\u2028 \u00a0\t\n#[]:/\\<>&\"'"
)


def stored_text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Any text a database stores: every code point but NUL and surrogates.

    PostgreSQL cannot store NUL at all, and neither database stores a lone
    surrogate, so no stored value holds either.
    """
    anything = st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"])
    return st.one_of(
        st.text(anything, min_size=min_size, max_size=max_size),
        st.text(st.sampled_from(HOSTILE + "ab"), min_size=min_size, max_size=max_size),
    ).filter(lambda text: len(text.strip()) >= min_size)


def assert_well_formed_xml(response) -> ET.Element:
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)


def public_paths(article, section) -> list[str]:
    paths = ["/", section.get_absolute_url(), article.get_absolute_url()]
    paths += [f"/tags/{tag.slug}/" for tag in article.tags.all() if tag.slug]
    paths += [f"/search/?q={word}" for word in article.headline.split()[:2]]
    paths += [f"/feeds/{section.slug}/", f"/feeds/{section.slug}/atom/"]
    return paths


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    headline=stored_text(255, min_size=1),
    label=stored_text(40),
    dek=stored_text(300),
    body=stored_text(600),
    byline=stored_text(255),
    tags=st.lists(stored_text(60, min_size=1), max_size=3, unique=True),
    section_name=stored_text(100, min_size=1),
    section_description=stored_text(200),
    caption=stored_text(200),
    credit=stored_text(255, min_size=1),
    link_title=stored_text(200, min_size=1),
)
def test_any_stored_text_leaves_every_public_page_and_feed_working(
    client,
    headline,
    label,
    dek,
    body,
    byline,
    tags,
    section_name,
    section_description,
    caption,
    credit,
    link_title,
):
    with transaction.atomic():
        section = make_section(name=section_name, description=section_description)
        photo = Photo.objects.create(caption=caption, credit=make_credit(credit))
        article = make_article(
            headline=headline,
            label=label,
            dek=dek,
            body=body,
            byline=byline,
            section=section,
            lead_photo=photo,
            tags=tags,
            published_at=timezone.now() - timedelta(minutes=5),
        )
        make_link(article, link_title)
        make_link(article, link_title, url="https://example.com/x", position=1)

        for path in public_paths(article, section):
            response = client.get(path)
            assert response.status_code == 200, (path, response.content[:300])
        for path in XML_PATHS + [f"/feeds/{section.slug}/"]:
            assert_well_formed_xml(client.get(path))
        rss = assert_well_formed_xml(client.get("/feed/"))
        titles = [item.findtext("title") for item in rss.iter("item")]
        # An XML parser reads a carriage return as a line feed (XML 1.0, 2.11).
        expected = xml_safe(headline).replace("\r\n", "\n").replace("\r", "\n")
        assert expected.strip() in [title.strip() for title in titles]
        transaction.set_rollback(True)


@pytest.mark.parametrize("bad", ["\x1b[31m", "\x07", "\x0b", "\ufffe"])
def test_a_control_character_in_a_headline_leaves_feeds_and_sitemaps_readable(
    client, bad
):
    make_article(headline=f"Red{bad}alert in the harbour", byline=f"Ann{bad}Lee")

    for path in XML_PATHS:
        assert_well_formed_xml(client.get(path))
    rss = assert_well_formed_xml(client.get("/feed/"))
    title = rss.find("./channel/item/title").text
    assert title == "Red" + xml_safe(bad) + "alert in the harbour"
    news = client.get("/news-sitemap.xml").content.decode()
    assert "Red" in news and bad not in news


def test_a_control_character_in_a_credit_or_caption_leaves_the_feed_readable(client):
    photo = Photo.objects.create(
        caption="Cranes\x07 at dawn", credit=make_credit("ANN LEE\x1b/AFP")
    )
    make_article(lead_photo=photo)

    rss = assert_well_formed_xml(client.get("/feed/"))
    media = "{http://search.yahoo.com/mrss/}"
    assert rss.find(f"./channel/item/{media}description").text == "Cranes at dawn"
    assert "\x1b" not in rss.find(f"./channel/item/{media}credit").text


def test_a_tag_without_letters_is_shown_as_text_not_a_broken_link(client):
    article = make_article(tags=["!!!", "Ports"])

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "<li>!!!</li>" in page
    assert 'href="/tags/ports/"' in page


@pytest.mark.parametrize(
    "page",
    ["abc", "0", "-1", "1e3", "99999999999999999999", "", "last", "%00", "1.5"],
)
def test_odd_page_numbers_never_fail(client, page):
    section = make_section()
    make_article(section=section, tags=["Ports"])

    for path in ["/", section.get_absolute_url(), "/tags/ports/", "/search/?q=dock"]:
        joiner = "&" if "?" in path else "?"
        response = client.get(f"{path}{joiner}page={page}")
        assert response.status_code in {200, 404}, (path, page)


@pytest.mark.parametrize(
    "query",
    ["%00", "dock%00workers", "%1b[31m", "word+" * 1300, "%ef%bf%bf", "%ff%fe"],
)
def test_odd_search_queries_answer_with_a_page(client, query):
    make_article()

    response = client.get(f"/search/?q={query}")

    assert response.status_code == 200


def test_a_link_title_with_control_characters_renders_as_text(client):
    article = make_article()
    make_link(article, "Cranes\x07 return", placement=RelatedLink.Placement.AFTER)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
