"""A picture uploaded on the desk: checked, read for its credit, never kept twice."""

import pytest

from django.test import Client

from articles.images.renditions import make_renditions
from articles.models import Photo, PhotoCredit

from ..conftest import make_credit, make_photo
from ..images.samples import picture, upload, xmp_packet

pytestmark = pytest.mark.django_db

PHOTOS = "/admin/articles/photo/"
WIRE_IPTC = {
    (2, 80): b"OLGA MALTSEVA",
    (2, 110): b"OLGA MALTSEVA/AFP via Getty Images",
    (2, 120): b"Cranes stand idle in the harbour at dawn.",
}


def add_photo(client: Client, data: bytes, name: str = "harbour.jpg", **fields):
    form = {"alt_text": "Idle cranes", "caption": "", "credit": "", **fields}
    return client.post(f"{PHOTOS}add/", {**form, "image": upload(data, name)})


def change_photo(client: Client, photo: Photo, data: bytes, **fields):
    page = client.get(f"{PHOTOS}{photo.pk}/change/")
    form = {
        "alt_text": photo.alt_text or "Idle cranes",
        "caption": photo.caption,
        "credit": photo.credit_id or "",
        "opened_state": page.context["adminform"].form["opened_state"].value(),
        **fields,
    }
    return client.post(f"{PHOTOS}{photo.pk}/change/", {**form, "image": upload(data)})


def image_errors(response) -> list[str]:
    assert response.status_code == 200, response.get("Location")
    return response.context["adminform"].form.errors["image"]


def shown_messages(client: Client, response) -> list[str]:
    page = client.get(response["Location"])
    return [str(message) for message in page.context["messages"]]


def stored_files(media_root) -> list:
    """The pictures kept; thumbnails drawn for a page (CACHE/) are not uploads."""
    return sorted(
        path
        for path in media_root.rglob("*")
        if path.is_file() and "CACHE" not in path.parts
    )


class CreditFromFileTests:
    def test_an_agency_photo_fills_credit_and_caption_and_says_so(
        self, desk_editor_client
    ):
        response = add_photo(desk_editor_client, picture(iptc=WIRE_IPTC))
        assert response.status_code == 302
        photo = Photo.objects.get()
        assert photo.caption == "Cranes stand idle in the harbour at dawn."
        assert photo.credit.text == "OLGA MALTSEVA/AFP via Getty Images"
        assert photo.credit.display == "Olga Maltseva/AFP via Getty Images"
        assert (
            "Credit “Olga Maltseva/AFP via Getty Images” and caption read from "
            "the file." in shown_messages(desk_editor_client, response)
        )

    def test_a_known_credit_and_a_merged_wording_are_matched_not_copied(
        self, desk_editor_client
    ):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS/Jane Doe")])
        data = picture(xmp=xmp_packet(photoshop_Credit="REUTERS/Jane Doe"))
        add_photo(desk_editor_client, data)
        assert Photo.objects.get().credit == keep
        assert PhotoCredit.objects.count() == 1

    def test_exif_artist_alone_becomes_the_credit(self, desk_editor_client):
        add_photo(desk_editor_client, picture(exif={0x013B: "Jane Doe"}))
        assert Photo.objects.get().credit.text == "Jane Doe"

    def test_what_the_editor_typed_wins_over_the_file(self, desk_editor_client):
        credit = make_credit("Tom Smith/Reuters")
        response = add_photo(
            desk_editor_client,
            picture(iptc=WIRE_IPTC),
            caption="Our own caption",
            credit=credit.pk,
        )
        photo = Photo.objects.get()
        assert (photo.caption, photo.credit) == ("Our own caption", credit)
        assert not any(
            "read from the file" in message
            for message in shown_messages(desk_editor_client, response)
        )

    def test_the_picture_for_a_credit_only_photo_keeps_its_credit(
        self, desk_editor_client
    ):
        imported = make_photo(credit=make_credit("Jane Doe/Reuters"))
        response = change_photo(desk_editor_client, imported, picture(iptc=WIRE_IPTC))
        assert response.status_code == 302
        imported.refresh_from_db()
        assert imported.credit.text == "Jane Doe/Reuters"
        assert imported.caption == "Cranes stand idle in the harbour at dawn."
        assert (imported.width, imported.height) == (1600, 1200)
        assert "Caption read from the file." in shown_messages(
            desk_editor_client, response
        )


class DuplicateTests:
    def test_the_same_file_twice_is_refused_offering_the_photo_kept(
        self, desk_editor_client, media_root
    ):
        data = picture(iptc=WIRE_IPTC)
        add_photo(desk_editor_client, data)
        kept = Photo.objects.get()
        make_renditions(kept)  # the admin's save does, once its transaction commits
        files = stored_files(media_root)
        response = add_photo(desk_editor_client, data, "copy-of-harbour.jpg")
        (error,) = image_errors(response)
        assert error.startswith(
            "This picture is already in the library as “<a href="
            f'"/admin/articles/photo/{kept.pk}/change/">Cranes stand idle in the '
            "harbour at dawn. (Olga Maltseva/AFP via Getty Images, 1600×1200, "
        )
        assert "”; use that photo." in error
        assert 'class="photo-thumbnail"' in error
        assert error in response.content.decode()
        assert Photo.objects.count() == 1
        assert stored_files(media_root) == files

    def test_a_picture_loaded_from_a_script_is_found_too(self, desk_editor_client):
        data = picture()
        Photo.objects.create(
            image=upload(data, "from-the-shell.jpg"), alt_text="Cranes"
        )
        (error,) = image_errors(add_photo(desk_editor_client, data))
        assert "already in the library" in error

    def test_giving_a_photo_its_own_picture_again_is_fine(self, desk_editor_client):
        data = picture()
        add_photo(desk_editor_client, data)
        photo = Photo.objects.get()
        assert change_photo(desk_editor_client, photo, data).status_code == 302


