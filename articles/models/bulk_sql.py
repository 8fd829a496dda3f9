"""Raw SQL for writing many rows at once: the one place the app bypasses the ORM.

The importer writes thousands of articles, photos, links and tags a second,
and building a model instance per row cost more than the write itself; a
change recorded on a whole section, or links resolved across the archive,
would otherwise save row by row. Every statement here is built from the
models' own ``_meta``, and ``tests/models/test_bulk_sql.py`` fails the moment
a model's or django-simple-history's columns change under it.

On PostgreSQL rows go in by COPY in its binary format, which neither side
has to parse; COPY returns no ids, so rows that need theirs take them from
the table's sequence first (``allocate_ids``), as an INSERT would. On other
databases plain INSERTs carry them.
"""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from psycopg import adapt, postgres, pq

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import NotSupportedError, connection
from django.db.models import BigIntegerField, F, Model, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import Truncator


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


def insert_returning_pks(
    model: type[Model], fields: list[str], rows: list[tuple]
) -> list[int]:
    """Insert rows of ``model`` and return their primary keys, in row order.

    What ``bulk_create`` does for new articles and photos, without a model
    instance per row: building and preparing those was most of a fresh
    import's time. ``rows`` hold values ready for the database, in the order
    of ``fields``; every other column gets its field's default, worked out
    once. PostgreSQL gets the rows by COPY, with ids taken from the table's
    sequence first; elsewhere, like ``bulk_create``, this relies on the
    database returning ids in the order the rows were inserted.
    """
    if not rows:
        return []
    opts = model._meta
    given = [opts.get_field(name) for name in fields]
    template = model()
    rest = [f for f in opts.concrete_fields if not f.primary_key and f not in given]
    defaults = tuple(
        f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in rest
    )
    if connection.vendor == "postgresql":
        pks = allocate_ids(model, len(rows))
        copy_rows(
            opts.db_table,
            [f.column for f in [opts.pk, *given, *rest]],
            ((pk, *row, *defaults) for pk, row in zip(pks, rows, strict=True)),
        )
        return pks
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    columns = ", ".join(quote(f.column) for f in [*given, *rest])
    row_sql = f"({', '.join(['%s'] * (len(given) + len(rest)))})"
    pk = quote(opts.pk.column)
    pks: list[int] = []
    with connection.cursor() as cursor:
        if not connection.features.can_return_rows_from_bulk_insert:
            # SQLite before 3.35 has no RETURNING: one row at a time.
            sql = f"INSERT INTO {table} ({columns}) VALUES {row_sql}"
            for row in rows:
                cursor.execute(sql, (*row, *defaults))
                pks.append(cursor.lastrowid)
            return pks
        size = max(1, connection.ops.bulk_batch_size([*given, *rest], rows))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(chunk))} RETURNING {pk}",
                [value for row in chunk for value in (*row, *defaults)],
            )
            pks.extend(row[0] for row in cursor.fetchall())
    return pks


def insert_rows(model: type[Model], fields: list[str], rows: list[tuple]) -> None:
    """Insert plain rows of ``model`` with one executemany, or COPY on PostgreSQL.

    Tag and link rows are most of what an import writes (about eight per
    article); building a model instance for each one costs several times
    more than the insert, and these rows need no defaults, signals or ids.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns = [model._meta.get_field(name).column for name in fields]
        copy_rows(model._meta.db_table, columns, rows)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def update_column(model: type[Model], field_name: str, rows: list[tuple]) -> None:
    """Set one column of many rows: ``rows`` are ``(value, primary key)`` pairs."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    field, pk = model._meta.get_field(field_name), model._meta.pk
    if connection.vendor == "postgresql":
        # One statement: row by row, PostgreSQL parses and plans each one.
        values, pks = zip(*rows, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {quote(field.column)} = new.value "
                f"FROM unnest(%s::{field.db_type(connection)}[], "
                f"%s::{pk.db_type(connection)}[]) AS new (value, pk) "
                f"WHERE {table}.{quote(pk.column)} = new.pk",
                [list(values), list(pks)],
            )
        return
    sql = f"UPDATE {table} SET {quote(field.column)} = %s WHERE {quote(pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@dataclass(frozen=True)
class KeptRows:
    """A history column keeping, as a JSON list, the rows that point at the object.

    A version of an article keeps its tags and links this way: rows of
    ``model`` (an app label and model name) whose ``owner`` field points at
    the object, filtered by ``where``, in the order of ``order_by``. One
    ``value`` (a field path, across foreign keys too) keeps a list of values;
    ``values`` (JSON key to field path) keeps a list of objects.
    """

    model: str
    owner: str
    value: str = ""
    values: dict[str, str] = field(default_factory=dict)
    where: dict[str, object] = field(default_factory=dict)
    order_by: tuple[str, ...] = ("pk",)


