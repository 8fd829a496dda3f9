"""The project as a newcomer meets it: settings, checks, migrations, first user."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def run_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, "
        "settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.slow
def test_sqlite_is_the_default_and_database_url_switches_to_postgresql():
    assert run_settings(DJANGO_DEBUG="1").stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "0",
    ]
    result = run_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
        DATABASE_CONN_MAX_AGE="60",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "60"]


@pytest.mark.slow
def test_a_connection_lifetime_that_is_no_number_is_a_clear_error():
    result = run_settings(DJANGO_DEBUG="1", DATABASE_CONN_MAX_AGE="a minute")
    assert result.returncode != 0
    assert (
        "DATABASE_CONN_MAX_AGE must be a whole number of seconds, such as 60, "
        "not 'a minute'." in result.stderr
    )


@pytest.mark.slow
def test_an_empty_database_url_means_the_embedded_sqlite_database():
    result = run_settings(DJANGO_DEBUG="1", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.sqlite3"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysqlx://db.example/news", "DATABASE_URL is not a database address"),
        ("postgres://u@h:notaport/db", "DATABASE_URL is not a database address"),
        ("mysql://u@db.example/news", "must name a PostgreSQL (postgres://) or"),
        ("postgres://", "DATABASE_URL names no database"),
    ],
)
@pytest.mark.slow
def test_a_database_url_that_cannot_work_is_named_without_a_traceback(url, message):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(DJANGO_DEBUG="1", DATABASE_URL=url)
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert result.stderr.startswith("Configuration error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_system_check_and_migrations_are_clean():
    call_command("check", fail_level="WARNING")
    call_command("makemigrations", check=True, dry_run=True, stdout=StringIO())


@pytest.mark.django_db
def test_local_editor_is_created_once_with_a_printed_password(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_local_editor", stdout=out)
    user = get_user_model().objects.get()
    password = out.getvalue().split("password ")[1].split()[0]
    assert user.username == "editor" and user.is_superuser
    assert user.check_password(password)

    again = StringIO()
    call_command("ensure_local_editor", stdout=again)
    assert again.getvalue() == ""
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_no_local_editor_is_created_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("ensure_local_editor", stdout=StringIO())
    assert not get_user_model().objects.exists()
