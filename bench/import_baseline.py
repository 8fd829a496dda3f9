"""The simplest possible import of a folder of seeds: the yardstick for the importer.

No Django, no parsing rules: walk the folder, read each ``.txt`` file, decode
it, split it on blank lines (the first block is the headline, the rest the
body) and ``executemany`` one row per file into a new SQLite database, in
transactions of 500 files. SQLite is opened as the project opens it
(``newsroom/settings.py``): write-ahead log, ``synchronous=NORMAL``, and
transactions that take the write lock when they start (``BEGIN IMMEDIATE``).

``bench/import_seeds.py`` runs it on the files it generates, in a process of
its own, and prints the importer's speed, fresh and unchanged, as a ratio of
this one's.

Usage (from the project folder)::

    .venv/bin/python bench/import_baseline.py SEED_FOLDER [--db FILE]
"""

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

BATCH = 500
SCHEMA = """
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    source_file TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL
)
"""
INSERT = "INSERT INTO article (source_file, headline, body) VALUES (?, ?, ?)"


def seed_paths(folder: str | os.PathLike) -> list[str]:
    """Every ``.txt`` file under ``folder``, in name order."""
    found = []
    for top, _folders, names in os.walk(folder):
        found += [os.path.join(top, name) for name in names if name.endswith(".txt")]
    return sorted(found)


def row(path: str) -> tuple[str, str, str]:
    with open(path, "rb") as file:
        text = file.read().decode("utf-8", errors="replace")
    headline, _blank, body = text.replace("\r\n", "\n").partition("\n\n")
    return (path, headline.strip(), body.strip())


def import_folder(folder: str | os.PathLike, db_path: str | os.PathLike) -> float:
    """Import every seed under ``folder`` into a new database; return seconds.

    Creating the empty table is not timed, as the importer's benchmark does
    not time ``migrate``.
    """
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(SCHEMA)
        started = time.perf_counter()
        paths = seed_paths(folder)
        for start in range(0, len(paths), BATCH):
            rows = [row(path) for path in paths[start : start + BATCH]]
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(INSERT, rows)
            connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, help="a new database file to fill")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        seconds = import_folder(options.folder, options.db or Path(scratch) / "b.db")
    print(seconds)


if __name__ == "__main__":
    main()