class RefusedUploadTests:
    @pytest.mark.parametrize(
        "data, name, start",
        [
            (b"MZ\x90\x00 not a picture", "harbour.jpg", "“harbour.jpg” is not a"),
            (picture()[:4000], "harbour.jpg", "“harbour.jpg” is damaged"),
            (picture(fmt="PNG"), "harbour.jpg", "“harbour.jpg” is named .jpg but"),
        ],
    )
    def test_a_bad_file_is_a_field_error_and_nothing_is_written(
        self, desk_editor_client, media_root, data, name, start
    ):
        response = add_photo(desk_editor_client, data, name)
        (error,) = image_errors(response)
        assert error.startswith(start)
        assert not Photo.objects.exists()
        assert not PhotoCredit.objects.exists()
        assert stored_files(media_root) == []

    def test_a_file_over_the_limit_is_refused(self, desk_editor_client, settings):
        settings.PHOTO_MAX_UPLOAD_BYTES = 10_000
        (error,) = image_errors(add_photo(desk_editor_client, picture() * 2))
        assert "a photo may be at most 9.8 KB" in error

    def test_a_bad_file_with_a_file_credit_creates_no_credit(self, desk_editor_client):
        data = picture(iptc=WIRE_IPTC)
        response = add_photo(desk_editor_client, data, alt_text="")
        assert response.status_code == 200
        assert not PhotoCredit.objects.exists()


class AcceptedUploadTests:
    def test_a_portrait_phone_photo_is_kept_portrait(self, desk_editor_client):
        add_photo(desk_editor_client, picture((1600, 1200), orientation=6, gps=True))
        photo = Photo.objects.get()
        assert (photo.width, photo.height) == (1200, 1600)
        assert b"52" not in photo.image.read()[:2000].split(b"JFIF")[0]

    def test_a_small_picture_is_kept_with_a_warning_naming_its_width(
        self, desk_editor_client
    ):
        response = add_photo(desk_editor_client, picture((640, 480)))
        assert Photo.objects.get().width == 640
        assert (
            "This picture is only 640 px wide; pictures narrower than 1,000 px "
            "look blurred on wide screens. Upload a larger version if there is one."
        ) in shown_messages(desk_editor_client, response)

    def test_the_form_offers_only_the_four_formats(self, desk_editor_client):
        html = desk_editor_client.get(f"{PHOTOS}add/").content.decode()
        assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html
        assert (
            "A JPEG, PNG, WebP or GIF image of at most 40.0 MB and 80 megapixels, "
            "ideally 1,000 px wide or more."
        ) in html


class PickerTests:
    def picker(self, client: Client, term: str) -> list[dict]:
        response = client.get(
            f"{PHOTOS}picker/",
            {
                "term": term,
                "app_label": "articles",
                "model_name": "article",
                "field_name": "lead_photo",
            },
        )
        assert response.status_code == 200
        return response.json()["results"]

    def test_photos_are_offered_with_thumbnail_caption_credit_and_size(
        self, desk_editor_client
    ):
        add_photo(desk_editor_client, picture(iptc=WIRE_IPTC))
        make_renditions(Photo.objects.get())
        make_photo(caption="Ferry at sunset", credit=make_credit("Jane Doe/Reuters"))
        (found,) = self.picker(desk_editor_client, "maltseva")
        photo = Photo.objects.get(credit__text__startswith="OLGA")
        assert found["id"] == str(photo.pk)
        assert found["text"] == str(photo)
        assert found["caption"] == "Cranes stand idle in the harbour at dawn."
        assert found["credit"] == "Olga Maltseva/AFP via Getty Images"
        assert found["size"] == "1600×1200 px"
        assert found["thumbnail"].startswith('<img class="photo-thumbnail" src="/')
        (ferry,) = self.picker(desk_editor_client, "sunset")
        assert ferry["size"] == "no picture yet"
        assert "Credit only" in ferry["thumbnail"]

    def test_photos_of_one_agency_are_told_apart(self, desk_editor_client):
        credit = make_credit()
        make_photo(credit=credit)
        make_photo(credit=credit, caption="Cranes")
        texts = [found["text"] for found in self.picker(desk_editor_client, "afp")]
        assert len(set(texts)) == 2
        assert not any(text.startswith("Photo #") for text in texts)

    def test_the_article_form_uses_the_picker(self, desk_editor_client):
        html = desk_editor_client.get("/admin/articles/article/add/").content.decode()
        assert 'data-ajax--url="/admin/articles/photo/picker/"' in html
        assert "photo-picker" in html
        assert "js/photo_picker.js" in html

    def test_a_reporter_gets_the_picker_too_but_not_a_crafted_source(
        self, reporter_client
    ):
        assert self.picker(reporter_client, "") == []
        response = reporter_client.get(
            f"{PHOTOS}picker/",
            {"app_label": "articles", "model_name": "nothing", "field_name": "x"},
        )
        assert response.status_code == 403
