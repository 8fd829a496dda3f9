"""The raw SQL that writes many rows at once: the columns it relies on, COPY.

``bulk_sql`` builds its statements from the models' ``_meta``, and the
importer names the columns it fills; a column added, removed or renamed
under them (by a model change or a django-simple-history upgrade) must be
looked at there, so the first test fails until it has been.
"""

import pytest
from taggit.models import Tag

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Article, Photo, RelatedLink, TaggedArticle
from articles.models.bulk_sql import allocate_ids, copy_rows

from ..conftest import make_article, make_credit, make_photo

pytestmark = pytest.mark.django_db
only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's"
)

# The columns of every table bulk_sql writes, as its statements were written
# for. When this fails: read ingest/writes.py and bulk_sql.record_history
# for what the new column needs (a value on import, a copy in the history),
# then update this list.
COLUMNS_WRITTEN = {
    Article: [
        "id", "headline", "slug", "label", "dek", "body", "body_html", "section_id",
        "byline", "status", "published_at", "created_at", "updated_at", "lead_photo_id",
        "headline_key", "source_id", "source_file", "source_hash", "imported_at",
        "search_document",
    ],
    Article.history.model: [
        "id", "tag_names", "links_after", "headline", "slug", "label", "dek",
        "body", "byline", "status", "published_at", "created_at", "source_id",
        "source_file", "source_hash", "imported_at", "section_id",
        "lead_photo_id", "history_id", "history_date", "history_change_reason",
        "history_type", "history_user_id",
    ],
    Photo: [
        "id", "image", "caption", "alt_text", "credit_id", "width", "height",
        "content_hash", "file_size", "focal_x", "focal_y", "is_own", "created_at",
    ],
    RelatedLink: [
        "id", "article_id", "placement", "position", "title", "title_key",
        "target_id", "url",
    ],
    TaggedArticle: ["id", "tag_id", "content_object_id"],
}  # fmt: skip


@pytest.mark.parametrize(
    "model", COLUMNS_WRITTEN, ids=[model._meta.db_table for model in COLUMNS_WRITTEN]
)
def test_the_tables_bulk_sql_writes_have_the_columns_it_was_written_for(model):
    assert [field.column for field in model._meta.concrete_fields] == (
        COLUMNS_WRITTEN[model]
    )


def test_a_bulk_history_row_is_the_row_an_editors_save_records(world):
    editor = get_user_model().objects.create_user("desk", is_staff=True)
    target = make_article(headline="Dock talks resume")
    article = make_article(
        headline="Port strike ends", label="UPDATE", tags=["Ports", "strikes"]
    )
    RelatedLink.objects.create(
        article=article,
        placement="after",
        position=1,
        title="Dock talks resume",
        target=target,
    )
    RelatedLink.objects.create(
        article=article,
        placement="after",
        position=0,
        title="Port budget",
        url="https://example.org/budget",
    )
    # Inline links follow the body; a version keeps only those after it.
    RelatedLink.objects.create(
        article=article, placement="inline", position=0, title="Inline"
    )
    history = Article.history.model
    article._change_reason = "Moved"
    article.save()
    by_signal = history.objects.filter(history_id=article.history.first().pk)

    Article.objects.filter(pk=article.pk).record_change(editor, "Moved")
    by_sql = history.objects.filter(pk=article.history.first().pk)

    kept = [
        field.name
        for field in history._meta.concrete_fields
        if field.name not in {"history_id", "history_date", "history_user"}
    ]
    assert list(by_sql.values(*kept)) == [
        {**row, "history_type": "~"} for row in by_signal.values(*kept)
    ]
    assert by_sql.get().history_user == editor
    assert (by_sql.get().tag_names, by_sql.get().links_after) == (
        ["Ports", "strikes"],
        [
            {
                "title": "Port budget",
                "target": None,
                "url": "https://example.org/budget",
            },
            {"title": "Dock talks resume", "target": target.pk, "url": ""},
        ],
    )


@only_postgresql
def test_ids_taken_ahead_are_never_given_to_later_rows(world):
    ids = allocate_ids(Photo, 3)
    assert len(set(ids)) == 3
    assert make_photo().pk > max(ids)


@only_postgresql
def test_copied_rows_keep_their_values_and_nulls(world):
    credit = make_credit()
    [pk] = allocate_ids(Photo, 1)
    copy_rows(
        Photo._meta.db_table,
        [
            "id",
            "credit_id",
            "image",
            "caption",
            "alt_text",
            "width",
            "height",
            "created_at",
        ],
        [(pk, credit.pk, "", "Cranes at dawn — idle", "", None, 480, timezone.now())],
    )
    photo = Photo.objects.get(pk=pk)
    assert (photo.credit, photo.caption, photo.width, photo.height) == (
        credit,
        "Cranes at dawn — idle",
        None,
        480,
    )


@only_postgresql
def test_rows_the_database_refuses_raise_djangos_error(world):
    article = make_article()
    tag = Tag.objects.create(name="Harbour")
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_rows(
            TaggedArticle._meta.db_table,
            ["content_object_id", "tag_id"],
            [(article.pk, tag.pk), (article.pk, tag.pk)],
        )
    assert not TaggedArticle.objects.exists()
