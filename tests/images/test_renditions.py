"""Renditions: every crop, width and format, made once, upright and stripped."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.images.renditions import (
    RenditionError,
    crop_box,
    decode,
    make_renditions,
    photos_missing_renditions,
    refresh_renditions,
    widths_for,
)
from articles.models import Photo, Rendition
from articles.models.photos import rendition_storage
from tests.conftest import make_photo

pytestmark = pytest.mark.usefixtures("media_root")


def image_file(image: Image.Image, fmt: str = "JPEG", name: str = "", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return SimpleUploadedFile(name or f"picture.{fmt.lower()}", buffer.getvalue())


def photo_of(image: Image.Image, fmt: str = "JPEG", **fields) -> Photo:
    return make_photo(image=image_file(image, fmt), alt_text="Dockers", **fields)


def halves(size=(800, 450)) -> Image.Image:
    """A picture red on its left half and blue on its right."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, *size))
    return image


def opened(rendition: Rendition) -> Image.Image:
    with rendition.file.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def stored_names() -> set[str]:
    storage = rendition_storage()
    names = set()
    for folder in storage.listdir("")[0]:
        names.update(f"{folder}/{name}" for name in storage.listdir(folder)[1])
    return names


@pytest.mark.django_db
def test_a_large_picture_gets_every_crop_width_and_format():
    photo = photo_of(halves((2400, 1600)))
    make_renditions(photo)
    got = {(r.crop, r.format, r.width) for r in photo.renditions.all()}
    assert {w for c, f, w in got if c == "original" and f == "webp"} == {
        320, 480, 640, 960, 1280, 1600, 2400,
    }  # fmt: skip
    assert {w for c, f, w in got if c == "card" and f == "jpeg"} == {
        320, 480, 640, 960, 1280,
    }  # fmt: skip
    assert {w for c, f, w in got if c == "square"} == {160, 320, 640}
    assert {(f, w) for c, f, w in got if c == "social"} == {("jpeg", 1200)}
    for rendition in photo.renditions.all():
        image = opened(rendition)
        assert image.size == (rendition.width, rendition.height)
        assert image.format == {"jpeg": "JPEG", "webp": "WEBP"}[rendition.format]
        if rendition.crop == "card":
            assert abs(rendition.width / rendition.height - 16 / 9) < 0.01
        if rendition.crop == "square":
            assert rendition.width == rendition.height
    social = photo.renditions.get(crop="social")
    assert (social.width, social.height) == (1200, 630)


@pytest.mark.django_db
def test_a_small_picture_is_never_enlarged_and_gets_fewer_copies():
    photo = photo_of(halves((500, 300)))
    make_renditions(photo)
    widths = set(
        photo.renditions.filter(crop="original", format="jpeg").values_list(
            "width", flat=True
        )
    )
    assert widths == {320, 500}
    assert max(r.width for r in photo.renditions.exclude(crop="social")) == 500


@pytest.mark.django_db
def test_a_tiny_picture_gets_one_copy_of_its_own_size():
    photo = photo_of(Image.new("RGB", (1, 1), (9, 9, 9)), "PNG")
    make_renditions(photo)
    assert set(
        photo.renditions.exclude(crop="social").values_list("width", "height")
    ) == {(1, 1)}


def test_widths_step_up_to_the_picture_and_skip_a_step_too_close_to_it():
    assert widths_for("original", 1000) == [320, 480, 640, 1000]
    assert widths_for("original", 6000)[-1] == 2400
    assert widths_for("square", 100) == [100]


@pytest.mark.parametrize(
    ("focal", "expected"),
    [((0.0, 0.5), (0, 0, 900, 900)), ((1.0, 0.5), (700, 0, 1600, 900))],
)
def test_a_crop_keeps_the_focal_point_in_frame(focal, expected):
    assert crop_box((1600, 900), 1.0, focal) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("focal_x", "colour"), [(0.0, "red"), (1.0, "blue")])
def test_the_square_and_social_crops_follow_the_focal_point(focal_x, colour):
    photo = photo_of(halves((3000, 600)), "PNG", focal_x=focal_x)
    make_renditions(photo)
    for crop in ("square", "card", "social"):
        red, _, blue = (
            opened(photo.renditions.filter(crop=crop, format="jpeg").first())
            .convert("RGB")
            .getpixel((5, 5))
        )
        assert (red > blue) == (colour == "red")


@pytest.mark.django_db
def test_renditions_keep_no_exif_and_no_location():
    image = halves()
    exif = Image.Exif()
    exif[0x013B] = "Olga Maltseva"  # Artist
    exif.get_ifd(0x8825)[2] = (59.0, 26.0, 10.0)  # GPS latitude
    photo = make_photo(image=image_file(image, exif=exif.tobytes()), alt_text="Dockers")
    make_renditions(photo)
    for rendition in photo.renditions.all():
        with rendition.file.open("rb") as file:
            data = file.read()
        assert b"Exif" not in data and b"Olga" not in data
        assert not opened(rendition).getexif()


