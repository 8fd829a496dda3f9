"""Databases made by the migrations before the squash move on, on both databases.

``tests/data/migrations`` holds a database the twelve pre-release migrations
made (SQLite and PostgreSQL dumps): the first seed imported, whose dek was
then a copy of its lede, and an article whose dek an editor wrote. Each is
migrated by today's code in a process of its own and compared, table by
table, with a database today's migrations build from nothing.
"""

import os
import re
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
DUMPS = ROOT / "tests" / "data" / "migrations"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
SEED_ID = "0068e990f459f926"

pytestmark = pytest.mark.slow


def migrate(database_url: str) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def sqlite_schema(path: Path) -> dict:
    """Columns, indexes and named checks of each table, in no particular order."""
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'django_migrations'"
            )
        ]
        schema = {}
        for table in tables:
            columns = {
                (name, kind, notnull, pk)
                for _cid, name, kind, notnull, _default, pk in db.execute(
                    f'PRAGMA table_info("{table}")'
                )
            }
            indexes = {
                (
                    name,
                    unique,
                    tuple(row[2] for row in db.execute(f'PRAGMA index_info("{name}")')),
                )
                for _seq, name, unique, *_rest in db.execute(
                    f'PRAGMA index_list("{table}")'
                )
            }
            (sql,) = db.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", [table]
            ).fetchone()
            checks = set(re.findall(r'CONSTRAINT "(\w+)" CHECK', sql))
            schema[table] = (columns, indexes, checks)
        return schema


POSTGRES_SCHEMA = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, "
    "character_maximum_length FROM information_schema.columns "
    "WHERE table_schema = 'public' AND table_name <> 'django_migrations'",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes "
    "WHERE schemaname = 'public'",
    "constraints": "SELECT conrelid::regclass::text, conname, "
    "pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = 'public'::regnamespace",
    "triggers": "SELECT event_object_table, trigger_name, action_timing, "
    "event_manipulation, action_statement FROM information_schema.triggers",
    "functions": "SELECT proname, pg_get_functiondef(oid) FROM pg_proc "
    "WHERE pronamespace = 'public'::regnamespace",
}


def postgres_schema(url: str) -> dict:
    with psycopg.connect(url) as db:
        return {
            name: set(db.execute(sql).fetchall())
            for name, sql in POSTGRES_SCHEMA.items()
        }


def test_a_sqlite_database_of_the_old_migrations_moves_on(tmp_path):
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    with sqlite3.connect(old) as db:
        db.executescript((DUMPS / "pre_squash_sqlite.sql").read_text())

    migrate(f"sqlite:///{old}")
    migrate(f"sqlite:///{new}")

    assert sqlite_schema(old) == sqlite_schema(new)
    with sqlite3.connect(old) as db:
        check_moved_on(db.execute)


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    try:
        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not running on 127.0.0.1:5432 ({error})")
    names = [f"newsroom_migrate_{uuid.uuid4().hex[:8]}_{n}" for n in ("old", "new")]
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield tuple(f"{POSTGRES}/{name}" for name in names)
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_postgresql_database_of_the_old_migrations_moves_on(postgres_databases):
    old, new = postgres_databases
    with psycopg.connect(old, autocommit=True) as db:
        # pg_dump's own settings; no parameters, so the script runs whole.
        db.execute((DUMPS / "pre_squash_postgres.sql").read_text())

    migrate(old)
    migrate(new)

    assert postgres_schema(old) == postgres_schema(new)
    with psycopg.connect(old) as db:
        check_moved_on(db.execute)
        # The trigger still keeps the search document.
        (document,) = db.execute(
            "SELECT search_document::text FROM articles_article WHERE source_id = %s",
            [SEED_ID],
        ).fetchone()
        assert "'prison'" in document


def check_moved_on(execute) -> None:
    """The rows of the old database are all there, the roles too, deks cleaned."""
    applied = [
        name
        for (name,) in execute(
            "SELECT name FROM django_migrations WHERE app = 'articles'"
        ).fetchall()
    ]
    assert {
        "0001_schema",
        "0002_roles",
        "0003_dek_is_not_the_lede",
        "0004_body_markdown",
    } <= set(applied)
    # Bodies are rendered, reading as they did.
    rendered = dict(
        execute("SELECT source_id, body_html FROM articles_article").fetchall()
    )
    assert rendered[SEED_ID].startswith("<p>Russia is reportedly recruiting prisoners")
    assert rendered[SEED_ID].count("<h2>") == 2
    assert rendered[SEED_ID].count('<p class="read-also">') == 1
    deks = dict(execute("SELECT source_id, dek FROM articles_article").fetchall())
    # The copy of the lede is gone; the dek an editor wrote stays.
    assert deks == {SEED_ID: "", "edited": "An editor's own summary."}
    groups = {
        name: count
        for name, count in execute(
            "SELECT g.name, COUNT(*) FROM auth_group g "
            "JOIN auth_group_permissions p ON p.group_id = g.id GROUP BY g.name"
        ).fetchall()
    }
    assert groups == {"Reporter": 13, "Editor": 32}
    (links,) = execute("SELECT COUNT(*) FROM articles_relatedlink").fetchone()
    (history,) = execute("SELECT COUNT(*) FROM articles_historicalarticle").fetchone()
    assert links == 2
    assert history == 3
