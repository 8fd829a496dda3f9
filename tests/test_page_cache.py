"""Readers' pages come from the cache, and no change ever leaves them stale.

These tests commit (``transactional_db``), as the site does: a page rendered
inside a test's open transaction is never cached.
"""

import contextlib
import http.client
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from redis import Redis

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import page_cache
from articles.images.renditions import make_renditions
from articles.models import Article, Section

from .conftest import make_article, make_image, make_link, make_photo

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Start every test with an empty cache and a process that never saw it fail."""
    cache.clear()
    monkeypatch.setattr(page_cache, "_down_until", 0.0)
    monkeypatch.setattr(page_cache, "_missed_change", False)
    monkeypatch.setattr(page_cache, "_schedule", ("", 0.0, None))


def reader_paths(article: Article) -> list[str]:
    return [
        "/",
        article.section.get_absolute_url(),
        article.get_absolute_url(),
        "/tags/harbour/",
        "/feed/",
        "/feed/atom/",
        f"/feeds/{article.section.slug}/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


def test_every_reader_page_is_served_from_the_cache_without_the_database(
    client, django_assert_num_queries
):
    article = make_article(headline="Harbour cranes idle", tags=["Harbour"])
    for path in reader_paths(article):
        first = client.get(path)
        assert first.status_code == 200, path
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.status_code == 200, path
        assert again.content == first.content, path
        assert again["Content-Type"] == first["Content-Type"], path


def test_a_reader_with_the_current_copy_gets_304_from_the_cache(
    client, django_assert_num_queries
):
    article = make_article()
    etag = client.get(article.get_absolute_url())["ETag"]
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_an_edit_shows_at_once(client):
    article = make_article(headline="Harbour cranes idle")
    for path in ("/", article.get_absolute_url()):
        client.get(path)

    article.headline = "Harbour cranes move again"
    article.save()

    for path in ("/", article.get_absolute_url()):
        assert "Harbour cranes move again" in client.get(path).content.decode()


def test_a_queryset_update_from_a_shell_script_shows_at_once(client):
    """No model signal fires for ``update()``; the write is still noticed."""
    article = make_article(headline="Harbour cranes idle")
    client.get("/")
    Article.objects.filter(pk=article.pk).update(headline="Ferries sail at dawn")
    assert "Ferries sail at dawn" in client.get("/").content.decode()


def test_a_change_to_a_section_tag_or_link_shows_at_once(client):
    article = make_article(tags=["Harbour"])
    target = make_article(headline="Strike talks resume")
    make_link(article, "Strike talks resume", target=target)
    client.get(article.get_absolute_url())

    Section.objects.filter(pk=article.section_id).update(name="Wide World")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Wide World" in html

    article.tags.add("Ferries")
    assert "Ferries" in client.get(article.get_absolute_url()).content.decode()

    target.delete()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{target.get_absolute_url()}"' not in html


def test_an_import_shows_at_once(client):
    client.get("/")
    call_command(
        "import_seeds",
        str(ROOT / "tests" / "data" / "ferry.txt"),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert "Harbour Ferry Service Resumes" in client.get("/").content.decode()


def test_an_import_that_adds_only_articles_shows_at_once(client, tmp_path):
    # Its credit and tags exist already, so the import writes nothing but
    # articles, photos, links and taggings: on PostgreSQL all by COPY.
    ferry = (ROOT / "tests" / "data" / "ferry.txt").read_text()
    (tmp_path / "001_ferry.txt").write_text(ferry)
    call_command("import_seeds", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    again = ferry.replace("Harbour Ferry Service Resumes", "Night Ferries Return", 1)
    (tmp_path / "002_night.txt").write_text(again)
    client.get("/")

    call_command("import_seeds", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    assert "Night Ferries Return" in client.get("/").content.decode()


def test_a_rolled_back_write_keeps_the_cached_pages(client, django_assert_num_queries):
    article = make_article()
    client.get("/")
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(headline="Never happened")
        transaction.set_rollback(True)
    with django_assert_num_queries(0):
        assert "Never happened" not in client.get("/").content.decode()


def test_a_scheduled_article_appears_at_its_time(client):
    make_article(headline="Harbour cranes idle")
    at = timezone.now() + timedelta(seconds=1.5)
    make_article(headline="Embargoed budget story", published_at=at)

    assert "Embargoed budget story" not in client.get("/").content.decode()
    assert "Embargoed budget story" not in client.get("/feed/").content.decode()
    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 0.05)

    assert "Embargoed budget story" in client.get("/").content.decode()
    assert "Embargoed budget story" in client.get("/feed/").content.decode()


def queries_run(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def test_staff_never_get_nor_fill_the_cached_copy(client, admin_client):
    draft = make_article(headline="Draft story", status=Article.Status.DRAFT)
    live = make_article(headline="Live story")

    assert "Draft story" in admin_client.get(draft.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404

    assert queries_run(admin_client, live.get_absolute_url())
    assert queries_run(client, live.get_absolute_url())
    assert queries_run(admin_client, live.get_absolute_url())


@pytest.mark.parametrize("query", ["/search/?q=harbour", "?utm_source=newsletter"])
def test_search_and_tracking_parameters_are_not_cached(client, query):
    article = make_article(headline="Harbour cranes idle")
    path = query if query.startswith("/") else article.get_absolute_url() + query
    queries_run(client, path)
    assert queries_run(client, path)


def test_list_pages_are_cached_page_by_page(client):
    for _ in range(25):
        make_article()
    queries_run(client, "/world/?page=2")
    assert queries_run(client, "/world/?page=2") == 0


def test_a_compressed_page_is_not_served_to_a_reader_who_cannot_read_it(
    client, settings
):
    at = settings.MIDDLEWARE.index("articles.page_cache.PageCacheMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: at + 1],
        "django.middleware.gzip.GZipMiddleware",
        *settings.MIDDLEWARE[at + 1 :],
    ]
    article = make_article(headline="Harbour cranes idle")
    client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(article.get_absolute_url())
    assert "Content-Encoding" not in plain
    assert "Harbour cranes idle" in plain.content.decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "articles.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_the_redis_cache_reuses_its_client_between_calls(settings):
    """Django's backend builds a client per call: a fifth of a hit's time."""
    settings.CACHES = redis_cache(free_port())
    client = cache._cache.get_client("pages:x")
    assert cache._cache.get_client("pages:y") is client


def test_pages_answer_uncached_when_redis_is_unreachable(client, settings, monkeypatch):
    settings.CACHES = redis_cache(free_port())
    article = make_article(headline="Harbour cranes idle", tags=["Harbour"])
    for path in reader_paths(article):
        assert client.get(path).status_code == 200, path
    article.headline = "Harbour cranes move again"
    article.save()
    assert "Harbour cranes move again" in client.get("/").content.decode()


@pytest.mark.skipif(
    not shutil.which("redis-server"), reason="redis-server is not installed"
)
def test_caching_resumes_when_redis_is_back_and_missed_changes_show(
    client, settings, monkeypatch, tmp_path, django_assert_num_queries
):
    monkeypatch.setattr(page_cache, "RETRY_SECONDS", 0.0)
    port = free_port()
    settings.CACHES = redis_cache(port)
    command = ["redis-server", "--port", str(port), "--save", "", "--appendonly"]
    command += ["no", "--dir", str(tmp_path)]

    def start() -> subprocess.Popen:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                return server
            except OSError:
                time.sleep(0.05)
        server.kill()
        pytest.fail("redis-server did not start")

    server = start()
    try:
        article = make_article(headline="Harbour cranes idle")
        client.get("/")
        with django_assert_num_queries(0):
            client.get("/")
        # Stopped: pages still answer, and an edit still saves.
        server.send_signal(subprocess.signal.SIGSTOP)
        article.headline = "Harbour cranes move again"
        article.save()
        assert "Harbour cranes move again" in client.get("/").content.decode()
        # Back with its old contents: the edit it missed still shows, and the
        # page is cached again.
        server.send_signal(subprocess.signal.SIGCONT)
        for _ in range(3):
            html = client.get("/").content.decode()
            assert "Harbour cranes move again" in html
        with django_assert_num_queries(0):
            assert "Harbour cranes move again" in client.get("/").content.decode()
    finally:
        server.send_signal(subprocess.signal.SIGCONT)
        server.terminate()
        server.wait(5)


class Site:
    """One database, one Redis and two app servers of their own, all on loopback."""

    def __init__(self, tmp_path: Path, database_url: str, redis_port: int):
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_")
            and key not in ("DATABASE_URL", "CACHE_URL")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            # DEBUG on keeps cookies usable over plain HTTP for the admin.
            DJANGO_DEBUG="1",
            DJANGO_SECRET_KEY="two-servers-test-only-" + secrets.token_hex(16),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url,
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
            MEDIA_ROOT=str(tmp_path / "media"),
            DJANGO_SUPERUSER_PASSWORD="a long and unguessable test password",
        )
        self.servers: list[subprocess.Popen] = []

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def shell(self, code: str) -> str:
        """Run ``code`` as a shell script would; return the last line it printed."""
        return self.manage("shell", "-c", code).strip().splitlines()[-1]

    def serve(self) -> int:
        port = free_port()
        if importlib.util.find_spec("gunicorn"):
            command = ["-m", "gunicorn", "newsroom.wsgi:application", "--workers", "2"]
            command += ["--bind", f"127.0.0.1:{port}"]
        else:
            command = ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        self.servers.append(
            subprocess.Popen(
                [sys.executable, *command],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if fetch(port, "/robots.txt")[0] == 200:
                    return port
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"the server on port {port} did not start")

    def stop(self) -> None:
        for server in self.servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in self.servers:
            server.wait(20)


def fetch(
    port: int, path: str, form: dict | None = None, cookies: dict | None = None
) -> tuple[int, http.client.HTTPResponse, str]:
    """Send one request (a POST when ``form`` is given), following no redirect."""
    headers = {"Origin": f"http://127.0.0.1:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST" if form is not None else "GET", path, body, headers)
        response = conn.getresponse()
        text = response.read().decode()
    finally:
        conn.close()
    if cookies is not None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    return response.status, response, text


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def seconds_until(check: Callable[[], bool], within: float = 2.0) -> float:
    """Return how long ``check`` took to hold; fail if it did not within ``within``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > within:
            pytest.fail(f"still stale after {within} s")
        time.sleep(0.05)
    return time.monotonic() - started


