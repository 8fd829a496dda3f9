"""Benchmark ``import_seeds``: a fresh import of N synthetic seeds, then again.

Usage (from the project folder)::

    .venv/bin/python bench/import_seeds.py                 # SQLite, N = 1k, 5k, 10k
    .venv/bin/python bench/import_seeds.py --postgres      # the same on PostgreSQL
    .venv/bin/python bench/import_seeds.py --sizes 2000

Each N runs in its own process on a new, migrated database, so figures do
not leak between sizes. Seeds are generated deterministically (same N, same
files). Prints a table: seconds and seeds per second for the fresh import and
for re-importing the unchanged files, and the peak memory the import added.
Targets (2 cores, SQLite): fresh >= 2,000 seeds/s, unchanged >= 10,000 seeds/s,
memory flat as N grows. The CPU column is CPU time, which a busy machine
disturbs less than wall time: on an idle 2-core machine the fresh import
takes about max(main, (main + workers) / 2).

Each size also runs the baseline (``bench/import_baseline.py``: read, split
on blank lines, ``executemany`` into SQLite in transactions of 500, no
Django) on the same files, just before the importer, and prints the
importer's seeds/s as a ratio of the baseline's, for the fresh import and
for the unchanged re-import. The baseline is always SQLite, also with
``--postgres``. Targets: fresh >= 0.3, unchanged >= 1.5.
"""

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "import_baseline.py"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH_DB = "newsroom_bench"

WORDS = (
    "harbour council budget storm ferry election minister market shares river "
    "bridge school hospital strike talks summit treaty border drought harvest "
    "museum festival league final court ruling vaccine satellite launch orbit "
    "pipeline refinery tariff export wages rent housing transit airport runway"
).split()
NAMES = [
    "Jane Doe",
    "John Smith",
    "Amara Okafor",
    "Lars Nilsson",
    "Mei Chen",
    "Vladimir Putin",
    "Paul Whelan",
]
PLACES = ["Russia", "Ukraine", "Moscow", "Kyiv", "Brussels", "Nairobi", "Lima"]
CREDITS = [
    "OLGA MALTSEVA/AFP via Getty Images",
    "REUTERS/Jane Doe",
    "AP Photo/John Smith",
    "Getty Images",
    "Photo by Jane Doe on Unsplash",
] + [f"PHOTOGRAPHER {n}/AFP via Getty Images" for n in range(40)]
LABELS = ["", "", "", "[REPORT]", "[UPDATE]", "[VIDEO]"]


def headline(rng: random.Random, number: int) -> str:
    words = rng.sample(WORDS, 6)
    return f"{rng.choice(PLACES)} {' '.join(words).title()} {number}"


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 24))
    name = rng.choice(NAMES)
    place = rng.choice(PLACES)
    return f"{place} said {' '.join(words)} according to {name}."


