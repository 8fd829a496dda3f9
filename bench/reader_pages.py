"""Benchmark the readers' pages on a newsroom of N imported articles.

Usage (from the project folder)::

    .venv/bin/python bench/reader_pages.py                 # SQLite, N = 10,000
    .venv/bin/python bench/reader_pages.py --postgres      # the same on PostgreSQL
    .venv/bin/python bench/reader_pages.py --articles 2000 --repeat 20

A new database is migrated and filled with the import benchmark's synthetic
seeds (every article carries a few of the same names, so some tags are on
nearly every article: the worst case for tag pages). Then each page is
requested in this process through Django's test client, with the cache
cleared before each request so every one is built from the database. Prints
a table: median and slowest milliseconds, SQL queries and response size.
A page that takes seconds here takes seconds for a reader.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from import_seeds import fresh_postgres_database, generate  # noqa: E402


def measure(total: int, repeat: int) -> list[dict]:
    """Run in a child process whose DATABASE_URL points at an empty database."""
    import django

    django.setup()
    from taggit.models import Tag

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.ingest import import_seeds
    from articles.models import Article, Section

    call_command("migrate", verbosity=0)
    # DEBUG is off, so pages name static files by their hashed copies.
    call_command("collectstatic", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), total)
        import_seeds([folder])

    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tags = Tag.objects.annotate(uses=Count("articles_taggedarticle_items"))
    common, rare = tags.order_by("-uses").first(), tags.order_by("uses").first()
    article = Article.objects.published().order_by("-published_at").first()
    pages = [
        ("home", "/"),
        ("section front", section.get_absolute_url()),
        ("section, last page", f"{section.get_absolute_url()}?page=last"),
        ("article", article.get_absolute_url()),
        (f"tag, most used ({common.uses:,})", f"/tags/{common.slug}/"),
        ("  its last page", f"/tags/{common.slug}/?page=last"),
        (f"tag, least used ({rare.uses:,})", f"/tags/{rare.slug}/"),
        ("search, common word", "/search/?q=harbour"),
        ("search, two words", "/search/?q=ferry+budget"),
        ("search, no match", "/search/?q=zyzzyva"),
        ("RSS feed", "/feed/"),
        ("section feed", f"/feeds/{section.slug}/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("news-sitemap.xml", "/news-sitemap.xml"),
    ]
    # Over HTTPS, as readers arrive: with DEBUG off, plain HTTP is only a
    # redirect, and timing that measured nothing.
    client = Client(HTTP_HOST="localhost")
    rows = []
    for name, path in pages:
        times, queries, size, status = [], 0, 0, 0
        for _ in range(repeat):
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path, secure=True)
                body = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else response.content
                )
                times.append((time.perf_counter() - started) * 1000)
            queries, size, status = len(captured), len(body), response.status_code
        rows.append(
            {
                "page": name,
                "status": status,
                "median_ms": statistics.median(times),
                "max_ms": max(times),
                "queries": queries,
                "kib": size / 1024,
            }
        )
    return rows


def run_child(total: int, repeat: int, database_url: str) -> list[dict]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        # Production settings: DEBUG off, as readers get them.
        "DJANGO_DEBUG": "",
        "DJANGO_SECRET_KEY": "bench-only",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(total), "--repeat", str(repeat)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if child.returncode:
        sys.exit(f"The benchmark failed:\n{child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure(options.child, options.repeat)))
        return

    database = "PostgreSQL" if options.postgres else "SQLite"
    print(
        f"reader pages on {database}, {options.articles:,} articles, "
        f"{options.repeat} requests each, cache cleared before each"
    )
    with tempfile.TemporaryDirectory() as folder:
        if options.postgres:
            url = fresh_postgres_database()
        else:
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        rows = run_child(options.articles, options.repeat, url)
    print(
        f"{'page':<26} | {'status':>6} | {'median ms':>9} | {'max ms':>7} | "
        f"{'queries':>7} | {'KiB':>6}"
    )
    for row in rows:
        print(
            f"{row['page']:<26} | {row['status']:>6} | {row['median_ms']:>9.1f} | "
            f"{row['max_ms']:>7.1f} | {row['queries']:>7} | {row['kib']:>6.1f}"
        )


if __name__ == "__main__":
    main()