@pytest.mark.django_db
def test_a_picture_turned_by_exif_comes_out_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: turn 90° clockwise to show
    photo = make_photo(
        image=image_file(halves((1200, 800)), exif=exif.tobytes()), alt_text="x"
    )
    make_renditions(photo)
    largest = photo.renditions.filter(crop="original").order_by("-width").first()
    assert (largest.width, largest.height) == (800, 1200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("image", "fmt"),
    [
        (Image.new("CMYK", (400, 300), (0, 255, 255, 0)), "JPEG"),
        (Image.new("L", (400, 300), 128), "PNG"),
        (Image.new("I;16", (400, 300), 40000), "PNG"),
        (Image.new("LA", (400, 300), (128, 0)), "PNG"),
        (Image.new("RGBA", (400, 300), (0, 0, 0, 0)), "WEBP"),
        (Image.new("P", (400, 300), 3), "GIF"),
    ],
)
def test_every_kind_of_picture_becomes_rgb_and_transparency_white_in_jpeg(image, fmt):
    photo = photo_of(image, fmt)
    make_renditions(photo)
    jpeg = opened(photo.renditions.filter(format="jpeg").first())
    assert jpeg.mode == "RGB"
    if image.mode in ("LA", "RGBA"):
        assert jpeg.getpixel((3, 3)) >= (250, 250, 250)
    webp = opened(photo.renditions.filter(format="webp").first())
    assert webp.mode in ("RGB", "RGBA")


@pytest.mark.django_db
def test_a_cmyk_jpeg_keeps_its_colour():
    photo = photo_of(Image.new("CMYK", (400, 300), (0, 255, 255, 0)))
    make_renditions(photo)
    red, green, blue = opened(photo.renditions.filter(format="jpeg").first()).getpixel(
        (5, 5)
    )
    assert red > 200 and green < 80 and blue < 80


@pytest.mark.django_db
def test_a_large_jpeg_is_decoded_at_a_reduced_scale():
    buffer = io.BytesIO()
    halves((6000, 4000)).save(buffer, "JPEG")
    buffer.seek(0)
    image = decode(buffer, 2400)
    assert 2400 <= image.width < 6000


@pytest.mark.django_db
def test_the_same_picture_twice_shares_its_files_and_names_are_content_hashes():
    first = photo_of(halves())
    second = photo_of(halves())
    make_renditions(first)
    make_renditions(second)
    names = set(first.renditions.values_list("file", flat=True))
    assert names == set(second.renditions.values_list("file", flat=True))
    assert stored_names() == names
    for name in names:
        assert rendition_storage().url(name).startswith("/media/renditions/")
        digest = name.rsplit("/", 1)[1].split(".")[0]
        assert len(digest) == 64 and name.split("/")[0] == digest[:2]


@pytest.mark.django_db
def test_making_again_reuses_every_file(django_capture_on_commit_callbacks):
    photo = photo_of(halves())
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(photo)
        names = stored_names()
        make_renditions(photo)
    assert stored_names() == names
    assert set(photo.renditions.values_list("file", flat=True)) == names


@pytest.mark.django_db
def test_a_new_focal_point_replaces_the_crops_and_deletes_unused_files(
    django_capture_on_commit_callbacks,
):
    photo = photo_of(halves())
    other = photo_of(halves())
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(photo)
        make_renditions(other)
    before = set(photo.renditions.values_list("file", flat=True))
    photo.focal_x = 0.0
    photo.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(photo)
    after = set(photo.renditions.values_list("file", flat=True))
    assert after != before
    # The other photo still uses the old crops: they stay.
    assert stored_names() == after | before
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(Photo.objects.get(pk=other.pk, image=other.image.name))
        other.focal_x = 1.0
        other.save()
        make_renditions(other)
    # Once no photo uses a file, it is gone.
    assert not stored_names() & (before - after - set(all_files()))


