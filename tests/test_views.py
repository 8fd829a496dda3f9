from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article, Photo

from .conftest import make_article, make_credit, make_link, make_section

pytestmark = pytest.mark.django_db

SEED_LIKE_BODY = (
    "Russia is reportedly recruiting prisoners to fight its war in Ukraine.\n\n"
    "## Russia's Recruitment of Prisoners\n\n"
    "Convicts were offered promises of freedom.\n\n"
    "Read Also: Russia Launches Iranian Satellite Into Space\n\n"
    "The latest assessments suggest heavy losses."
)


def make_seed_like_article(**overrides) -> Article:
    photo = Photo.objects.create(credit=make_credit())
    fields = {
        "headline": "Russia Recruiting Prisoners To Fight in Ukraine War",
        "label": "REPORT",
        "dek": "Russia is reportedly recruiting prisoners.",
        "body": SEED_LIKE_BODY,
        "lead_photo": photo,
        "byline": "Staff Reporter",
    }
    fields.update(overrides)
    article = make_article(**fields)
    article.sync_inline_links()
    return article


class HomePageTests:
    def test_home_lists_published_articles_with_label_section_and_date(
        self, client, world
    ):
        article = make_seed_like_article()
        response = client.get("/")
        assert response.status_code == 200
        assert "articles/article_list.html" in [t.name for t in response.templates]
        html = response.content.decode()
        assert "REPORT" in html
        assert article.headline in html
        assert (
            'href="/world/russia-recruiting-prisoners-to-fight-in-ukraine-war/"' in html
        )
        assert ">World</a>" in html
        assert f'datetime="{article.published_at.isoformat()}' in html.replace(
            "+00:00", "+00:00"
        )

    def test_drafts_and_scheduled_articles_stay_off_the_home_page(self, client, world):
        make_article(headline="Draft about harbour", status=Article.Status.DRAFT)
        make_article(
            headline="Embargoed budget story",
            published_at=timezone.now() + timedelta(hours=3),
        )
        html = client.get("/").content.decode()
        assert "Draft about harbour" not in html
        assert "Embargoed budget story" not in html
        assert "No articles have been published yet." in html


class ArticlePageTests:
    def test_article_page_shows_label_headline_dek_credit_body_and_links(
        self, client, world
    ):
        target = make_article(headline="Russia Launches Iranian Satellite Into Space")
        article = make_seed_like_article()
        make_link(article, "US Claims Russian Officials Now Training on Drones")
        article.sync_inline_links()

        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert '<p class="label">REPORT</p>' in html
        assert (
            '<h1 class="headline">Russia Recruiting Prisoners To Fight in Ukraine '
            "War</h1>" in html
        )
        assert "Russia is reportedly recruiting prisoners." in html
        assert "Photo: Olga Maltseva/AFP via Getty Images" in html
        assert "<h2>Russia&#x27;s Recruitment of Prisoners</h2>" in html
        assert f'<a href="{target.get_absolute_url()}">{target.headline}</a>' in html
        assert (
            '<span class="unresolved-link">US Claims Russian Officials Now Training '
            "on Drones</span>" in html
        )
        assert html.index("Convicts were offered") < html.index("Read Also:")
        assert html.index("Read Also:") < html.index("The latest assessments")

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

    def test_readers_get_not_found_for_drafts_and_scheduled_articles(
        self, client, world
    ):
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
        for article in (draft, scheduled):
            response = client.get(article.get_absolute_url())
            assert response.status_code == 404
            assert "We could not find that page" in response.content.decode()

    def test_staff_preview_drafts_and_the_preview_is_never_cached(
        self, editor_client, world
    ):
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        response = editor_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Preview: readers cannot see this draft article yet." in (
            response.content.decode()
        )
        assert "no-cache" in response["Cache-Control"]

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
        article.tags.add(*[f"Topic {n}" for n in range(8)])
        for number in range(10):
            target = make_article(headline=f"Background {number}")
            make_link(article, target.headline, target=target)
        with django_assert_max_num_queries(6):
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200


class SectionPageTests:
    def test_section_page_lists_its_own_and_nested_sections_articles(
        self, client, world
    ):
        europe = make_section(name="Europe", slug="europe", parent=world)
        nested = make_article(headline="Alpine pass reopens", section=europe)
        elsewhere = make_article(
            headline="Budget passes",
            section=world.__class__.objects.get(slug="politics"),
        )
        response = client.get("/world/")
        html = response.content.decode()
        assert "articles/section_detail.html" in [t.name for t in response.templates]
        assert nested.headline in html
        assert elsewhere.headline not in html
        assert 'href="/europe/"' in html

    def test_unknown_section_is_not_found(self, client, db):
        assert client.get("/no-such-desk/").status_code == 404

    def test_navigation_lists_desks_in_menu_order(self, client, db):
        html = client.get("/").content.decode()
        positions = [
            html.index(f">{name}</a>") for name in ("News", "World", "Opinion")
        ]
        assert positions == sorted(positions)
