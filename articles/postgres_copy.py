"""Write many rows to PostgreSQL with COPY: the importer's bulk writes there.

An INSERT of hundreds of rows is a statement that Django's driver builds on
the client, value by value, and that the server then parses back: for a
large import, more time than the rows' own writing. COPY streams the rows
in PostgreSQL's binary format, which neither side has to parse. COPY
returns no ids, so rows that need theirs take them from the table's
sequence first (``allocate_ids``), as an INSERT would.

On other databases the importer keeps its plain INSERTs.
"""

import functools
from collections.abc import Iterable, Sequence

from psycopg import adapt, postgres, pq

from django.db import connection
from django.db.models import Model


class _TsvectorDumper(adapt.Dumper):
    """Send a tsvector already in PostgreSQL's binary format, unchanged.

    Search documents come back from PostgreSQL in that format (see
    ``search_documents``) and go back in as they came.
    """

    format = pq.Format.BINARY
    oid = postgres.types["tsvector"].oid

    def dump(self, obj: bytes) -> bytes:
        return obj


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """Take ``count`` new primary keys of ``model`` from its table's sequence."""
    if not count:
        return []
    opts = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [connection.ops.quote_name(opts.db_table), opts.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Add ``rows`` to ``table``: values in the order of ``columns``, None for NULL.

    Values are Python values as Django prepares them for the database;
    tsvector columns take bytes in PostgreSQL's binary format.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # Binary COPY applies no casts: each value must be sent as the
        # column's own type, so ask the table for them.
        cursor.execute(f"SELECT {names} FROM {quote(table)} LIMIT 0")
        types = [column.type_code for column in cursor.description]
        raw = cursor.cursor
        raw.adapters.register_dumper(None, _TsvectorDumper)

        def copy(sql: str, params: None, many: bool, context: dict) -> None:
            with raw.copy(sql) as stream:
                stream.set_types(types)
                for row in rows:
                    stream.write_row(row)

        # Through the connection's execute wrappers, as Django runs every
        # statement: the page cache learns of writes from them.
        run = copy
        for wrapper in reversed(connection.execute_wrappers):
            run = functools.partial(wrapper, run)
        statement = f"COPY {quote(table)} ({names}) FROM STDIN (FORMAT BINARY)"
        run(statement, None, False, {"connection": connection, "cursor": cursor})
