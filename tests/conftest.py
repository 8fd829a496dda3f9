"""Fixtures and ``make_*`` factories: defaults filled in, anything overridable."""

import io
import itertools
import time
from datetime import timedelta

import pytest
from PIL import Image

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from articles.models import Article, Photo, PhotoCredit, RelatedLink, Section
from articles.roles import ensure_roles
from newsroom.storage import object_store_storages

from . import s3

_counter = itertools.count(1)
_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def migrated_rows(request) -> None:
    """Give every database test the desks and groups the roles migration creates.

    A transactional test (browser tests, concurrency tests) empties every
    table when it ends, and serialized rollback does not reliably restore
    the rows under Playwright; so whatever ran before, put them back.
    """
    if request.node.get_closest_marker("django_db") is None and not (
        _DB_FIXTURES & set(request.fixturenames)
    ):
        return
    with request.getfixturevalue("django_db_blocker").unblock():
        if not Section.objects.exists() or not Group.objects.exists():
            ensure_roles()


def make_section(**overrides) -> Section:
    number = next(_counter)
    fields = {"name": f"Desk {number}", "slug": f"desk-{number}"}
    fields.update(overrides)
    return Section.objects.create(**fields)


def make_credit(text: str = "OLGA MALTSEVA/AFP via Getty Images") -> PhotoCredit:
    credit = PhotoCredit.from_text(text)
    existing = PhotoCredit.objects.ids_for_keys([credit.key])
    if credit.key in existing:
        return PhotoCredit.objects.get(pk=existing[credit.key])
    credit.save()
    return credit


def make_image(name: str = "crane.png", size: tuple[int, int] = (64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_photo(**overrides) -> Photo:
    fields = {"credit": make_credit()}
    fields.update(overrides)
    return Photo.objects.create(**fields)


def make_article(**overrides) -> Article:
    """Create a published article, an hour old unless told otherwise."""
    tags = overrides.pop("tags", [])
    fields = {
        "headline": f"Harbour cranes idle as dock workers strike {next(_counter)}",
        "body": "Dock workers walked out at dawn.\n\n## What comes next\n\n"
        "Talks resume on Monday.",
        "dek": "Dock workers walked out at dawn.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields.update(overrides)
    if "section" not in fields:
        fields["section"] = Section.objects.get(slug="world")
    article = Article.objects.create(**fields)
    if tags:
        article.tags.add(*tags)
    return article


def make_link(article: Article, title: str, **overrides) -> RelatedLink:
    fields = {
        "article": article,
        "title": title,
        "placement": RelatedLink.Placement.AFTER,
        "position": article.related_links.count(),
    }
    fields.update(overrides)
    return RelatedLink.objects.create(**fields)


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: one test's locks (a photo's
    renditions being made, a form's presence) must not reach the next, whose
    rows may have the same ids."""
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploads of every test in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on loopback, one per test process; its address."""
    yield from s3.run_s3_server()


@pytest.fixture
def s3_storages(s3_server, settings, monkeypatch) -> s3.Bucket:
    """Keep this test's originals and renditions in a bucket of its own.

    ``storages["default"]`` (so ``Photo.image``) and ``storages["renditions"]``
    (so ``Rendition.file``) become S3 storages configured as production
    configures them for ``MEDIA_BUCKET``; the returned ``s3.Bucket`` looks
    inside. Use it in any test: ``def test_x(s3_storages): ...``.
    """
    s3.use_test_keys(monkeypatch)
    bucket = s3.new_bucket(s3_server)
    # Assigning through pytest-django's fixture sends setting_changed, which
    # forgets the storages built so far (Django's and articles' proxies).
    settings.STORAGES = {**settings.STORAGES, **object_store_storages(bucket.env)}
    yield bucket
    bucket.empty()


@pytest.fixture
def world(db) -> Section:
    return Section.objects.get(slug="world")


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "chief", "chief@example.com", "pw"
    )
    client.force_login(user)
    return client


def make_desk_user(group: str, username: str = "", **overrides):
    """Create a staff user in the Reporter or Editor group, password "pw"."""
    username = username or f"{group.lower()}{next(_counter)}"
    fields = {"email": f"{username}@example.com", "is_staff": True}
    fields.update(overrides)
    user = get_user_model().objects.create_user(username, password="pw", **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def desk_editor(db):
    return make_desk_user("Editor", first_name="Edna", last_name="Editor")


@pytest.fixture
def reporter(db):
    return make_desk_user("Reporter", first_name="Ray", last_name="Reporter")


@pytest.fixture
def desk_editor_client(client, desk_editor):
    """A client signed in as a member of the Editor group (not a superuser)."""
    client.force_login(desk_editor)
    return client


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


def backends() -> set[int]:
    """The backends connected to the test database, besides this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid for (pid,) in cursor.fetchall()}


def backends_left(before: set[int]) -> set[int]:
    """Backends started since ``before`` and still there, once settled.

    A backend leaves ``pg_stat_activity`` a moment after its client goes.
    """
    deadline = time.monotonic() + 10
    while (left := backends() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left
