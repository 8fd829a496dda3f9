"""Compute articles' search documents on a second connection, beside an import.

On PostgreSQL each article stores its full-text search document, computed
by the SQL function ``articles_search_document`` (migration 0012). Parsing
the text for it is most of what PostgreSQL does in a large import, and the
trigger computing it for every inserted row did so in the one backend that
writes the import, while the importer waited. ``DocumentMaker`` computes the
documents of the next batch with that same function, on a connection of its
own in a background thread, while the importer's connection writes the
current batch; the importer inserts them with the rows, and the trigger
computes only those that are missing.
"""

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import psycopg

from django.db import Error, connections

# The text of one article that its search document is made of.
Texts = tuple[str, str, str, str]  # headline, label, dek, body

_COMPUTE = """
SELECT articles_search_document(headline, label, dek, body)
FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
    WITH ORDINALITY AS texts (headline, label, dek, body, number)
ORDER BY number
"""


# Documents are computed this many at a time. Once the importer is ready to
# write a batch it takes the groups computed by then, waits for the one being
# computed, and leaves the rest to the trigger in its own backend: neither
# connection waits for the other.
GROUP_SIZE = 100


class Documents:
    """The search documents of one batch, computed group by group."""

    def __init__(self, texts: Callable[[], Sequence[Texts | None]]) -> None:
        self.texts = texts
        self.loaded: list[Texts | None] | None = None
        self.groups: list[tuple[int, int, Future]] = []

    def take(self) -> list[bytes | None]:
        """Return the documents computed; None for the rest, no longer computed.

        A group the database failed to compute is left to the trigger too.
        """
        # Cancel first: while this waits for one group the thread would
        # start the next.
        cancelled = [future.cancel() for _, _, future in self.groups]
        documents: list[bytes | None] = []
        for (start, end, future), dropped in zip(self.groups, cancelled, strict=True):
            try:
                documents += [None] * (end - start) if dropped else future.result()
            except Error:
                documents += [None] * (end - start)
        return documents


class DocumentMaker:
    """Computes search documents in a background thread, on its own connection.

    ``close`` must be called when the import ends, however it ends: it waits
    for the group being computed, drops the rest, and closes the connection,
    which only ever runs single SELECTs outside any transaction.
    """

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="search-documents")
        self.futures: list[Future] = []

    def submit(
        self, count: int, texts: Callable[[], Sequence[Texts | None]]
    ) -> Documents:
        """Start computing the documents of ``count`` articles, in order.

        ``texts`` returns their texts; it is called in the thread, so it may
        wait (for parsing, say). None stands for an article that needs no
        document, and gets None.
        """
        documents = Documents(texts)
        for start in range(0, count, GROUP_SIZE):
            end = min(count, start + GROUP_SIZE)
            future = self.executor.submit(self._compute, documents, start, end)
            documents.groups.append((start, end, future))
        self.futures = [f for f in self.futures if not f.done()]
        self.futures += [future for _, _, future in documents.groups]
        return documents

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        # Django connections belong to the thread that opened them: the
        # last job closes this one, in the executor's only thread.
        self.executor.submit(self._close)
        self.executor.shutdown(wait=True)

    def _close(self) -> None:
        connections[self.alias].close()

    def _compute(
        self, documents: Documents, start: int, end: int
    ) -> list[bytes | None]:
        if documents.loaded is None:
            # Only this thread reads and sets it.
            documents.loaded = list(documents.texts())
        wanted = documents.loaded[start:end]
        given = [item for item in wanted if item is not None]
        if not given:
            return [None] * len(wanted)
        connection = connections[self.alias]
        with connection.wrap_database_errors:
            connection.ensure_connection()
            # Bound on the server and read back in binary: the documents are
            # sent on, unchanged, in the importer's binary COPY.
            with psycopg.Cursor(connection.connection) as cursor:
                columns = [list(column) for column in zip(*given, strict=True)]
                cursor.execute(_COMPUTE, columns, binary=True)
                computed = iter([document for (document,) in cursor.fetchall()])
        return [None if item is None else next(computed) for item in wanted]