def all_files() -> list[str]:
    return list(Rendition.objects.values_list("file", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [b"not a picture at all", b"\xff\xd8\xff\xe0" + b"\0" * 40],
    ids=["text", "truncated-jpeg"],
)
def test_a_broken_picture_raises_a_clear_error_and_keeps_the_old_renditions(
    data,
):
    photo = photo_of(halves())
    make_renditions(photo)
    count = photo.renditions.count()
    photo.image.storage.delete(photo.image.name)
    photo.image.storage.save(photo.image.name, io.BytesIO(data))
    with pytest.raises(RenditionError, match="could not be read"):
        make_renditions(photo)
    assert photo.renditions.count() == count


@pytest.mark.django_db
def test_a_missing_file_raises_a_clear_error():
    photo = photo_of(halves())
    photo.image.storage.delete(photo.image.name)
    with pytest.raises(RenditionError):
        make_renditions(photo)


@pytest.mark.django_db
def test_refresh_makes_them_after_commit(django_capture_on_commit_callbacks):
    photo = photo_of(halves())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        refresh_renditions(photo)
    assert not photo.renditions.exists()
    assert photos_missing_renditions().filter(pk=photo.pk).exists()
    for callback in callbacks:
        callback()
    assert photo.renditions.exists()
    assert not photos_missing_renditions().exists()


@pytest.mark.django_db
def test_refresh_of_an_unreadable_picture_logs_and_does_not_raise(
    django_capture_on_commit_callbacks, caplog
):
    photo = photo_of(halves())
    photo.image.storage.delete(photo.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        refresh_renditions(photo)
    assert "not made" in caplog.text
    assert not photo.renditions.exists()


@pytest.mark.django_db
def test_a_photo_whose_picture_was_removed_loses_its_renditions(
    django_capture_on_commit_callbacks,
):
    photo = photo_of(halves())
    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(photo)
        photo.image = ""
        photo.alt_text = ""
        photo.save()
        make_renditions(photo)
    assert not photo.renditions.exists()
    assert stored_names() == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "exif",
    [
        # Orientation 9: no such value.
        b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00"
        b"\x00\x01\x00\x09\x00\x00",
        b"Exif\x00\x00II*\x00\xff\xff\xff\x7f",
        b"Exif\x00\x00garbage" * 3,
    ],
    ids=["bad-orientation", "offset-past-end", "garbage"],
)
def test_a_picture_with_broken_exif_still_gets_its_renditions(exif):
    photo = make_photo(image=image_file(halves(), exif=exif), alt_text="x")
    make_renditions(photo)
    largest = photo.renditions.filter(crop="original").order_by("-width").first()
    assert (largest.width, largest.height) == (800, 450)


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_with_a_clear_error(monkeypatch):
    photo = photo_of(halves())
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(RenditionError, match="could not be read"):
        make_renditions(photo)
    assert not photo.renditions.exists()


@pytest.mark.django_db
def test_a_large_png_is_reduced_once_and_still_gets_the_widest_copy():
    buffer = io.BytesIO()
    halves((5000, 1000)).save(buffer, "PNG")
    buffer.seek(0)
    image = decode(buffer, 2400)
    assert image.size == (2500, 500)


@pytest.mark.django_db
def test_a_remake_that_read_an_old_focal_point_keeps_out_of_the_newer_one(
    django_capture_on_commit_callbacks,
):
    photo = photo_of(halves())
    stale = Photo.objects.get(pk=photo.pk)
    Photo.objects.filter(pk=photo.pk).update(focal_x=0.9)
    fresh = Photo.objects.get(pk=photo.pk)
    with django_capture_on_commit_callbacks(execute=True):
        newest = {row.file.name for row in make_renditions(fresh)}
        # A reader's thread that read the photo before the editor moved it.
        assert make_renditions(stale) == []
    assert set(photo.renditions.values_list("file", flat=True)) == newest
    # Every file the rows name is there; the stale remake deleted none of
    # them (its own crops stay behind rather than risk a shared name).
    assert newest <= stored_names()


@pytest.mark.django_db
def test_a_photo_deleted_while_its_renditions_were_made_leaves_no_files(
    django_capture_on_commit_callbacks,
):
    photo = photo_of(halves())
    Photo.objects.filter(pk=photo.pk).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert make_renditions(photo) == []
    assert stored_names() == set()


@pytest.mark.django_db
def test_a_photo_deleted_from_a_script_takes_its_files_but_not_shared_ones(
    django_capture_on_commit_callbacks,
):
    kept, gone = photo_of(halves()), photo_of(halves())
    cropped_elsewhere = photo_of(halves(), focal_x=0.1)
    with django_capture_on_commit_callbacks(execute=True):
        for photo in (kept, gone, cropped_elsewhere):
            make_renditions(photo)
        # Not through the desk: the shell, a script, a cascade.
        Photo.objects.filter(pk__in=[gone.pk, cropped_elsewhere.pk]).delete()
    assert stored_names() == set(kept.renditions.values_list("file", flat=True))


@pytest.mark.django_db
def test_a_picture_too_tall_for_webp_still_gets_its_renditions():
    # An infographic: 600 × 20,000 px, taller than WebP can hold at full size.
    photo = photo_of(Image.new("RGB", (600, 20_000), (200, 200, 200)))
    made = make_renditions(photo)
    assert made
    assert all(row.height <= 16_383 for row in made if row.format == "webp")
    tallest = max(row.height for row in made if row.crop == "original")
    assert tallest == 20_000  # the JPEG keeps the full height


@pytest.mark.django_db
def test_a_storage_that_refuses_the_copies_is_a_rendition_error(monkeypatch):
    from articles.images import renditions

    photo = photo_of(halves())

    def full_disk(data, fmt):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(renditions, "store", full_disk)
    with pytest.raises(RenditionError, match="No space left"):
        make_renditions(photo)
    assert not photo.renditions.exists()
