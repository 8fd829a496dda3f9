"""The body as readers get it: rendered once per change, by save and by migration."""

import importlib

import pytest

from django.apps import apps

from articles.models import Article
from articles.text.body import render_body

from ..conftest import make_article, make_link

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("articles.migrations.0004_body_markdown")


@pytest.fixture
def renders(monkeypatch):
    """Count the bodies the model renders."""
    import articles.models.article_body as module

    calls = []

    def counting(text: str) -> str:
        calls.append(text)
        return render_body(text)

    monkeypatch.setattr(module, "render_body", counting)
    return calls


class RenderOnSaveTests:
    def test_a_new_article_is_rendered_when_saved(self, world):
        article = make_article(body="The *ferry* sank.\n\n- one\n- two")
        stored = Article.objects.values_list("body_html", flat=True).get(pk=article.pk)
        assert stored == (
            "<p>The <em>ferry</em> sank.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        )

    def test_a_changed_body_is_rendered_again_and_an_unchanged_one_is_not(
        self, world, renders
    ):
        article = make_article(body="First.")
        article = Article.objects.get(pk=article.pk)
        renders.clear()
        article.headline = "A new headline"
        article.save()
        assert renders == []
        article.body = "Second, **bold**."
        article.save()
        assert renders == ["Second, **bold**."]
        assert Article.objects.get(pk=article.pk).body_html == (
            "<p>Second, <strong>bold</strong>.</p>\n"
        )

    def test_saving_only_the_body_saves_its_html_too(self, world):
        article = Article.objects.get(pk=make_article(body="First.").pk)
        article.body = "## Changed"
        article.save(update_fields=["body"])
        assert Article.objects.get(pk=article.pk).body_html == "<h2>Changed</h2>\n"

    def test_saving_other_fields_leaves_the_html_alone(self, world, renders):
        article = Article.objects.get(pk=make_article(body="First.").pk)
        article.body = "Not saved."
        article.save(update_fields=["headline"])
        stored = Article.objects.get(pk=article.pk)
        assert (stored.body, stored.body_html) == ("First.", "<p>First.</p>\n")

    def test_a_body_restored_from_history_is_rendered(self, world):
        article = make_article(body="The *original*.")
        article.body = "Rewritten."
        article.save()
        restored = article.history.earliest().instance
        restored.save()
        assert Article.objects.get(pk=article.pk).body_html == (
            "<p>The <em>original</em>.</p>\n"
        )

    def test_the_html_is_no_part_of_the_history(self, world):
        article = make_article(body="Text.")
        assert "body_html" not in {
            field.name for field in article.history.model._meta.fields
        }


class ReadAlsoLinkTests:
    def test_a_point_links_through_the_inline_link_of_its_position_and_title(
        self, world
    ):
        target = make_article(headline="Port strike ends")
        article = make_article(body="Text.\n\nRead Also: Port strike ends")
        article.sync_inline_links()
        article = Article.objects.for_page().get(pk=article.pk)
        link = article.read_also_link(0, "portstrikeends")
        assert link.target == target
        # A point whose title changed has no link until the links catch up.
        assert article.read_also_link(0, "ferryfaresrise") is None
        assert article.read_also_link(1, "portstrikeends") is None

    def test_links_after_the_body_are_not_read_also_links(self, world):
        article = make_article(body="Text.")
        make_link(article, "Port strike ends", position=0)
        assert article.read_also_link(0, "portstrikeends") is None


class MigrationTests:
    """0004 keeps every body reading as it did, and renders it."""

    OLD_BODIES = {
        # The plain format, as editors and imports left it.
        "*** Urgent *** markets fall\n\n##What next\n\n2024. A year.\n\n"
        "Read Also: Port strike ends\n\n\\Read Also: not a point\n\n"
        "- said the minister\n\n<b>bold</b> & [x](y)": (
            "<p>*** Urgent *** markets fall</p>\n<h2>What next</h2>\n"
            "<p>2024. A year.</p>\n"
            '<p class="read-also"><span class="read-also-marker">Read Also:</span> '
            "<!--read-also 0 portstrikeends-->"
            '<span class="unresolved-link">Port strike ends</span>'
            "<!--/read-also--></p>\n"
            "<p>Read Also: not a point</p>\n<p>- said the minister</p>\n"
            "<p>&lt;b&gt;bold&lt;/b&gt; &amp; [x](y)</p>\n"
        ),
        "": "",
    }

    def test_old_bodies_and_their_history_read_as_before(self, world):
        articles = []
        for body in self.OLD_BODIES:
            article = make_article(body="placeholder")
            Article.objects.filter(pk=article.pk).update(body=body, body_html="")
            Article.history.filter(id=article.pk).update(body=body)
            articles.append(article)
        stamps = dict(Article.objects.values_list("pk", "updated_at"))

        MIGRATION.markdown_bodies(apps, None)

        for article, expected in zip(articles, self.OLD_BODIES.values(), strict=True):
            stored = Article.objects.get(pk=article.pk)
            assert stored.body_html == expected
            assert render_body(stored.body) == expected
            assert [row.body for row in stored.history.all()] == [stored.body]
        # Readers see no change: the articles count as unedited.
        assert dict(Article.objects.values_list("pk", "updated_at")) == stamps

    def test_the_old_leading_backslash_becomes_an_escape_of_the_new(self, world):
        article = make_article(body="placeholder")
        Article.objects.filter(pk=article.pk).update(body="A *star*\n\n\\## kept")
        MIGRATION.markdown_bodies(apps, None)
        stored = Article.objects.get(pk=article.pk)
        assert stored.body == "A \\*star\\*\n\n\\## kept"
        assert stored.body_html == "<p>A *star*</p>\n<p>## kept</p>\n"
