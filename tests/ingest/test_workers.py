"""A stopped or killed import leaves nothing running and nothing half-written.

Each test starts ``manage.py import_seeds`` on enough seeds for it to parse in
worker processes, waits until the workers have parsed a batch, and stops the
import as a user or the system would: Ctrl-C, ``kill``, ``kill -9``.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from django.db import connection

from articles.ingest.service import DEFAULT_BATCH_SIZE, PARALLEL_MIN_FILES
from articles.models import Article

from ..conftest import backends, backends_left

ROOT = Path(__file__).resolve().parents[2]
SEEDS = 3 * PARALLEL_MIN_FILES
# By the time two batches are written, the second was parsed by the workers.
STOP_AFTER = 2 * DEFAULT_BATCH_SIZE

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def write_seeds(folder: Path) -> None:
    folder.mkdir()
    paragraph = "Dock workers in Harbour Town met again on Monday. " * 12
    for number in range(SEEDS):
        (folder / f"{number:04}_wire{number}.txt").write_text(
            f"Harbour Story Number {number}\n(Photo: REUTERS/Jane Doe)\n\n"
            f"{paragraph}\n\nHarbour Talks Resume\n\n{paragraph}\n\n"
            f"Related Article: Harbour Story Number {(number + 1) % SEEDS}\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite file, made once and copied for each test."""
    database = tmp_path_factory.mktemp("workers") / "migrated.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return database


@pytest.fixture
def database_url(tmp_path, migrated_sqlite) -> str:
    """Where the import writes: the test database itself on PostgreSQL."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    database = tmp_path / "site.sqlite3"
    shutil.copy(migrated_sqlite, database)
    return f"sqlite:///{database}"


def imported(database_url: str) -> tuple[int, int]:
    """Articles, and history rows saying "imported", as the database holds them."""
    if connection.vendor == "postgresql":
        history = Article.history.filter(history_type="+")
        return Article.objects.count(), history.count()
    path = database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db:
        articles = db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
        history = db.execute(
            "SELECT COUNT(*) FROM articles_historicalarticle WHERE history_type = '+'"
        ).fetchone()[0]
    return articles, history


def process_table() -> dict[int, tuple[int, str, str]]:
    """Every process: its parent, start time and state, from /proc."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                fields = handle.read().rpartition(")")[2].split()
        except OSError:
            continue  # it ended meanwhile
        table[int(name)] = (int(fields[1]), fields[19], fields[0])
    return table


def descendants(pid: int) -> set[tuple[int, str]]:
    """The processes started by ``pid`` and theirs, as (pid, start time)."""
    table = process_table()
    found, parents = set(), {pid}
    while parents:
        children = {
            child for child, (parent, _, _) in table.items() if parent in parents
        }
        found |= {(child, table[child][1]) for child in children}
        parents = children
    return found


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def running(processes: set[tuple[int, str]]) -> set[int]:
    table = process_table()
    return {
        pid
        for pid, started in processes
        if pid in table and table[pid][1] == started and table[pid][2] != "Z"
    }


def start_import(folder: Path, database_url: str, log: Path) -> subprocess.Popen:
    """Start an import writing to files: a worker left over would hold a pipe."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, str(ROOT / "manage.py"), "import_seeds", str(folder)]
    with (
        log.with_suffix(".out").open("w") as out,
        log.with_suffix(".err").open("w") as err,
    ):
        return subprocess.Popen(
            [*command, "-v2"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=err,
            # Its own process group, as a command run from a shell has.
            start_new_session=True,
        )


def wait_for_parsed_batches(process: subprocess.Popen, log: Path) -> None:
    """Follow the import's output until the workers' first batch is written."""
    deadline = time.monotonic() + 120
    while log.with_suffix(".out").read_text().count("\ncreated:") < STOP_AFTER - 1:
        assert process.poll() is None, log.with_suffix(".err").read_text()
        assert time.monotonic() < deadline, "the import made no progress"
        time.sleep(0.02)


@pytest.mark.parametrize(
    "signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name
)
def test_a_stopped_import_leaves_no_worker_running_and_no_half_batch(
    tmp_path, database_url, signum
):
    write_seeds(tmp_path / "wire")
    log = tmp_path / "import"
    before = backends() if connection.vendor == "postgresql" else set()
    process = start_import(tmp_path / "wire", database_url, log)
    workers: set[tuple[int, str]] = set()
    try:
        wait_for_parsed_batches(process, log)
        workers = descendants(process.pid)
        assert any(b"spawn_main" in command_line(pid) for pid, _ in workers)
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)  # Ctrl-C reaches the whole group
        else:
            os.kill(process.pid, signum)
        process.wait(timeout=120)
        deadline = time.monotonic() + 10
        while running(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = running(workers)
    finally:
        if process.poll() is None:
            process.kill()
        for pid in running(workers):
            os.kill(pid, signal.SIGKILL)

    assert not left, "worker processes outlived the import"
    err = log.with_suffix(".err").read_text()
    name = signal.Signals(signum).name
    if signum == signal.SIGKILL:
        assert process.returncode == -signum
    else:
        assert process.returncode == 128 + signum, err[-3000:]
        assert f"Stopped by {name}: the batch being written was rolled back." in err
        assert "Traceback" not in err
    # Whole batches only: every article written has its history row.
    articles, history = imported(database_url)
    assert STOP_AFTER <= articles < SEEDS
    assert articles % DEFAULT_BATCH_SIZE == 0
    assert history == articles
    if connection.vendor == "postgresql":
        # Nor a connection, idle or in a transaction, writer's or documents'.
        assert not backends_left(before)
