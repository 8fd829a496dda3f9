"""Copy SQLite's write-ahead log into the database beside a long import.

SQLite in WAL mode appends every commit to a log and, once the log passes
1,000 pages, copies it into the database at the end of a commit and waits for
the disk to confirm. During a large import that happens after nearly every
batch, inside the writer's own time. ``LogCopier`` turns that off for the
import and copies the log from a second connection in a background thread
instead, after each batch, so the disk wait overlaps the next batch's work.
Readers keep reading throughout, as WAL allows.

On other databases, and on SQLite without WAL (in-memory test databases),
it does nothing.
"""

import threading

from django.db import DatabaseError, connections

_COPY = "PRAGMA wal_checkpoint(PASSIVE)"


class LogCopier:
    """Copies the log of the ``alias`` database while an import writes to it."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.started = False
        self.pages: int | None = None
        self.thread: threading.Thread | None = None
        self.wake = threading.Event()
        self.stopping = False

    def start(self) -> None:
        """Take over copying the log; called before the import's first write."""
        if self.started:
            return
        self.started = True
        connection = connections[self.alias]
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            if cursor.fetchone()[0] != "wal":
                return
            cursor.execute("PRAGMA wal_autocheckpoint")
            self.pages = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        self.thread = threading.Thread(
            target=self._copy_until_stopped, name="sqlite-wal-copier", daemon=True
        )
        self.thread.start()

    def committed(self) -> None:
        """Say that a batch was committed: its pages can be copied now."""
        self.wake.set()

    def finish(self) -> None:
        """Stop the thread, copy what is left, and restore SQLite's own copying."""
        if self.thread is not None:
            self.stopping = True
            self.wake.set()
            self.thread.join()
            self.thread = None
        if self.pages is None:
            return
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint={self.pages}")
            self.pages = None
            if not connection.in_atomic_block:
                try:
                    cursor.execute(_COPY)
                except DatabaseError:
                    # An import stopped mid-statement can leave the table
                    # locked a moment longer; SQLite's own copying, back
                    # on, copies the log at the next commit instead.
                    pass

    def _copy_until_stopped(self) -> None:
        # Django gives this thread its own connection to the same database.
        connection = connections[self.alias]
        try:
            while True:
                self.wake.wait()
                self.wake.clear()
                if self.stopping:
                    return
                with connection.cursor() as cursor:
                    # PASSIVE never waits for the writer, and never blocks it.
                    cursor.execute(_COPY)
        except DatabaseError:
            return  # finish() copies whatever is left
        finally:
            connection.close()
