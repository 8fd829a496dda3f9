"""Load the production server (`make serve`) and compare it with Django's ceiling.

Usage (from the project folder; needs wrk, PostgreSQL and Redis on loopback)::

    .venv/bin/python bench/serve_load.py                  # 2,000 articles, 10 s a page
    .venv/bin/python bench/serve_load.py --articles 500 --seconds 5

A new PostgreSQL database is migrated and filled with the import benchmark's
2,000 synthetic seeds; then `make serve` runs the site under gunicorn (DEBUG
off, Redis cache, 2 workers) and `bench/ceiling_app.py` runs a bare Django
view that renders an article from memory under gunicorn with the same worker
count. wrk loads each page in turn with 16 connections. Every figure is taken
in the same run, so the ratio to the ceiling is what to compare between
machines, not the requests per second. Prints a markdown table.

Targets: article and home pages >= 0.6 of the ceiling; p99 below 100 ms for
home, section, article, tag and feed pages.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from import_seeds import generate  # noqa: E402

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
LOAD_DB = "newsroom_load"
CACHE_URL = "redis://127.0.0.1:6379/7"
SITE_PORT = 8101
CEILING_PORT = 8102
WORKERS = 2


def site_environment() -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{LOAD_DB}",
        "CACHE_URL": CACHE_URL,
        "PORT": str(SITE_PORT),
        "WEB_CONCURRENCY": str(WORKERS),
    }


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {LOAD_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {LOAD_DB}")


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


def manage(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


@contextmanager
def running(command: list[str], env: dict[str, str], url: str):
    """Start a server in its own process group; stop the whole group after."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(url)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, seconds: int, connections: int = 16) -> dict:
    """Load one address with wrk; return requests/s, latency percentiles, errors."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            # The site sits behind a TLS proxy that says the request was https.
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: (.*)$", output, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket.group(1).strip() if socket else "",
    }


def pick_pages(env: dict[str, str]) -> dict[str, str]:
    code = (
        "import django; django.setup()\n"
        "from django.db.models import Count\n"
        "from taggit.models import Tag\n"
        "from articles.models import Article\n"
        "article = Article.objects.published().order_by('-published_at')[5]\n"
        "tags = Tag.objects.annotate(n=Count('articles_taggedarticle_items'))\n"
        "tag = tags.order_by('-n')[3]\n"
        "print(article.get_absolute_url())\n"
        "print(article.section.get_absolute_url())\n"
        "print(f'/tags/{tag.slug}/')\n"
        "print(article.headline.split()[1])\n"
    )
    lines = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    article, section, tag, word = lines
    return {
        "home": "/",
        "section": section,
        "article": article,
        "tag": tag,
        "feed": "/feed/",
        "search": f"/search/?q={word}",
    }


def fill_site(articles: int, env: dict[str, str]) -> dict[str, str]:
    """Give the site a new database of ``articles`` imported seeds and an empty
    cache; return the pages to load."""
    fresh_database()
    flush_cache()
    manage("migrate", "--no-input", env=env)
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), articles)
        manage("import_seeds", folder, env=env)
    return pick_pages(env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    options = parser.parse_args()

    env = site_environment()
    pages = fill_site(options.articles, env)

    ceiling_command = [
        str(ROOT / ".venv/bin/gunicorn"),
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{CEILING_PORT}",
        "--chdir=bench",
        "ceiling_app:application",
    ]
    ceiling_url = f"http://127.0.0.1:{CEILING_PORT}/"
    site = f"http://127.0.0.1:{SITE_PORT}"
    with running(ceiling_command, env, ceiling_url):
        wrk(ceiling_url, 2)  # warm up
        ceiling = wrk(ceiling_url, options.seconds)
    # /healthz: every other plain-HTTP address redirects to https.
    with running(["make", "--no-print-directory", "serve"], env, f"{site}/healthz"):
        results = {}
        for name, path in pages.items():
            wrk(site + path, 2)  # warm up: fill the cache, start connections
            results[name] = wrk(site + path, options.seconds)

    print(
        f"\nServing benchmark: {options.articles:,} articles, PostgreSQL + Redis, "
        f"{WORKERS} gunicorn workers, wrk 16 connections, {options.seconds} s a page, "
        f"{os.cpu_count()} cores\n"
    )
    print("| page | requests/s | of ceiling | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| ceiling (bare Django view) | {ceiling['rps']:,.0f} | 1.00 | "
        f"{ceiling['p50']:.1f} | {ceiling['p99']:.1f} | {ceiling['errors']} |"
    )
    for name, row in results.items():
        errors = row["errors"] + (1 if row["socket"] else 0)
        print(
            f"| {name} | {row['rps']:,.0f} | {row['rps'] / ceiling['rps']:.2f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | {errors}"
            f"{' (' + row['socket'] + ')' if row['socket'] else ''} |"
        )


if __name__ == "__main__":
    main()