@contextlib.contextmanager
def scratch_database(tmp_path: Path):
    """Yield the address of an empty database of the kind the tests run on."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"
        return
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.update(dbname="postgres", autocommit=True)
    name = f"newsroom_pages_{secrets.token_hex(4)}"
    with psycopg.connect(**params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict = connection.settings_dict
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    try:
        yield f"postgres://{user}{password}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.skipif(
    not shutil.which("redis-server"),
    reason="redis-server is not installed (Debian: apt-get install redis-server)",
)
def test_a_change_through_one_server_shows_on_the_other_within_two_seconds(
    tmp_path,
):
    """The acceptance test: two app servers over one database and one Redis."""
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    with scratch_database(tmp_path) as database_url:
        site = Site(tmp_path, database_url, redis_port)
        try:
            site.manage("migrate", "--no-input")
            site.manage(
                "createsuperuser", "--no-input", "--username", "chief", "--email", ""
            )
            one, other = site.serve(), site.serve()
            check_two_servers(site, one, other, redis_port)
        finally:
            site.stop()
            redis.terminate()
            redis.wait(10)


NEW_ARTICLE = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
article = Article.objects.create(
    headline={headline!r}, body="Crews walked out.", status="published",
    published_at=timezone.now() + timedelta(seconds={delay}),
    section=Section.objects.get(slug="world"),
)
print(article.pk, article.get_absolute_url(), article.published_at.timestamp())
"""


