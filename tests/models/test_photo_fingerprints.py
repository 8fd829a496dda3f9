"""Every picture, however it arrived, is known by its hash; photos can be told apart."""

import hashlib
from datetime import UTC, datetime

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.images.uploads import prepare_upload
from articles.models import Photo

from ..conftest import make_credit, make_image, make_photo
from ..images.samples import picture, upload

pytestmark = pytest.mark.django_db


class FingerprintTests:
    def test_a_picture_saved_from_the_shell_gets_its_hash_and_size(self):
        image = make_image(size=(64, 48))
        data = image.read()
        photo = Photo.objects.create(image=image, alt_text="Cranes")
        photo.refresh_from_db()
        assert photo.content_hash == hashlib.sha256(data).hexdigest()
        assert photo.file_size == len(data)
        assert Photo.objects.holding(photo.content_hash).get() == photo

    def test_a_save_that_leaves_the_picture_keeps_its_hash(self, monkeypatch):
        photo = Photo.objects.create(image=make_image(), alt_text="Cranes")
        stored = photo.content_hash
        photo = Photo.objects.get(pk=photo.pk)
        monkeypatch.setattr(
            "articles.models.photos.fingerprint",
            lambda file: pytest.fail("the file was read again"),
        )
        photo.caption = "Cranes at dawn"
        photo.save()
        assert Photo.objects.get(pk=photo.pk).content_hash == stored

    def test_a_new_picture_gets_a_new_hash_and_no_picture_none(self):
        photo = Photo.objects.create(image=make_image(), alt_text="Cranes")
        first = photo.content_hash
        photo.image = make_image(size=(30, 30))
        photo.save()
        assert photo.content_hash not in ("", first)
        photo.image = None
        photo.save()
        assert (photo.content_hash, photo.file_size) == ("", None)

    def test_an_upload_keeps_the_hash_of_the_file_as_it_arrived(self):
        data = picture((400, 300), gps=True, orientation=6)
        prepared = prepare_upload(upload(data))
        photo = Photo.objects.create(image=prepared.file, alt_text="Cranes")
        assert photo.content_hash == hashlib.sha256(data).hexdigest()
        assert photo.file_size == photo.image.size != len(data)
        assert (photo.width, photo.height) == (300, 400)

    def test_no_hash_finds_nothing(self):
        make_photo()
        assert not Photo.objects.holding("").exists()


class NameTests:
    def test_a_photo_is_named_by_caption_credit_size_and_date(self):
        photo = Photo.objects.create(
            image=ContentFile(picture((1600, 1200)), name="a.jpg"),
            alt_text="Cranes",
            caption="Cranes stand idle at dawn",
            credit=make_credit(),
        )
        day = timezone.localtime(photo.created_at).strftime("%-d %b %Y")
        assert str(photo) == (
            "Cranes stand idle at dawn (Olga Maltseva/AFP via Getty Images, "
            f"1600×1200, {day})"
        )

    def test_two_credit_only_photos_of_one_agency_differ_by_date(self):
        first = make_photo()
        second = make_photo()
        Photo.objects.filter(pk=first.pk).update(
            created_at=datetime(2026, 3, 1, 12, tzinfo=UTC)
        )
        first.refresh_from_db()
        assert str(first) == (
            "Olga Maltseva/AFP via Getty Images (no picture yet, 1 Mar 2026)"
        )
        assert str(first) != str(second)
        assert "Photo #" not in str(first)

    def test_a_long_caption_is_shortened_at_a_word(self):
        photo = make_photo(caption="Harbour " * 20, credit=None)
        assert str(photo).startswith("Harbour Harbour")
        assert str(photo).split(" (")[0].endswith("…")
        assert len(str(photo).split(" (")[0]) <= 60
