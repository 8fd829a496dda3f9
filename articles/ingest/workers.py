"""Worker processes that parse a large import's files while it writes.

A worker holds the import's ``StoryReader`` (its sections' keywords and its
tag memory), sent once when the worker starts; this module is the only place
that keeps it as process state, and the text package stays pure.
"""

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..text.seeds import SeedError
from ..text.stories import Story, StoryReader
from .parent_watch import follow_parent

# Parsing workers run at a lower priority than the process that writes every
# batch and so sets the pace of the whole import.
WORKER_NICENESS = 5

_reader: StoryReader | None = None


def start_worker(
    reader: StoryReader, niceness: int = 0, parent_pid: int | None = None
) -> None:
    """Initialise a worker process for ``read_stories``.

    ``niceness`` lowers the worker's scheduling priority, so that the process
    writing to the database, which the whole import waits on, keeps its core.
    Given ``parent_pid``, the worker leaves stopping to that process and
    ends when it ends.
    """
    global _reader
    _reader = reader
    if parent_pid is not None:
        follow_parent(parent_pid)
    if niceness:
        os.nice(niceness)


def read_stories(items: list[tuple[bytes, str]]) -> list[Story | SeedError]:
    """Read files in a worker; a file that is no article gives its error."""
    assert _reader is not None, "start_worker() runs first"
    return _reader.read_many(items)


class ParserPool:
    """Worker processes for parsing, started only once there is work for them."""

    def __init__(self, workers: int, reader: StoryReader) -> None:
        self.workers = workers
        self.reader = reader
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, work: list[tuple[bytes, str]]) -> list[Future]:
        if self.executor is None:
            # "spawn" starts clean interpreters that import only the pure
            # parser, never this process's database connections.
            self.executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                # Workers end with this process, however it ends; see
                # start_worker. They are started from the thread that runs
                # the import, which outlives them.
                initargs=(self.reader, WORKER_NICENESS, os.getpid()),
            )
        share = -(-len(work) // self.workers)
        return [
            self.executor.submit(read_stories, work[start : start + share])
            for start in range(0, len(work), share)
        ]

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


@contextmanager
def parser_pool(workers: int, reader: StoryReader) -> Iterator[ParserPool | None]:
    """A pool of ``workers`` processes, or None for parsing in this one."""
    if workers < 1:
        yield None
        return
    pool = ParserPool(workers, reader)
    try:
        yield pool
    finally:
        pool.close()


def parsed(futures: list[Future]) -> list[Story | SeedError]:
    """The stories of a batch parsed by workers, in file order."""
    return [item for future in futures for item in future.result()]
