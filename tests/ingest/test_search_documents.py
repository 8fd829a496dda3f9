import threading
from concurrent.futures import wait
from pathlib import Path

import pytest

from django.db import connection
from django.db.models import F

from articles.ingest import Outcome, import_seeds
from articles.ingest.search_documents import GROUP_SIZE, DocumentMaker, Documents
from articles.models import Article

from ..conftest import backends, backends_left, make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="search documents need PostgreSQL"
    ),
]

# Wire copy with what PostgreSQL's text parser treats specially: labels,
# accents, numbers, addresses, hyphens, apostrophes, an empty lede.
WIRE = [
    "Ferry Returns [UPDATE]\n\nThe ferry docked at Kelpford at 6.30am.\n",
    "Café Owners Rally in Zürich\n(Photo : REUTERS/Jane Doe)\n"
    "Owners of cafés met on Tuesday; see https://example.com/a?q=1.\n\n"
    "Prices rose 4.5% in 2024-25, the co-op's chair told desk@example.com.\n",
    "Port Strike Ends [REPORT]\n\nDock workers voted 312-40 to return.\n\n"
    "## What Comes Next\n\nTalks resume on Monday at the harbour office.\n",
    "Storm Closes Island Schools\n\nEvery school stayed shut on Tuesday.\n",
    "Budget Passes After All-Night Session\n\nThe council's vote was 7-2.\n",
    "Satellite Launch Delayed Again [VIDEO]\n\n"
    "Engineers found a fault in stage two — the third this year.\n",
    "Harbour Cranes Idle\n\nNobody said why.\n",
]


def write_wire(folder: Path) -> None:
    for number, text in enumerate(WIRE):
        (folder / f"{number:03}_wire{number}.txt").write_text(text, encoding="utf-8")


def stored_documents() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_document::text FROM articles_article")
        return dict(cursor.fetchall())


def stored_and_recomputed(article: Article) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text, "
            "articles_search_document(headline, label, dek, body)::text "
            "FROM articles_article WHERE id = %s",
            [article.pk],
        )
        return cursor.fetchone()


@pytest.mark.slow
def test_documents_computed_beside_an_import_are_what_the_trigger_computes(
    tmp_path, monkeypatch
):
    write_wire(tmp_path)
    taken = []
    take = Documents.take

    def take_once_computed(self):
        wait([future for _, _, future in self.groups])
        documents = take(self)
        taken.extend(documents)
        return documents

    monkeypatch.setattr(Documents, "take", take_once_computed)
    result = import_seeds([tmp_path], workers=1, batch_size=2)

    assert result.count(Outcome.CREATED) == len(WIRE)
    # Every batch but the first, parsed here while the worker starts.
    assert len(taken) == len(WIRE) - 2 and None not in taken
    imported = stored_documents()
    Article.objects.update(headline=F("headline"))  # the trigger computes anew
    assert stored_documents() == imported


def test_an_article_saved_through_the_orm_gets_its_document(world):
    article = make_article(
        headline="Crane drivers strike", label="UPDATE", dek="Work stopped."
    )
    stored, recomputed = stored_and_recomputed(article)
    assert stored == recomputed
    assert "'crane':1A" in stored and "'updat'" in stored


def test_an_update_of_the_searched_fields_recomputes_the_document_it_sets(world):
    article = make_article(headline="Crane drivers strike")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET headline = 'Ferry crews strike', "
            "search_document = to_tsvector('stale') WHERE id = %s",
            [article.pk],
        )
    stored, recomputed = stored_and_recomputed(article)
    assert stored == recomputed
    assert "stale" not in stored and "'ferri':1A" in stored


def test_an_insert_that_brings_its_document_keeps_it(world):
    article = make_article(headline="Crane drivers strike", search_document="given")
    stored, recomputed = stored_and_recomputed(article)
    assert stored == "'given'"
    assert recomputed != stored


def test_documents_not_started_when_taken_are_left_to_the_trigger(db):
    texts = ("Crane drivers strike", "", "Work stopped.", "Talks resume.")
    gate = threading.Event()
    before = backends()
    maker = DocumentMaker(connection.alias)
    try:
        first = maker.submit(2, lambda: gate.wait() and [texts, None])
        # The thread waits for the first texts: none of these has started.
        second = maker.submit(GROUP_SIZE + 1, lambda: [texts] * (GROUP_SIZE + 1))
        assert second.take() == [None] * (GROUP_SIZE + 1)
        gate.set()
        computed, not_needed = first.take()
    finally:
        gate.set()
        maker.close()

    assert isinstance(computed, bytes) and not_needed is None
    assert not backends_left(before)


@pytest.mark.slow
def test_an_import_that_fails_leaves_no_connection_behind(tmp_path):
    write_wire(tmp_path)

    def fail(result):
        raise RuntimeError("the report could not be written")

    before = backends()
    with pytest.raises(RuntimeError):
        import_seeds([tmp_path], workers=1, batch_size=2, on_file=fail)
    assert not backends_left(before)


@pytest.mark.slow
def test_a_finished_import_leaves_no_connection_behind(tmp_path):
    write_wire(tmp_path)
    before = backends()
    import_seeds([tmp_path], workers=1, batch_size=2)
    assert not backends_left(before)