def check_two_servers(site: Site, one: int, other: int, redis_port: int) -> None:
    def shows(port: int, path: str, text: str) -> bool:
        return text in fetch(port, path)[2]

    # A shell script adds an article; the other server shows it.
    pk, url, _ = site.shell(
        NEW_ARTICLE.format(headline="Cranes idle", delay=-60)
    ).split()
    assert shows(other, "/", "Cranes idle") and shows(other, url, "Cranes idle")
    keys = list(Redis(port=redis_port).scan_iter("*pages:*"))
    assert keys, "nothing was cached"

    # The same script renames it with QuerySet.update(): no model signal.
    site.shell(
        "from articles.models import Article; "
        f"Article.objects.filter(pk={pk}).update(headline='Cranes move again')"
    )
    seconds_until(lambda: shows(other, url, "Cranes move again"))

    # An admin action on one server; the other server stops showing it.
    cookies: dict = {}
    login = csrf_token(fetch(one, "/admin/login/", cookies=cookies)[2])
    form = {"username": "chief", "csrfmiddlewaretoken": login, "next": "/admin/"}
    form["password"] = site.env["DJANGO_SUPERUSER_PASSWORD"]
    assert fetch(one, "/admin/login/", form, cookies)[0] == 302, "sign-in failed"
    changelist = "/admin/articles/article/"
    token = csrf_token(fetch(one, changelist, cookies=cookies)[2])
    form = {"action": "unpublish", "_selected_action": pk, "index": "0"}
    form["csrfmiddlewaretoken"] = token
    assert fetch(one, changelist, form, cookies)[0] == 302, "the action failed"
    seconds_until(lambda: fetch(other, url)[0] == 404)
    seconds_until(lambda: not shows(other, "/", "Cranes move again"))

    # An import (bulk SQL) in a process of its own.
    site.manage("import_seeds", str(ROOT / "tests" / "data" / "ferry.txt"))
    seconds_until(lambda: shows(other, "/", "Harbour Ferry Service Resumes"))

    # A scheduled article appears at its time, with no cron and no purge.
    due = float(
        site.shell(NEW_ARTICLE.format(headline="Embargoed budget", delay=5)).split()[2]
    )
    assert not shows(other, "/", "Embargoed budget")
    assert not shows(one, "/feed/", "Embargoed budget")
    assert time.time() < due, "the machine is too slow for this test"
    time.sleep(max(0.0, due - time.time()))
    seconds_until(lambda: shows(other, "/", "Embargoed budget"))
    seconds_until(lambda: shows(one, "/feed/", "Embargoed budget"))


def test_a_page_cached_before_its_picture_had_renditions_shows_them_once_made(
    client, settings
):
    settings.RENDITIONS_ON_VIEW = "off"
    photo = make_photo(image=make_image(size=(640, 360)), alt_text="Idle cranes")
    article = make_article(lead_photo=photo)
    for path in ("/", article.get_absolute_url()):
        assert "<picture>" not in client.get(path).content.decode()

    make_renditions(photo)

    for path in ("/", article.get_absolute_url()):
        assert "<picture>" in client.get(path).content.decode()
