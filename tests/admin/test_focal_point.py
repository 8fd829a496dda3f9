"""The photo form: renditions made on save, a focal point to click, crops follow."""

import io
import re

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.images.renditions import make_renditions
from articles.models import Photo

from ..conftest import make_credit, make_photo

pytestmark = pytest.mark.django_db
PHOTOS = "/admin/articles/photo/"


def jpeg(size=(1600, 900)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, *size))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("quay.jpg", buffer.getvalue(), "image/jpeg")


def form_data(photo: Photo | None = None, **overrides) -> dict:
    data = {
        "alt_text": "Cranes over an empty quay",
        "caption": photo.caption if photo else "",
        "credit": photo.credit_id if photo else make_credit().pk,
        "focal_x": photo.focal_x if photo else 0.5,
        "focal_y": photo.focal_y if photo else 0.5,
    }
    data.update(overrides)
    return data


def test_uploading_a_picture_makes_its_renditions_once_saved(
    desk_editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_editor_client.post(f"{PHOTOS}add/", form_data(image=jpeg()))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.renditions.filter(crop="social", width=1200).exists()
    assert photo.renditions.filter(crop="square", width=160, format="jpeg").exists()


def test_a_new_focal_point_remakes_the_crops(
    desk_editor_client, django_capture_on_commit_callbacks
):
    photo = make_photo(image=jpeg(), alt_text="Cranes over an empty quay")
    make_renditions(photo)
    before = set(photo.renditions.filter(crop="square").values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_editor_client.post(
            f"{PHOTOS}{photo.pk}/change/", form_data(photo, focal_x="0", focal_y="0")
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.0, 0.0)
    square = photo.renditions.get(crop="square", format="jpeg", width=160)
    assert square.file.name not in before
    with square.file.open("rb") as file:
        red, _, blue = Image.open(file).convert("RGB").getpixel((80, 80))
    assert red > blue


def test_a_caption_change_does_not_remake_the_renditions(
    desk_editor_client, django_capture_on_commit_callbacks
):
    photo = make_photo(image=jpeg(), alt_text="Cranes over an empty quay")
    make_renditions(photo)
    pks = set(photo.renditions.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        desk_editor_client.post(
            f"{PHOTOS}{photo.pk}/change/", form_data(photo, caption="Still")
        )
    assert set(photo.renditions.values_list("pk", flat=True)) == pks


@pytest.mark.parametrize("value", ["1.5", "-0.1", "left"])
def test_a_focal_point_off_the_picture_is_refused_on_its_field(
    desk_editor_client, value
):
    photo = make_photo(image=jpeg(), alt_text="Cranes over an empty quay")
    response = desk_editor_client.post(
        f"{PHOTOS}{photo.pk}/change/", form_data(photo, focal_x=value)
    )
    assert response.status_code == 200
    assert "focal_x" in response.context["adminform"].form.errors
    photo.refresh_from_db()
    assert photo.focal_x == 0.5


def test_a_form_without_the_point_keeps_the_stored_one(desk_editor_client):
    photo = make_photo(
        image=jpeg(), alt_text="Cranes over an empty quay", focal_x=0.2, focal_y=0.9
    )
    data = form_data(photo, caption="New")
    del data["focal_x"], data["focal_y"]
    response = desk_editor_client.post(f"{PHOTOS}{photo.pk}/change/", data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y, photo.caption) == (0.2, 0.9, "New")


def test_the_form_shows_a_rendition_to_click_and_the_crops_never_the_original(
    desk_editor_client,
):
    photo = make_photo(image=jpeg(), alt_text="Cranes over an empty quay")
    make_renditions(photo)
    html = desk_editor_client.get(f"{PHOTOS}{photo.pk}/change/").content.decode()
    picker = html[html.index('class="focal-point"') :]
    assert re.search(
        r'class="focal-point-picture" src="/media/renditions/[^"]+\.jpg" '
        r'width="640" height="360"',
        picker,
    )
    for crop in ("card", "square", "social"):
        assert f"focal-crop-{crop}" in picker
    assert "/media/photos/" not in picker
    assert '<script src="/static/js/focal_point.js"></script>' in html
    assert 'name="focal_x"' in html and 'name="focal_y"' in html


def test_a_picture_without_renditions_yet_says_so(desk_editor_client):
    photo = make_photo(image=jpeg(), alt_text="Cranes over an empty quay")
    html = desk_editor_client.get(f"{PHOTOS}{photo.pk}/change/").content.decode()
    assert "being prepared" in html
    # The desk may follow the file input's link; the form never loads it.
    assert not re.search(r"<img [^>]*/media/photos/", html)


def test_deleting_a_photo_deletes_its_rendition_files_but_not_shared_ones(
    desk_editor_client, django_capture_on_commit_callbacks
):
    photo = make_photo(image=jpeg((400, 300)), alt_text="Cranes over an empty quay")
    twin = make_photo(image=jpeg((400, 300)), alt_text="The same picture")
    lone = make_photo(image=jpeg((500, 300)), alt_text="Another picture")
    for each in (photo, twin, lone):
        make_renditions(each)
    storage = photo.renditions.first().file.storage
    shared = list(photo.renditions.values_list("file", flat=True))
    own = list(lone.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_editor_client.post(
            f"{PHOTOS}{photo.pk}/delete/", {"post": "yes"}
        )
        desk_editor_client.post(
            PHOTOS,
            {"action": "delete_selected", "_selected_action": [lone.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert all(storage.exists(name) for name in shared)
    assert not any(storage.exists(name) for name in own)


def test_a_new_photos_form_starts_with_the_focal_point_at_the_centre(
    desk_editor_client,
):
    html = desk_editor_client.get(f"{PHOTOS}add/").content.decode()
    for name in ("focal_x", "focal_y"):
        assert re.search(
            rf'<input[^>]*name="{name}"[^>]*value="0.5"', html
        ) or re.search(rf'<input[^>]*value="0.5"[^>]*name="{name}"', html), name
