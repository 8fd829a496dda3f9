"""`make serve`: refusing a bad environment, and the whole of it running."""

import contextlib
import http.client
import importlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from newsroom import gunicorn_conf
from newsroom.serve import bucket_problems, serve_environment

from . import s3
from .production import PRODUCTION_ENV, ROOT, closed_port, only, run_python

# ---- make serve -------------------------------------------------------------


def start_serve(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``python -m newsroom.serve`` in ``env``; it must stop by itself."""
    return subprocess.run(
        [sys.executable, "-m", "newsroom.serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_serve_refuses_to_start_naming_the_missing_variable(missing):
    env = only({k: v for k, v in PRODUCTION_ENV.items() if k != missing})
    result = start_serve(env)
    assert result.returncode == 2
    assert f"{missing} is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_refuses_without_its_variables_and_lists_them_all():
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=only({}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    for name in PRODUCTION_ENV:
        assert f"{name} is not set" in result.stderr


def test_serve_refuses_sqlite_and_a_cache_that_is_not_redis():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "sqlite:///db.sqlite3",
        "CACHE_URL": "memcached://127.0.0.1",
    }
    result = start_serve(only(env))
    assert result.returncode == 2
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr
    assert "CACHE_URL must name a Redis server" in result.stderr


def test_serve_names_a_database_or_cache_that_does_not_answer():
    port = closed_port()
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/newsroom",
        "CACHE_URL": f"redis://127.0.0.1:{port}/0",
    }
    result = start_serve(only(env))
    assert result.returncode == 2
    assert "DATABASE_URL: PostgreSQL does not answer" in result.stderr
    assert "CACHE_URL: Redis does not answer" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_bad_object_store_setting_naming_it():
    env = {**PRODUCTION_ENV, "MEDIA_BUCKET": "news", "MEDIA_CUSTOM_DOMAIN": "https://x"}
    result = start_serve(only(env))
    assert result.returncode == 2
    assert "MEDIA_CUSTOM_DOMAIN must be a host name only" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_names_a_bucket_it_cannot_use_and_passes_one_it_can(
    s3_server, monkeypatch
):
    s3.use_test_keys(monkeypatch)
    bucket = s3.new_bucket(s3_server)
    assert bucket_problems(bucket.env) == []
    assert bucket_problems({}) == []
    missing = {**bucket.env, "MEDIA_RENDITIONS_BUCKET": "newsroom-no-such-bucket"}
    assert bucket_problems(missing) == [
        "MEDIA_RENDITIONS_BUCKET: bucket 'newsroom-no-such-bucket' cannot be used "
        "(no such bucket)."
    ]
    down = {**bucket.env, "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{closed_port()}"}
    [problem] = bucket_problems(down)
    assert problem.startswith("MEDIA_BUCKET: the object store does not answer")


def test_serve_turns_debug_off_and_keeps_checked_database_connections():
    env = serve_environment({**PRODUCTION_ENV, "DJANGO_DEBUG": "1"})
    assert env["DJANGO_DEBUG"] == "0"
    assert env["DATABASE_CONN_MAX_AGE"] == "600"
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(settings.DEBUG, d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    assert run_python(code, env).stdout.split() == ["False", "600", "True"]


def test_gunicorn_binds_loopback_on_port_with_web_concurrency_workers(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    conf = importlib.reload(gunicorn_conf)
    assert (conf.bind, conf.workers) == ("127.0.0.1:8123", 3)
    monkeypatch.delenv("PORT")
    monkeypatch.delenv("WEB_CONCURRENCY")
    conf = importlib.reload(gunicorn_conf)
    assert (conf.bind, conf.workers) == ("127.0.0.1:8000", 2)


# ---- The whole of make serve ------------------------------------------------


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def scratch_postgres():
    import psycopg

    name = f"newsroom_serve_{secrets.token_hex(4)}"
    admin = "postgres://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fetch(port: int, path: str, method: str = "GET", **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("redis-server"), reason="no redis-server")
@pytest.mark.skipif(not postgres_reachable(), reason="no PostgreSQL on 5432")
def test_make_serve_runs_the_site_behind_the_proxy_with_debug_off(tmp_path):
    redis_port, site_port = closed_port(), closed_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    (tmp_path / "media" / "photos").mkdir(parents=True)
    (tmp_path / "media" / "photos" / "crane.png").write_bytes(b"\x89PNG crane")
    (tmp_path / "media" / "renditions" / "ab").mkdir(parents=True)
    (tmp_path / "media" / "renditions" / "ab" / "5f0c.webp").write_bytes(b"RIFF")
    log, errors = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with scratch_postgres() as database_url:
        env = {
            **PRODUCTION_ENV,
            "DATABASE_URL": database_url,
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "PORT": str(site_port),
            "WEB_CONCURRENCY": "1",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        with log.open("w") as stdout, errors.open("w") as stderr:
            server = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=ROOT,
                env=only(env),
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and server.poll() is None:
                with contextlib.suppress(OSError):
                    if fetch(site_port, "/healthz")[0] == 200:
                        break
                time.sleep(0.2)
            else:
                pytest.fail(f"make serve did not start: {errors.read_text()}")

            proxied = {"Host": "news.example.org", "X-Forwarded-Proto": "https"}
            status, headers, body = fetch(site_port, "/", **proxied)
            assert status == 200
            assert "max-age=31536000" in headers["Strict-Transport-Security"]
            stylesheet = re.search(rb'href="(/static/css/site\.\w+\.css)"', body)
            assert stylesheet, "the home page links no hashed stylesheet"
            status, headers, _ = fetch(site_port, stylesheet[1].decode(), **proxied)
            assert status == 200
            assert "immutable" in headers["Cache-Control"]
            rendition = "/media/renditions/ab/5f0c.webp"
            status, headers, photo = fetch(site_port, rendition, **proxied)
            assert (status, photo) == (200, b"RIFF")
            assert headers["Content-Type"] == "image/webp"
            assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
            status, headers, nothing = fetch(site_port, rendition, "HEAD", **proxied)
            assert (status, headers["Content-Length"], nothing) == (200, "4", b"")
            # Originals are the desk's: a reader is told there is no such file.
            assert fetch(site_port, "/media/photos/crane.png", **proxied)[0] == 404
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            redis.terminate()
            redis.wait(10)
    # make prints the commands it runs (setup's, when the lock changed).
    lines = log.read_text().splitlines()
    requests = [json.loads(line) for line in lines if line.startswith("{")]
    assert {"method": "GET", "path": "/", "status": 200} in [
        {k: entry[k] for k in ("method", "path", "status")} for entry in requests
    ]
