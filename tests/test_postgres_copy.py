import pytest
from taggit.models import Tag

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Photo, TaggedArticle
from articles.models.bulk_sql import allocate_ids, copy_rows

from .conftest import make_article, make_credit, make_photo

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="COPY is PostgreSQL's"
    ),
]


def test_ids_taken_ahead_are_never_given_to_later_rows(world):
    ids = allocate_ids(Photo, 3)
    assert len(set(ids)) == 3
    assert make_photo().pk > max(ids)


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