def make_seed(rng: random.Random, number: int, total: int) -> str:
    lines = [f"{headline(rng, number)} {rng.choice(LABELS)}".strip()]
    if rng.random() < 0.9:
        lines.append(f"(Photo : {rng.choice(CREDITS)})")
    lines.append(" ".join(sentence(rng) for _ in range(3)))
    for paragraph in range(rng.randint(7, 11)):
        lines.append("")
        if paragraph in (2, 6):
            lines += [f"{rng.choice(PLACES)} {rng.choice(WORDS).title()} Talks", ""]
        if paragraph == 4:
            other = rng.randrange(total)
            lines += [f"Read Also:\u00a0{headline(random.Random(other), other)}", ""]
        lines.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))
    other = rng.randrange(total + total // 10)  # some name articles not imported
    lines += ["", "", f"Related Article:\u00a0{headline(random.Random(other), other)}"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, total: int) -> None:
    for number in range(total):
        # Each headline is derivable from its number, so links can name it.
        rng = random.Random(number)
        text = make_seed(rng, number, total)
        (folder / f"{number:05}_bench{number}.txt").write_text(text, encoding="utf-8")


def run_baseline(folder: str, db_path: str) -> float:
    """Seconds of the baseline import, in a process of its own (no Django)."""
    output = subprocess.run(
        [sys.executable, str(BASELINE), "--db", db_path, folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(output.strip().splitlines()[-1])


def measure(total: int) -> dict:
    """Run in a child process whose DATABASE_URL points at an empty database."""
    import django

    django.setup()
    from django.core.management import call_command

    from articles.ingest import import_seeds

    call_command("migrate", verbosity=0)
    # Not the import's garbage: migrate leaves tens of thousands of objects
    # that a collection during the timed import would otherwise charge to it.
    gc.collect()
    with (
        tempfile.TemporaryDirectory() as folder,
        tempfile.TemporaryDirectory() as scratch,
    ):
        generate(Path(folder), total)
        baseline_db = str(Path(scratch) / "baseline.sqlite3")
        # The baseline runs just before the importer, so that
        # both see the machine in about the same state. Outside the timed
        # windows below: its CPU and memory are not charged to the import.
        baseline = run_baseline(folder, baseline_db)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        fresh = import_seeds([folder])
        fresh_seconds = time.perf_counter() - started
        cpu_after = _cpu_seconds()
        main_cpu = cpu_after[0] - cpu_before[0]
        worker_cpu = cpu_after[1] - cpu_before[1]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        again = import_seeds([folder])
        again_seconds = time.perf_counter() - started
    assert fresh.count("created") == total, fresh.summary()
    assert again.count("unchanged") == total, again.summary()
    return {
        "n": total,
        "fresh_s": fresh_seconds,
        "unchanged_s": again_seconds,
        "main_cpu_s": main_cpu,
        "worker_cpu_s": worker_cpu,
        "added_peak_mib": (peak - before) / 1024,
        "baseline_s": baseline,
    }


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run_child(total: int, database_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "",  # DEBUG would keep every query in memory
        "DJANGO_SECRET_KEY": "bench-only",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(total)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def fresh_postgres_database() -> str:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB}")
        conn.execute(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    return f"postgresql://postgres@127.0.0.1:5432/{POSTGRES_BENCH_DB}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure(options.child)))
        return

    database = "PostgreSQL" if options.postgres else "SQLite"
    print(
        f"import_seeds benchmark on {database} ({os.cpu_count()} cores); "
        "baseline: import_baseline.py on SQLite"
    )
    print(
        f"{'N':>7} | {'fresh s':>8} | {'fresh seeds/s':>13} | "
        f"{'unchanged s':>11} | {'unchanged seeds/s':>17} | {'+peak MiB':>9} | "
        f"{'CPU s main+workers':>18} | {'baseline/s':>10} | {'fresh ratio':>11} | "
        f"{'unch. ratio':>11}"
    )
    for total in options.sizes:
        with tempfile.TemporaryDirectory() as folder:
            if options.postgres:
                url = fresh_postgres_database()
            else:
                url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            row = run_child(total, url)
        fresh_rate = total / row["fresh_s"]
        # The importer's seeds/s over the baseline's: the inverse of the times.
        fresh_ratio = row["baseline_s"] / row["fresh_s"]
        unchanged_ratio = row["baseline_s"] / row["unchanged_s"]
        print(
            f"{row['n']:>7} | {row['fresh_s']:>8.2f} | {fresh_rate:>13,.0f} | "
            f"{row['unchanged_s']:>11.2f} | {total / row['unchanged_s']:>17,.0f} | "
            f"{row['added_peak_mib']:>9.1f} | "
            f"{row['main_cpu_s']:>8.2f} + {row['worker_cpu_s']:<7.2f} | "
            f"{total / row['baseline_s']:>10,.0f} | {fresh_ratio:>11.2f} | "
            f"{unchanged_ratio:>11.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
