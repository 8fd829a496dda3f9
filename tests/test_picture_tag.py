"""Pictures on readers' pages: sized copies with srcset, never the original."""

import io
import re
import threading

import pytest
from PIL import Image

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from articles.images import on_demand
from articles.images.on_demand import lock_key, make_missing_soon
from articles.images.renditions import make_renditions
from articles.models import Photo

from .conftest import make_article, make_credit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def photo_with_picture(size=(1600, 1000), make=True, **fields) -> Photo:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    fields = {
        "image": SimpleUploadedFile("quay.jpg", buffer.getvalue()),
        "alt_text": "Cranes over an empty quay",
        "credit": make_credit("REUTERS/Jane Doe"),
        **fields,
    }
    photo = Photo.objects.create(**fields)
    if make:
        make_renditions(photo)
    return photo


def render(photo, *args: str) -> str:
    template = Template("{% load photos %}{% picture photo " + " ".join(args) + " %}")
    return template.render(Context({"photo": photo}))


def srcset_widths(html: str, kind: str) -> list[int]:
    match = re.search(rf'<source type="image/{kind}" srcset="([^"]+)"', html)
    return [int(part.rsplit(" ", 1)[1][:-1]) for part in match[1].split(", ")]


@pytest.mark.django_db
def test_a_picture_offers_webp_and_jpeg_at_every_width_with_its_true_size():
    photo = photo_with_picture()
    html = render(photo, '"original"', '"article"')
    assert html.startswith('<picture><source type="image/webp"')
    assert srcset_widths(html, "webp") == [320, 480, 640, 960, 1280, 1600]
    img = re.search(r"<img [^>]+>", html)[0]
    assert 'width="1600" height="1000"' in img
    assert 'alt="Cranes over an empty quay"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert "fetchpriority" not in img
    assert re.search(r'src="/media/renditions/\w\w/\w{64}\.jpg"', img)
    assert 'sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"' in img


@pytest.mark.django_db
def test_the_lead_picture_is_fetched_first_and_not_lazily():
    html = render(photo_with_picture(), '"card"', '"lead"', "True")
    assert 'fetchpriority="high"' in html and "lazy" not in html
    assert 'width="1280" height="720"' in html


@pytest.mark.django_db
def test_alt_text_cannot_break_out_of_the_attribute():
    photo = photo_with_picture(alt_text='"><script>alert(1)</script>')
    html = render(photo)
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize("make", [False, True])
def test_no_picture_without_renditions_and_none_for_a_credit_only_photo(make):
    assert render(photo_with_picture(make=False)) == ""
    assert render(Photo.objects.create(credit=make_credit())) == ""
    assert render(None) == ""


@pytest.mark.django_db
def test_every_story_with_a_picture_shows_it_on_home_section_and_tag_fronts(
    client, world
):
    photos = [photo_with_picture() for _ in range(3)]
    for number, photo in enumerate(photos):
        make_article(
            headline=f"Story {number}", lead_photo=photo, section=world, tags=["Ports"]
        )
    make_article(headline="No picture", section=world, tags=["Ports"])
    for path in ["/", "/world/", "/tags/ports/"]:
        html = client.get(path).content.decode()
        pictures = re.findall(r"<picture>.*?</picture>", html)
        # The home page's lead story is one of the three.
        assert len(pictures) == 3, path
        assert all('width="1280" height="720"' in p for p in pictures), path
        assert "/media/photos/" not in html
        assert html.count("Photo: Jane Doe/Reuters") == 3, path


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/world/"])
def test_fronts_fetch_pictures_in_a_fixed_number_of_queries(client, world, path):
    make_article(section=world, lead_photo=photo_with_picture())
    client.get(path)
    counts = []
    for _ in range(2):
        for _ in range(4):
            make_article(section=world, lead_photo=photo_with_picture())
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert "<picture>" in client.get(path).content.decode()
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_new_picture_shows_its_credit_at_once_and_its_picture_next_time(
    client, world
):
    photo = photo_with_picture(make=False, caption="The port stood still.")
    article = make_article(section=world, lead_photo=photo)

    first = client.get(article.get_absolute_url())
    html = first.content.decode()
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert "<img" not in figure and "/media/photos/" not in html
    assert "Photo: Jane Doe/Reuters" in figure and "The port stood still." in figure
    assert "og:image" not in html

    # That request had them made (inline in tests, in a thread on a server).
    assert photo.renditions.exists()
    second = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert "<picture>" in second.content.decode()


@pytest.mark.django_db
def test_only_one_request_makes_a_photos_renditions():
    photo = photo_with_picture(make=False)
    cache.add(lock_key(photo.pk), 1)
    assert make_missing_soon([photo]) == []
    assert not photo.renditions.exists()
    cache.delete(lock_key(photo.pk))
    assert make_missing_soon([photo, photo]) == [photo.pk]
    assert make_missing_soon([Photo.objects.get(pk=photo.pk)]) == []


@pytest.mark.django_db
def test_a_photo_made_in_a_thread_gets_its_renditions(settings, transactional_db):
    settings.RENDITIONS_ON_VIEW = "thread"
    photo = photo_with_picture(make=False)
    before = set(threading.enumerate())
    assert make_missing_soon([photo]) == [photo.pk]
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=30)
    assert photo.renditions.exists()


@pytest.mark.django_db
def test_a_section_page_picture_is_sized_for_its_slot(client, world):
    make_article(section=world, lead_photo=photo_with_picture())
    html = client.get("/world/").content.decode()
    assert 'sizes="(min-width: 40rem) 14rem, calc(100vw - 2rem)"' in html


@pytest.mark.django_db
def test_a_page_of_pictures_without_renditions_starts_one_thread_and_no_more(
    settings, transactional_db
):
    settings.RENDITIONS_ON_VIEW = "thread"
    photos = [photo_with_picture(make=False) for _ in range(3)]
    before = set(threading.enumerate())
    assert make_missing_soon(photos) == [photo.pk for photo in photos]
    started = set(threading.enumerate()) - before
    assert len(started) <= 1
    for thread in started:
        thread.join(timeout=60)
    assert all(photo.renditions.exists() for photo in photos)


@pytest.mark.django_db
def test_a_busy_process_leaves_missing_renditions_for_a_later_page(settings):
    settings.RENDITIONS_ON_VIEW = "thread"
    photo = photo_with_picture(make=False)
    for _ in range(on_demand.MAX_THREADS):
        on_demand._threads.acquire()
    try:
        assert make_missing_soon([photo]) == []
        # No lock is left behind: the next page, once a thread is free, asks.
        assert cache.get(lock_key(photo.pk)) is None
    finally:
        for _ in range(on_demand.MAX_THREADS):
            on_demand._threads.release()
