"""Going live: production's safe defaults, sign-in throttling, health, logs."""

import json
import logging
import subprocess
import sys
import time

import pytest

from django.core.management import call_command
from django.test import override_settings

from newsroom import request_log
from newsroom.signin import LOCKED_OUT_MESSAGE

from .conftest import make_article, make_desk_user
from .production import PRODUCTION_ENV, ROOT, closed_port, only, run_python

# As the TLS proxy forwards a request that came over HTTPS.
HTTPS = {"headers": {"X-Forwarded-Proto": "https"}}


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings newsroom/settings.py gives DEBUG off and four variables."""
    names = [
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = run_python(code, PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


# ---- Safe by default ------------------------------------------------------


@pytest.mark.slow
def test_deploy_check_passes_with_debug_off_and_only_the_four_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=only({"DJANGO_SETTINGS_MODULE": "newsroom.settings", **PRODUCTION_ENV}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/no-such-page/"])
def test_every_response_carries_hsts_csp_nosniff_referrer_policy_and_frame_denial(
    client, production_settings, path
):
    make_article()
    with override_settings(**production_settings):
        response = client.get(path, **HTTPS)
    assert response.status_code in {200, 404}
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_plain_http_from_the_proxy_is_sent_to_https(client, production_settings):
    with override_settings(**production_settings):
        response = client.get("/some/page/?q=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/some/page/?q=1"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_the_session_http_only(
    client, production_settings
):
    make_desk_user("Editor", username="edna")
    with override_settings(**production_settings):
        client.get("/admin/login/", **HTTPS)
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "edna", "password": "pw"},
            **HTTPS,
        )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert client.cookies["csrftoken"]["secure"]


# ---- Sign-in throttling ---------------------------------------------------


def sign_in(client, username: str, password: str, address: str = ""):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        headers=headers,
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client):
    make_desk_user("Editor", username="edna")
    for _ in range(4):
        assert sign_in(client, "edna", "wrong").status_code == 200
    assert sign_in(client, "edna", "wrong").status_code == 429

    # From another address too: it is the account that is locked.
    refused = sign_in(client, "edna", "pw", address="198.51.100.7")
    assert refused.status_code == 429
    assert LOCKED_OUT_MESSAGE in refused.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_lock_that_address_only(client):
    make_desk_user("Editor", username="edna")
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong", address="203.0.113.5")
    assert sign_in(client, "edna", "pw", address="203.0.113.5").status_code == 429
    # The proxy on loopback tells addresses apart: other readers still sign in.
    assert sign_in(client, "edna", "pw", address="203.0.113.6").status_code == 302


@pytest.mark.django_db
def test_axes_reset_unlocks_a_locked_account(client):
    make_desk_user("Editor", username="edna")
    for _ in range(5):
        sign_in(client, "edna", "wrong")
    assert sign_in(client, "edna", "pw").status_code == 429

    call_command("axes_reset", verbosity=0)

    assert sign_in(client, "edna", "pw").status_code == 302


# ---- Health ---------------------------------------------------------------


@pytest.mark.django_db
def test_health_check_says_ok_never_cached_in_milliseconds(client):
    client.get("/healthz")  # the first request pays for the connection
    started = time.perf_counter()
    # A load balancer probes by address, a host name ALLOWED_HOSTS does not list.
    response = client.get("/healthz", headers={"Host": "10.0.0.5:8000"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert elapsed < 0.25


HEALTH_CODE = (
    "import django; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz'); "
    "print(r.status_code, r.content.decode().strip(), r['Cache-Control'])"
)


@pytest.mark.parametrize(
    "down",
    [
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:{port}/newsroom"},
        {"CACHE_URL": "redis://127.0.0.1:{port}/0"},
    ],
    ids=["database", "cache"],
)
def test_health_check_says_down_and_nothing_more_when_a_backend_fails(tmp_path, down):
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    port = closed_port()
    env.update({name: url.format(port=port) for name, url in down.items()})
    result = run_python(HEALTH_CODE, env)
    status, body, cache_control = result.stdout.split(maxsplit=2)
    assert (status, body) == ("503", "down")
    assert "no-store" in cache_control
    # The reason is for the operator's log, not the caller.
    assert "Health check failed" in result.stderr


# ---- Static files and media with DEBUG off ---------------------------------

STATIC_CODE = (
    "import django; django.setup(); from django.templatetags.static import static; "
    "print(static('css/site.css'))"
)


@pytest.mark.slow
@pytest.mark.parametrize("collected_with_debug", ["1", "0"], ids=["make-run", "serve"])
def test_static_files_collected_by_either_target_work_with_debug_on_and_off(
    tmp_path, collected_with_debug
):
    env = {
        **PRODUCTION_ENV,
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=only(
            {
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                **env,
                "DJANGO_DEBUG": collected_with_debug,
            }
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0, collect.stderr

    debug_off = run_python(STATIC_CODE, {**env, "DJANGO_DEBUG": "0"})
    assert debug_off.returncode == 0, debug_off.stderr
    hashed = debug_off.stdout.strip()
    assert hashed.startswith("/static/css/site.") and hashed != "/static/css/site.css"
    assert (tmp_path / "static" / hashed.removeprefix("/static/")).exists()

    debug_on = run_python(STATIC_CODE, {**env, "DJANGO_DEBUG": "1"})
    assert debug_on.stdout.strip() == "/static/css/site.css", debug_on.stderr


@pytest.mark.django_db
def test_renditions_reach_readers_with_debug_off_and_originals_do_not(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "crane.png").write_bytes(b"\x89PNG original")
    (tmp_path / "renditions" / "ab").mkdir(parents=True)
    (tmp_path / "renditions" / "ab" / "3f2a9c.webp").write_bytes(b"RIFF sized")

    copy = client.get("/media/renditions/ab/3f2a9c.webp")
    assert copy.status_code == 200
    assert b"".join(copy.streaming_content) == b"RIFF sized"
    assert copy["Cache-Control"] == "public, max-age=31536000, immutable"

    # The original is the desk's (tests/storage/test_media.py has the rest).
    assert client.get("/media/photos/crane.png").status_code == 404
    assert client.get("/media/../newsroom/settings.py").status_code == 404
    assert client.get("/media/renditions/ab/missing.webp").status_code == 404


# ---- Logs and errors --------------------------------------------------------


@pytest.mark.django_db
def test_each_request_is_one_json_line_with_method_path_status_and_duration(
    client,
):
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(handler.format(record))
    handler.setFormatter(request_log.JsonFormatter())
    request_log.logger.addHandler(handler)
    try:
        with override_settings(REQUEST_LOG=True):
            client.get("/")
            client.get("/no-such-page/")
    finally:
        request_log.logger.removeHandler(handler)
    entries = [json.loads(line) for line in lines]
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/", 200),
        ("GET", "/no-such-page/", 404),
    ]
    assert all(isinstance(e["duration_ms"], float) for e in entries)


def test_sentry_reports_errors_when_sentry_dsn_is_set():
    code = (
        "import django; django.setup(); import sentry_sdk; "
        "client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.get_integration('django') is not None)"
    )
    dsn = "https://public@sentry.example.invalid/1"
    assert run_python(code, {**PRODUCTION_ENV, "SENTRY_DSN": dsn}).stdout.split() == [
        "True",
        "True",
    ]
    assert run_python(code, PRODUCTION_ENV).stdout.split()[0] == "False"


ERROR_CODE = (
    "import django; django.setup(); from django.test import Client; "
    "from articles import views\n"
    "def broken(*args, **kwargs): raise RuntimeError('the press jammed')\n"
    "views.HomeView.get = broken\n"
    "response = Client(raise_request_exception=False).get("
    "'/', headers={'X-Forwarded-Proto': 'https'})\n"
    "print(response.status_code)"
)


def test_an_error_is_logged_with_its_traceback_on_stderr(tmp_path):
    env = {
        **PRODUCTION_ENV,
        # Production's logging; the source static files, as nothing was collected.
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "",
    }
    result = run_python(ERROR_CODE, env)
    assert result.stdout.split()[-1] == "500"
    assert "Internal Server Error: /" in result.stderr
    assert "Traceback" in result.stderr
    assert "RuntimeError: the press jammed" in result.stderr
