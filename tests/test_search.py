import re
from datetime import timedelta

import pytest

from django.db import connection
from django.utils import timezone

from articles.ingest import import_seeds
from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, clean_query, search_articles

from .conftest import make_article

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the fallback search runs on SQLite"
)


def page_text(response) -> str:
    html = re.sub(
        r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def result_headlines(response) -> list[str]:
    return [article.headline for article in response.context["articles"]]


class CleanQueryTests:
    @pytest.mark.parametrize(
        ("raw", "text"),
        [
            ("  port   strike ", "port strike"),
            ("port\x00strike", "port strike"),
            ("port\u00a0strike\t", "port strike"),
            ("Zürich", "Zürich"),
        ],
    )
    def test_query_is_tidied_before_it_runs(self, raw, text):
        query = clean_query(raw)
        assert query.text == text
        assert query.is_runnable

    @pytest.mark.parametrize("raw", ["", "   ", "\t\n", "\x00"])
    def test_empty_query_does_not_run_and_is_no_problem(self, raw):
        query = clean_query(raw)
        assert not query.is_runnable
        assert query.problem == ""

    @pytest.mark.parametrize("raw", ["!!!", "?? -- ''", "___", "<>&;%"])
    def test_query_without_letters_or_digits_is_refused_with_a_reason(self, raw):
        query = clean_query(raw)
        assert not query.is_runnable
        assert "at least one letter or number" in query.problem

    def test_overlong_query_is_refused_with_a_reason(self):
        query = clean_query("strike " * 2000)
        assert not query.is_runnable
        assert f"longer than {MAX_QUERY_LENGTH} characters" in query.problem
        assert len(query.text) == MAX_QUERY_LENGTH


@pytest.mark.django_db
class SearchArticlesTests:
    def test_headline_matches_rank_above_body_matches(self, world):
        in_body = make_article(
            headline="Dock talks resume",
            body="Crane drivers joined the walkout.",
            published_at=timezone.now() - timedelta(minutes=5),
        )
        in_headline = make_article(
            headline="Crane drivers strike",
            body="Work stopped.",
            published_at=timezone.now() - timedelta(days=3),
        )
        found = list(search_articles(Article.objects.published(), "crane"))
        assert found == [in_headline, in_body]

    def test_every_word_must_match(self, world):
        both = make_article(headline="Harbour strike ends", body="Cranes move again.")
        make_article(headline="Harbour reopens", body="Ships arrive.")
        found = list(search_articles(Article.objects.published(), "harbour cranes"))
        assert found == [both]

    @on_postgresql
    def test_postgresql_finds_other_forms_of_a_word(self, world):
        article = make_article(headline="Dock workers strike", body="They walked out.")
        found = list(search_articles(Article.objects.published(), "striking walks"))
        assert found == [article]

    @on_postgresql
    def test_postgresql_reads_quoted_phrases_and_excluded_words(self, world):
        phrase = make_article(headline="Port strike ends", body="Ships sail.")
        other = make_article(headline="Strike at the port", body="Ships wait.")
        published = Article.objects.published()
        assert list(search_articles(published, '"port strike"')) == [phrase]
        assert list(search_articles(published, "strike -sail")) == [other]

    @on_postgresql
    def test_the_search_document_follows_every_way_an_article_is_written(
        self, world, tmp_path
    ):
        (tmp_path / "001_ferry.txt").write_text(
            "Ferry Returns [UPDATE]\n\nThe ferry docked at Kelpford.\n",
            encoding="utf-8",
        )
        import_seeds([tmp_path])  # plain INSERTs, no model save
        published = Article.objects.published()
        found = search_articles(published, "kelpford")
        assert [article.source_id for article in found] == ["ferry"]
        assert search_articles(published, "update").count() == 1  # the label

        Article.objects.filter(source_id="ferry").update(
            dek="It sails to Grimsby.", body="It sails to Grimsby."
        )
        assert not search_articles(published, "kelpford").exists()
        assert search_articles(published, "grimsby").count() == 1

    @on_sqlite
    def test_sqlite_matches_words_case_insensitively_anywhere(self, world):
        article = make_article(headline="Dock workers", body="The STRIKE goes on.")
        found = list(search_articles(Article.objects.published(), "strike"))
        assert found == [article]


@pytest.mark.django_db
class SearchPageTests:
    def test_search_page_lists_published_matches(self, client, world):
        make_article(headline="Harbour cranes idle as dock workers strike")
        make_article(headline="Draft on the strike", status=Article.Status.DRAFT)
        make_article(
            headline="Embargoed strike story",
            published_at=timezone.now() + timedelta(hours=2),
        )
        make_article(headline="Budget passes")

        response = client.get("/search/", {"q": "strike"})

        assert response.status_code == 200
        assert "articles/search.html" in [t.name for t in response.templates]
        assert result_headlines(response) == [
            "Harbour cranes idle as dock workers strike"
        ]
        text = page_text(response)
        assert "1 article found for “strike”." in text
        html = response.content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html
        assert 'value="strike"' in html

    def test_no_match_says_so_kindly(self, client, world):
        make_article(headline="Budget passes")
        text = page_text(client.get("/search/", {"q": "volcano"}))
        assert "No articles found for “volcano”." in text

    def test_results_are_paginated_and_keep_the_query(self, client, world):
        for number in range(25):
            make_article(
                headline=f"Strike update {number:02d}",
                published_at=timezone.now() - timedelta(minutes=number),
            )
        first = client.get("/search/", {"q": "strike"})
        assert len(first.context["articles"]) == 20
        assert "25 articles found for “strike”, page 1 of 2." in page_text(first)
        assert 'href="?q=strike&amp;page=2"' in first.content.decode()

        second = client.get("/search/", {"q": "strike", "page": "2"})
        assert len(second.context["articles"]) == 5

    @pytest.mark.parametrize("page", ["abc", "999", "-1", "1" * 40])
    def test_odd_page_numbers_show_a_page_instead_of_an_error(
        self, client, world, page
    ):
        make_article(headline="Strike update")
        response = client.get("/search/", {"q": "strike", "page": page})
        assert response.status_code == 200
        assert result_headlines(response) == ["Strike update"]

    @pytest.mark.parametrize("query", ["", "   ", "\t"])
    def test_empty_search_invites_the_reader_to_type(self, client, world, query):
        make_article(headline="Strike update")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "Type a few words" in page_text(response)
        assert result_headlines(response) == []

    def test_search_page_without_a_query_invites_the_reader_to_type(
        self, client, world
    ):
        response = client.get("/search/")
        assert response.status_code == 200
        assert "Type a few words" in page_text(response)

    @pytest.mark.parametrize(
        "query",
        [
            "x" * 10_000,
            "strike " * 1500,
            "!!! ??? ***",
            "' OR 1=1 --",
            "volcano\x00 eruption",
            "<script>alert(1)</script>",
            "%_%",
            "a & | ! ( ) : * b",
        ],
    )
    def test_absurd_queries_get_a_friendly_page(self, client, world, query):
        make_article(headline="Strike update")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert 'class="notice"' in html

    def test_overlong_query_is_explained(self, client, world):
        response = client.get("/search/", {"q": "x" * 10_000})
        assert f"longer than {MAX_QUERY_LENGTH} characters" in page_text(response)

    def test_search_page_query_count_does_not_grow_with_results(
        self, client, world, django_assert_max_num_queries
    ):
        for number in range(30):
            make_article(headline=f"Strike update {number}", tags=["Strikes"])
        with django_assert_max_num_queries(4):
            response = client.get("/search/", {"q": "strike"})
        assert len(response.context["articles"]) == 20
