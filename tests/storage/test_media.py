"""Photos served by the site itself: renditions to readers, originals to the desk."""

import os

import pytest

from django.utils.http import http_date

from ..conftest import make_desk_user

pytestmark = pytest.mark.django_db

RENDITION = "/media/renditions/ab/3f2a9c.webp"
ORIGINAL = "/media/photos/2026/11/crane.png"
THUMBNAIL = "/media/CACHE/images/photos/2026/11/crane/5e1d.jpg"


@pytest.fixture
def files(media_root):
    """A rendition, an original and an admin thumbnail, plus a secret outside."""
    written = {
        RENDITION: b"RIFF sized copy",
        ORIGINAL: b"\x89PNG original",
        THUMBNAIL: b"\xff\xd8 thumbnail",
    }
    for url, content in written.items():
        path = media_root / url.removeprefix("/media/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (media_root.parent / "secret.png").write_bytes(b"not for anyone")
    return media_root


@pytest.fixture
def desk_client(client, files):
    client.force_login(make_desk_user("Editor"))
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_rendition_reaches_any_reader_cached_for_a_year_with_its_type(client, files):
    response = client.get(RENDITION)
    assert response.status_code == 200
    assert body(response) == b"RIFF sized copy"
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Last-Modified"]
    # Nothing in it depends on who asks, so a CDN may keep one copy for all.
    assert "Cookie" not in response.get("Vary", "")


def test_head_answers_with_a_gets_headers_and_no_body(client, files):
    response = client.head(RENDITION)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(b"RIFF sized copy"))
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_browser_holding_the_file_is_told_not_modified(client, files):
    modified = client.get(RENDITION)["Last-Modified"]
    response = client.get(RENDITION, headers={"If-Modified-Since": modified})
    assert response.status_code == 304
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    older = http_date((files / "renditions/ab/3f2a9c.webp").stat().st_mtime - 3600)
    assert client.get(RENDITION, headers={"If-Modified-Since": older}).status_code == (
        200
    )


def test_an_original_is_not_found_for_a_reader(client, files):
    assert client.get(ORIGINAL).status_code == 404
    assert client.head(ORIGINAL).status_code == 404
    assert client.get(THUMBNAIL).status_code == 404


@pytest.mark.parametrize(
    "user",
    [
        {"is_staff": False},
        {"is_staff": True, "is_active": False},
    ],
    ids=["signed-in-reader", "inactive-staff"],
)
def test_an_original_is_not_found_for_anyone_but_active_staff(
    client, files, django_user_model, user
):
    client.force_login(
        django_user_model.objects.create_user("someone", password="pw", **user)
    )
    assert client.get(ORIGINAL).status_code == 404


def test_the_desk_sees_originals_and_thumbnails_kept_out_of_shared_caches(
    desk_client,
):
    response = desk_client.get(ORIGINAL)
    assert response.status_code == 200
    assert body(response) == b"\x89PNG original"
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert "Cookie" in response["Vary"]
    thumbnail = desk_client.get(THUMBNAIL)
    assert body(thumbnail) == b"\xff\xd8 thumbnail"
    assert thumbnail["Cache-Control"] == "private, max-age=31536000, immutable"


HOSTILE_PATHS = [
    "/media/../secret.png",
    "/media/renditions/../../secret.png",
    "/media/renditions/../photos/2026/11/crane.png",
    "/media/renditions/%2e%2e/photos/2026/11/crane.png",
    "/media/renditions/ab/..%2f..%2fphotos/2026/11/crane.png",
    "/media/renditions/ab\\..\\..\\photos\\2026\\11\\crane.png",
    "/media/renditions//ab/3f2a9c.webp",
    "/media/renditions/./ab/3f2a9c.webp",
    "/media/renditions/ab/",
    "/media/renditions/ab",
    "/media/renditions/.hidden.webp",
    "/media/renditions/.git/config",
    "/media/renditions/ab/3f2a9c.webp%00.png",
    "/media/renditions/ab/page.html",
    "/media/renditions/ab/drawing.svg",
    "/media/renditions/" + "a" * 5000 + ".webp",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_paths_leading_elsewhere_hidden_or_not_images_are_not_found(
    desk_client, files, path
):
    (files / "renditions" / ".hidden.webp").write_bytes(b"hidden")
    (files / "renditions" / ".git").mkdir()
    (files / "renditions" / ".git" / "config").write_bytes(b"[core]")
    (files / "renditions" / "ab" / "page.html").write_bytes(b"<script>")
    (files / "renditions" / "ab" / "drawing.svg").write_bytes(b"<svg onload=x>")
    # Even for the desk, who may see originals: none of these is one.
    assert desk_client.get(path).status_code == 404


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
@pytest.mark.parametrize(
    "target", ["photos/2026/11/crane.png", "../secret.png"], ids=["original", "out"]
)
def test_a_symlink_is_never_followed(client, files, target):
    link = files / "renditions" / "ab" / "linked.png"
    link.symlink_to(files / target)
    assert client.get("/media/renditions/ab/linked.png").status_code == 404
    folder = files / "renditions" / "linked"
    folder.symlink_to(files / "photos", target_is_directory=True)
    assert client.get("/media/renditions/linked/2026/11/crane.png").status_code == 404


def test_media_answers_only_reading_methods(client, files):
    assert client.post(RENDITION).status_code == 405
    assert client.delete(RENDITION).status_code == 405
