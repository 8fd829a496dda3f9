"""Faults under load: an import, a database restart, a killed import, Redis down.

Usage (from the project folder; loopback only; needs wrk, and root to restart
PostgreSQL and Redis, as on the CI machine)::

    .venv/bin/python bench/faults.py                 # every scenario, 2,000 articles
    .venv/bin/python bench/faults.py --only redis    # one scenario

Each scenario is bounded in time and stops by itself:

* ``import``: 60 s of 16 connections over the readers' pages while
  ``import_seeds`` writes 2,000 new files. Counts 5xx and socket errors, and
  checks every new article a reader could see during the import against the
  same page after it: a reader must never see one half-written.
* ``postgres``: PostgreSQL restarted while a reader polls pages that need
  the database; reports the failed requests and how long the site took to
  recover, with no restart of the site.
* ``kill``: an import of 2,000 files killed with SIGKILL halfway, then run
  again: it must complete with no duplicates and no half-written article.
* ``redis``: Redis stopped during load: pages must still answer (uncached)
  and caching must resume, at the earlier speed, once Redis is back.
"""

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from import_seeds import make_seed  # noqa: E402
from serve_load import (  # noqa: E402
    CACHE_URL,
    SITE_PORT,
    fill_site,
    running,
    site_environment,
)

SITE = f"http://127.0.0.1:{SITE_PORT}"
PYTHON = str(ROOT / ".venv/bin/python")
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def fetch(path: str, timeout: float = 10) -> tuple[int, str]:
    """GET a page as the TLS proxy would pass it on; (status, body), 0 on no answer."""
    request = urllib.request.Request(
        SITE + path, headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def write_new_seeds(folder: Path, prefix: str, count: int) -> None:
    """Write ``count`` synthetic seeds whose source ids start with ``prefix``."""
    for number in range(count):
        text = make_seed(random.Random(f"{prefix}{number}"), number, count)
        name = f"{number:05}_{prefix}{number}.txt"
        (folder / name).write_text(text, encoding="utf-8")


def wrk_rotating(paths: list[str], seconds: int, connections: int = 16) -> dict:
    """Load several pages in turn with wrk; return requests, errors, socket errors."""
    listed = ", ".join(f'"{path}"' for path in paths)
    script = f"""
local paths = {{{listed}}}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1],
                    {{["X-Forwarded-Proto"] = "https"}})
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, SITE],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), ti", output
    )
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket.groups())) if socket else 0,
    }


def article_shape(page: str) -> tuple:
    """What a complete article page shows: paragraphs, subheadings, topics, credit."""
    body = page.split("<article", 1)[-1].split("</article>", 1)[0]
    return (
        body.count("<p"),
        body.count("<h2"),
        tuple(re.findall(r'rel="tag">([^<]*)<', body)),
        "figcaption" in body,
    )


def scenario_import(pages: dict[str, str], env: dict[str, str], seconds: int) -> dict:
    seen: dict[str, tuple] = {}
    stop = threading.Event()

    def watch_new_articles() -> None:
        while not stop.is_set():
            status, feed = fetch("/feed/")
            for link in re.findall(r"<link>https?://[^/<]+(/[^<]+)</link>", feed):
                if link not in seen and link.count("/") >= 3:
                    status, page = fetch(link)
                    if status == 200:
                        seen[link] = article_shape(page)
            time.sleep(0.2)

    with tempfile.TemporaryDirectory() as folder:
        write_new_seeds(Path(folder), "wire", 2000)
        watcher = threading.Thread(target=watch_new_articles)
        watcher.start()
        started = time.monotonic()
        importer = subprocess.Popen(
            [PYTHON, "manage.py", "import_seeds", folder],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        load = wrk_rotating(list(pages.values()), seconds)
        importer.wait(timeout=600)
        import_seconds = time.monotonic() - started
        stop.set()
        watcher.join()
    half_written = []
    for link, shape in seen.items():
        if (after := article_shape(fetch(link)[1])) != shape:
            half_written.append(link)
            if len(half_written) <= 3:
                print(f"{link}: seen during import {shape}, after {after}")
    return {
        **load,
        "import_exit": importer.returncode,
        "import_s": import_seconds,
        "articles_checked": len(seen),
        "half_written": len(half_written),
    }


def scenario_postgres(pages: dict[str, str]) -> dict:
    statuses: list[tuple[float, int]] = []
    stop = threading.Event()

    def poll() -> None:
        # Searches with a fresh word each time always reach the database.
        number = 0
        while not stop.is_set():
            number += 1
            status, _ = fetch(f"/search/?q=harbour+{number}", timeout=5)
            statuses.append((time.monotonic(), status))
            time.sleep(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(3)
    cluster = os.listdir("/etc/postgresql")[0]
    restarted_at = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
        check=True,
    )
    restart_s = time.monotonic() - restarted_at
    time.sleep(10)
    stop.set()
    poller.join()
    failed = [when for when, status in statuses if status != 200]
    return {
        "requests": len(statuses),
        "failed": len(failed),
        "pg_restart_s": restart_s,
        "outage_s": (failed[-1] - failed[0]) if failed else 0.0,
        "answering_at_end": statuses[-1][1] == 200,
    }


def scenario_kill(env: dict[str, str]) -> dict:
    count_code = (
        "import django; django.setup()\n"
        "from articles.models import Article\n"
        "q = Article.objects.filter(source_id__startswith='killed')\n"
        "print(q.count(), q.values('source_id').distinct().count(),"
        " q.filter(body='').count(), q.filter(tags=None).count())\n"
    )

    def counts() -> list[int]:
        out = subprocess.run(
            [PYTHON, "-c", count_code],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [int(number) for number in out.split()]

    with tempfile.TemporaryDirectory() as folder:
        write_new_seeds(Path(folder), "killed", 2000)
        importer = subprocess.Popen(
            [PYTHON, "manage.py", "import_seeds", folder],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while counts()[0] < 1000 and time.monotonic() < deadline:
            time.sleep(0.2)
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait()
        at_kill = counts()[0]
        time.sleep(2)
        leftover = subprocess.run(
            ["pgrep", "-f", f"import_seeds {folder}"], capture_output=True, text=True
        ).stdout.split()
        started = time.monotonic()
        rerun = subprocess.run(
            [PYTHON, "manage.py", "import_seeds", folder],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        rerun_s = time.monotonic() - started
    total, distinct, empty, untagged = counts()
    return {
        "articles_at_kill": at_kill,
        "processes_left_after_kill": len(leftover),
        "rerun_exit": rerun.returncode,
        "rerun_s": rerun_s,
        "articles": total,
        "duplicates": total - distinct,
        "empty_bodies": empty,
        "untagged": untagged,
    }


def scenario_redis(pages: dict[str, str], seconds: int) -> dict:
    cached = [pages[name] for name in ("home", "section", "article", "tag", "feed")]
    before = wrk_rotating(cached, seconds)
    subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False)
    time.sleep(1)
    try:
        during = wrk_rotating(cached, seconds)
    finally:
        subprocess.run(REDIS_START, check=True)
        time.sleep(1)
    wrk_rotating(cached, 2)  # the first requests fill the cache again
    after = wrk_rotating(cached, seconds)
    return {
        "rps_before": before["rps"],
        "rps_redis_down": during["rps"],
        "rps_after": after["rps"],
        "errors_redis_down": during["non_2xx"] + during["socket_errors"],
        "errors_after": after["non_2xx"] + after["socket_errors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--only", choices=["import", "postgres", "kill", "redis"], action="append"
    )
    options = parser.parse_args()
    chosen = options.only or ["import", "postgres", "kill", "redis"]

    env = site_environment()
    pages = fill_site(options.articles, env)
    results: dict[str, dict] = {}
    with running(["make", "--no-print-directory", "serve"], env, f"{SITE}/healthz"):
        if "import" in chosen:
            results["import"] = scenario_import(pages, env, options.seconds)
        if "postgres" in chosen:
            results["postgres"] = scenario_postgres(pages)
        if "redis" in chosen:
            results["redis"] = scenario_redis(pages, min(options.seconds, 15))
    if "kill" in chosen:
        results["kill"] = scenario_kill(env)

    print(
        f"\nFaults under load ({options.articles:,} articles, PostgreSQL, {CACHE_URL})"
    )
    for name, figures in results.items():
        print(f"\n### {name}\n")
        print("| figure | value |")
        print("|---|---:|")
        for key, value in figures.items():
            shown = f"{value:,.2f}" if isinstance(value, float) else f"{value}"
            print(f"| {key} | {shown} |")
    problems = Counter()
    if "import" in results:
        row = results["import"]
        problems["import: 5xx or socket errors"] = row["non_2xx"] + row["socket_errors"]
        problems["import: half-written articles seen"] = row["half_written"]
    if "kill" in results:
        row = results["kill"]
        problems["kill: duplicates"] = row["duplicates"]
        problems["kill: articles missing after rerun"] = 2000 - row["articles"]
        problems["kill: processes left"] = row["processes_left_after_kill"]
    if "redis" in results:
        problems["redis: errors while down"] = results["redis"]["errors_redis_down"]
    failed = {name: count for name, count in problems.items() if count}
    print("\n" + ("All checks held." if not failed else f"FAILED: {failed}"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
