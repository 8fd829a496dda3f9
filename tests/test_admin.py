import pytest

from articles.models import Article

from .conftest import make_article, make_link, make_photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/article/?links=unresolved",
        "/admin/articles/article/?q=harbour",
        "/admin/articles/section/",
        "/admin/articles/section/add/",
        "/admin/articles/photo/",
        "/admin/articles/photocredit/",
        "/admin/articles/relatedlink/",
    ],
)
def test_every_admin_page_loads_for_an_editor(editor_client, world, url):
    article = make_article(lead_photo=make_photo())
    make_link(article, "Not written yet")
    assert editor_client.get(url).status_code == 200


def test_article_change_form_loads(editor_client, world):
    article = make_article()
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "Read Also: Headline of another article" in response.content.decode()


def test_saving_in_admin_links_read_also_points_and_resolves_waiting_links(
    editor_client, world
):
    waiting = make_article(headline="Older story")
    make_link(waiting, "Port strike ends")
    target = make_article(headline="Background piece")
    data = {
        "headline": "Port strike ends",
        "slug": "port-strike-ends",
        "label": "",
        "dek": "",
        "body": "Lede.\n\nRead Also: Background piece",
        "byline": "",
        "tags": "",
        "section": str(world.pk),
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="port-strike-ends")
    inline = article.related_links.get()
    assert (inline.placement, inline.title, inline.target) == (
        "inline",
        "Background piece",
        target,
    )
    assert waiting.related_links.get().target == article
