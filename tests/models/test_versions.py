"""Every version in an article's History keeps its tags and links after the body.

Whichever way the version is written: one save (simple-history's signal), a
form that saves the tags and links after the article, a change recorded on
many articles, or an import.
"""

from pathlib import Path

import pytest

from articles.ingest import import_seeds
from articles.models import Article, RelatedLink

from ..conftest import make_article, make_desk_user, make_link
from ..desk import ARTICLES, article_form_data, change_url

pytestmark = pytest.mark.django_db


def kept(article: Article) -> tuple[list, list]:
    version = article.history.order_by("-history_id").first()
    return version.tag_names, version.links_after


def test_a_save_keeps_the_tags_and_the_links_after_the_body_in_order(world):
    target = make_article(headline="Port strike ends")
    article = make_article(headline="Harbour cranes idle", tags=["strikes", "Ports"])
    make_link(article, "Port strike ends", target=target)
    make_link(article, "Port budget", url="https://example.org/budget")
    RelatedLink.objects.create(
        article=article, placement="inline", position=0, title="Read this"
    )

    article.save()

    assert kept(article) == (
        ["strikes", "Ports"],
        [
            {"title": "Port strike ends", "target": target.pk, "url": ""},
            {
                "title": "Port budget",
                "target": None,
                "url": "https://example.org/budget",
            },
        ],
    )


def test_a_new_article_from_the_form_keeps_the_tags_it_was_given(
    desk_editor_client, world
):
    data = article_form_data(
        headline="Ferry fares rise",
        body="Fares rise by a tenth.",
        section=world.pk,
        tags="ferries, prices",
        links=[{"order": 1, "title": "Fare table", "url": "https://example.org/f"}],
    )

    desk_editor_client.post(f"{ARTICLES}add/", data)

    article = Article.objects.get(headline="Ferry fares rise")
    assert kept(article) == (
        ["ferries", "prices"],
        [{"title": "Fare table", "target": None, "url": "https://example.org/f"}],
    )


def test_a_form_save_keeps_the_tags_and_links_it_saved_after_the_article(
    desk_editor_client, world
):
    article = make_article(headline="Harbour cranes idle", tags=["ports"])
    data = article_form_data(article, tags="harbours", links=[])

    desk_editor_client.post(change_url(article), data)

    assert kept(article) == (["harbours"], [])
    assert article.history.count() == 2


def test_a_change_recorded_elsewhere_keeps_the_tags_and_links_as_changed(client, world):
    client.force_login(make_desk_user("Editor"))
    article = make_article(headline="Harbour cranes idle")

    client.post(
        "/admin/articles/relatedlink/add/",
        {
            "article": article.pk,
            "placement": "after",
            "position": 0,
            "title": "Tariffs",
            "url": "https://example.org/t",
        },
    )

    version = article.history.order_by("-history_id").first()
    assert version.history_change_reason.startswith("Link “Tariffs” added")
    assert version.links_after == [
        {"title": "Tariffs", "target": None, "url": "https://example.org/t"}
    ]


def test_an_import_keeps_the_seeds_tags_and_links(tmp_path, world):
    seeds = Path(__file__).resolve().parents[1] / "data"
    (tmp_path / "001_ferry.txt").write_bytes((seeds / "ferry.txt").read_bytes())

    import_seeds([tmp_path])

    article = Article.objects.get()
    tags, links = kept(article)
    assert tags == [tag.name for tag in article.tags.all()]
    assert links == [
        {"title": link.title, "target": link.target_id, "url": link.url}
        for link in article.links_after_body()
    ]
    assert links, "the seed has links after its body"