def kept_rows_sql(kept: KeptRows, owner_pk: str) -> tuple[str, list]:
    """Return SQL for ``kept``'s JSON list, for the object whose key is ``owner_pk``.

    ``owner_pk`` is the outer statement's SQL for the object's primary key,
    so the list is a correlated subquery: one statement fills it for any
    number of objects.
    """
    paths = [kept.value] if kept.value else list(kept.values.values())
    rows = (
        apps.get_model(kept.model)
        ._base_manager.filter(**kept.where)
        .filter(**{kept.owner: RawSQL(owner_pk, (), output_field=BigIntegerField())})
        .values(
            **{f"kept_{number}": F(path) for number, path in enumerate(paths)},
            kept_order=Window(RowNumber(), order_by=list(kept.order_by)),
        )
        .order_by(*kept.order_by)
    )
    inner, params = rows.query.sql_with_params()
    if kept.value:
        item = "kept_0"
    else:
        # The keys are names written in code, never input: SQL literals are safe.
        assert all(key.isidentifier() for key in kept.values), kept.values
        build = (
            "jsonb_build_object" if connection.vendor == "postgresql" else "json_object"
        )
        pairs = ", ".join(
            f"'{key}', kept_{number}" for number, key in enumerate(kept.values)
        )
        item = f"{build}({pairs})"
    if connection.vendor == "postgresql":
        sql = (
            f"COALESCE((SELECT jsonb_agg({item} ORDER BY kept_order) "
            f"FROM ({inner}) AS kept), '[]'::jsonb)"
        )
    elif connection.vendor == "sqlite":
        # SQLite has no ORDER BY inside an aggregate before 3.44; it adds
        # rows in the order of an ordered subquery, which it never flattens
        # into an aggregate.
        sql = f"(SELECT json_group_array({item}) FROM ({inner}) AS kept)"
    else:
        raise NotSupportedError(f"No JSON lists on {connection.vendor}")
    return sql, list(params)


def kept_values(history: type[Model], pk: object) -> dict[str, object]:
    """Return the kept columns of ``history`` as a version of ``pk`` has them now.

    What ``record_history`` writes for many objects, read for one: the same
    SQL, so a version saved one by one and one written in bulk agree.
    """
    kept: dict[str, KeptRows] = getattr(history, "kept_rows", {})
    if not kept:
        return {}
    model = history.instance_type
    quote = connection.ops.quote_name
    table, pk_column = quote(model._meta.db_table), quote(model._meta.pk.column)
    selects, params = [], []
    for name in kept:
        sql, sql_params = kept_rows_sql(kept[name], f"{table}.{pk_column}")
        selects.append(sql)
        params += sql_params
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(selects)} FROM {table} WHERE {pk_column} = %s",
            [*params, pk],
        )
        row = cursor.fetchone()
    if row is None:
        return {}
    return {
        name: history._meta.get_field(name).from_db_value(value, None, connection)
        for name, value in zip(kept, row, strict=True)
    }


def record_history(
    model: type[Model],
    where: tuple[str, Sequence],
    history_type: str,
    reason: str,
    *,
    user_id: int | None = None,
    reason_tail_column: str | None = None,
    when: datetime | None = None,
) -> None:
    """Copy rows of ``model`` into its django-simple-history table in one statement.

    The rows are those whose primary key is in ``where``, an SQL subquery
    with its parameters. Each copy gets what simple-history's save signal
    records for one object: every tracked column, the time, the user and
    ``reason``, and the rows the history model keeps (``kept_rows``, such as
    an article's tags) as they are when this runs. Given
    ``reason_tail_column``, that column's value is added to the reason,
    keeping its tail (a file name) within the reason's column.
    """
    history = model.history.model
    tracked = {field.name for field in history.tracked_fields}
    kept: dict[str, KeptRows] = getattr(history, "kept_rows", {})
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    limit = history._meta.get_field("history_change_reason").max_length
    reason_sql, reason_params = "%s", [Truncator(reason).chars(limit)]
    if reason_tail_column is not None:
        tail = quote(model._meta.get_field(reason_tail_column).column)
        reason_sql = (
            f"CASE WHEN LENGTH(%s || {tail}) <= {limit} THEN %s || {tail} "
            f"ELSE %s || '…' || SUBSTR({tail}, LENGTH({tail}) - "
            f"{limit - len(reason) - 2}) END"
        )
        reason_params = [reason, reason, reason]
    names, values, params = [], [], []
    for column in history._meta.concrete_fields:
        if column.primary_key:
            continue
        names.append(quote(column.column))
        if column.name in tracked:
            values.append(quote(column.column))
        elif column.name == "history_date":
            values.append("%s")
            params.append(
                connection.ops.adapt_datetimefield_value(when or timezone.now())
            )
        elif column.name == "history_change_reason":
            values.append(reason_sql)
            params += reason_params
        elif column.name == "history_type":
            values.append("%s")
            params.append(history_type)
        elif column.name == "history_user":
            values.append("%s")
            params.append(user_id)
        elif column.name in kept:
            sql, kept_params = kept_rows_sql(
                kept[column.name], f"{table}.{quote(model._meta.pk.column)}"
            )
            values.append(sql)
            params += kept_params
        else:
            raise ImproperlyConfigured(
                f"Bulk history cannot fill {history.__name__}.{column.name}."
            )
    subquery, subquery_params = where
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(names)}) "
        f"SELECT {', '.join(values)} FROM {table} "
        f"WHERE {quote(model._meta.pk.column)} IN ({subquery})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *subquery_params])
