"""The one bulk writer of rows and of their history, shared by the demo and the import.

Django's bulk_create builds a model instance and the SQL of every row; for the ~3
million rows of a 100,000-project demo, or the 10,000 activities of a large workbook
and their 10,000 history rows, that cost far more than the database work. Here rows
are tuples of column values handed to the driver (executemany on SQLite, COPY on
PostgreSQL) under ids reserved beforehand (`core.ids.reserve_ids`), so that rows can be
linked to each other before they are written.

History is written without django-simple-history's Python path, so this module relies
on what it stores (held by tests/core/test_bulk.py, which fails when an upgrade of
django-simple-history changes any of it):
- the historical model of `Model` is `model.history.model`, its table has the tracked
  columns of the model plus `history_id` (primary key), `history_date`,
  `history_change_reason`, `history_type` (`+` created, `~` changed, `-` deleted) and
  `history_user_id`; nothing else without a default;
- the m2m links of a version live in `HistoricalRecords.m2m_models[field]`, a table with
  `id`, the two link columns of the through table and `history_id`.

The caller holds the transaction and, on SQLite, the write lock (it has written
already, e.g. `Organisation.bump_data_version()`), so that no other writer takes the
ids reserved here.
"""

import datetime
from contextlib import contextmanager

from django.db import connection
from django.db.models import Field, Model
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sillon.core.ids import reserve_ids

# Values the driver takes as they are; the others go through the field's preparation.
PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}
CHUNK = 900  # ids per IN (…): under every database's limit of parameters
BLOCK = 10_000  # ids a RowWriter reserves at a time
# The columns django-simple-history adds to a historical table, besides the tracked ones.
HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
CREATED, CHANGED, DELETED = "+", "~", "-"


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def needs_preparation(field: Field) -> bool:
    return field.get_internal_type() not in PLAIN


def write_rows(table: str, columns: list[str], rows: list) -> None:
    """Write rows (sequences of values in the order of `columns`) into the table."""
    if not rows:
        return
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one go; executemany would send them one by one.
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows
            )


@contextmanager
def indexes_built_after(*models: type[Model]):
    """On SQLite, the indexes of the models' tables are dropped while rows are loaded,
    then built again from the loaded tables: building an index sorts its rows once,
    where keeping it up to date puts each new row at a random place of a B-tree far
    larger than the page cache (most of a 100,000-project demo's writing time). Must run
    inside a transaction, which an error rolls back with the indexes; on the way out the
    same statements recreate them, so a failed uniqueness is raised there. PostgreSQL
    loads with COPY and keeps its indexes."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_built_after needs a transaction: it drops indexes.")
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Indexes without SQL back a UNIQUE or PRIMARY KEY clause: they cannot be dropped.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({', '.join(['%s'] * len(tables))}) ORDER BY name",
            tables,
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


# Rows given as dicts, all at once (the import).


def writable_fields(model: type[Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]


def column_values(model: type[Model], records: list[dict]) -> tuple[list, list[list]]:
    """The writable fields of the model, and each record's values for them: those the
    record gives (by attribute name), else the field's default (or now, for an
    automatic date)."""
    fields = writable_fields(model)
    now = timezone.now()
    defaults = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults.append(now)
        else:
            defaults.append(field.get_default())
    prepared = [needs_preparation(field) for field in fields]
    rows = []
    for record in records:
        row = []
        for field, default, prepare in zip(fields, defaults, prepared, strict=True):
            value = record.get(field.attname, default)
            row.append(field.get_db_prep_save(value, connection) if prepare else value)
        rows.append(row)
    return fields, rows


def insert(model: type[Model], records: list[dict]) -> list[int]:
    """Insert the records (dicts of attribute values); return their ids, in order."""
    if not records:
        return []
    fields, rows = column_values(model, records)
    first = reserve_ids(model, len(rows))
    ids = list(range(first, first + len(rows)))
    columns = [model._meta.pk.column, *(f.column for f in fields)]
    write_rows(
        model._meta.db_table, columns, [[pk, *row] for pk, row in zip(ids, rows, strict=True)]
    )
    return ids


# Rows given as tuples, streamed (the demo).


class Preparer:
    """A field's preparation of values for the database, remembered for values seen
    before: a demo writes a few thousand distinct dates, hours and lists of codes
    millions of times."""

    LIMIT = 100_000

    def __init__(self, field: Field):
        self.field = field
        self.known: dict = {}

    def __call__(self, value):
        key = (list, *value) if isinstance(value, list) else value
        try:
            return self.known[key]
        except KeyError:
            prepared = self.field.get_db_prep_save(value, connection)
            if len(self.known) < self.LIMIT:
                self.known[key] = prepared
            return prepared
        except TypeError:  # not hashable
            return self.field.get_db_prep_save(value, connection)


class RowWriter:
    """Rows of one table written in batches as they come; each gets its id at once.

    `fields` names the model fields given to `add`, in order (attribute values: ids for
    foreign keys). Dates, decimals and lists go through the field's preparation.
    `parents` are the writers of the rows these refer to: flushed first, so that no row
    is written before the one it refers to. (SQLite checks deferred foreign keys as it
    goes: while a reference is outstanding, every parent row written searches the child
    table for rows it resolves.)
    """

    def __init__(
        self,
        model: type[Model],
        fields: list[str],
        batch: int = 5000,
        parents: tuple["RowWriter", ...] = (),
    ):
        self.model = model
        self.parents = parents
        self.fields = [model._meta.get_field(name) for name in fields]
        self.table = model._meta.db_table
        self.columns = [model._meta.pk.column, *(field.column for field in self.fields)]
        self.prepared = [
            (index + 1, Preparer(field))
            for index, field in enumerate(self.fields)
            if needs_preparation(field)
        ]
        self.batch = batch
        self.rows: list[list] = []
        self.next_id = 0
        self.last_reserved = -1

    def add(self, *values) -> int:
        """Queue a row (values in the order of `fields`); return its id."""
        if self.next_id > self.last_reserved:
            self.flush()  # SQLite counts written rows only
            self.next_id = reserve_ids(self.model, BLOCK)
            self.last_reserved = self.next_id + BLOCK - 1
        if len(values) != len(self.fields):
            raise TypeError(f"{len(self.fields)} values expected, {len(values)} given")
        row_id = self.next_id
        self.next_id += 1
        row = [row_id, *values]
        for index, prepare in self.prepared:
            row[index] = prepare(row[index])
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()
        return row_id

    def flush(self) -> None:
        if not self.rows:
            return
        for parent in self.parents:
            parent.flush()
        write_rows(self.table, self.columns, self.rows)
        self.rows = []


class InstanceWriter(RowWriter):
    """Unsaved model instances written as rows, every writable field from the instance
    (its defaults included); each instance gets its id. No signals, no history."""

    def __init__(self, model: type[Model], batch: int = 5000, parents: tuple[RowWriter, ...] = ()):
        fields = writable_fields(model)
        super().__init__(model, [field.name for field in fields], batch, parents)
        self.attnames = [field.attname for field in fields]
        now = timezone.now()
        self.automatic = [
            (index, now)
            for index, field in enumerate(fields)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]

    def write(self, instance: Model) -> int:
        values = [getattr(instance, name) for name in self.attnames]
        for index, now in self.automatic:
            values[index] = now
        instance.pk = self.add(*values)
        instance._state.adding = False
        return instance.pk


def write_instances(model: type[Model], instances) -> None:
    """Write unsaved instances of the model (an iterable), giving each its id."""
    writer = InstanceWriter(model)
    for instance in instances:
        writer.write(instance)
    writer.flush()


def update_rows(model: type[Model], fields: list[str], rows: list) -> None:
    """Set the fields of existing rows: each row is (id, *values in the order of
    `fields`). One statement for all rows, unlike bulk_update's CASE per batch."""
    if not rows:
        return
    model_fields = [model._meta.get_field(name) for name in fields]
    preparers = [Preparer(field) if needs_preparation(field) else None for field in model_fields]
    sets = ", ".join(f"{quote(field.column)} = %s" for field in model_fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"
    )
    prepared = [
        [
            *(p(v) if p else v for p, v in zip(preparers, row[1:], strict=True)),
            row[0],
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


# History of rows already written (the import).


def tracked_columns(historical: type[Model]) -> list[str]:
    """The columns of the historical table copied from the record's table."""
    names = {f.name for f in historical.tracked_fields if not f.generated}
    return [f.column for f in historical._meta.concrete_fields if f.name in names]


class History:
    """Versions of records written by one import: same date, user and change reason,
    so that the versions of this import can be found again (for their m2m rows)."""

    def __init__(self, user, reason: str):  # user: a user, or None
        self.user_id = user.pk if getattr(user, "is_authenticated", False) else None
        self.reason = reason
        self.date = connection.ops.adapt_datetimefield_value(timezone.now())

    def record(self, model: type[Model], ids: list[int], kind: str) -> None:
        """A version (CREATED or CHANGED) of each of the records, as stored now, copied
        by the database itself so that the values it computes are in it too."""
        historical = model.history.model
        names = ", ".join(quote(c) for c in tracked_columns(historical))
        extra = ", ".join(quote(c) for c in HISTORY_COLUMNS)
        table, source = quote(historical._meta.db_table), quote(model._meta.db_table)
        with connection.cursor() as cursor:
            for chunk in chunks(ids):
                cursor.execute(
                    f"INSERT INTO {table} ({names}, {extra}) SELECT {names}, %s, %s, %s, %s"
                    f" FROM {source} WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                    [self.date, self.reason, kind, self.user_id, *chunk],
                )

    def record_each(self, model: type[Model], dated: list[tuple[int, datetime.datetime]]) -> None:
        """A first version (CREATED) of each record, each at its own date: (id, date)
        pairs. The demo dates the versions of its records when their story happened."""
        if not dated:
            return
        historical = model.history.model
        names = ", ".join(quote(c) for c in tracked_columns(historical))
        extra = ", ".join(quote(c) for c in HISTORY_COLUMNS)
        table, source = quote(historical._meta.db_table), quote(model._meta.db_table)
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({names}, {extra}) SELECT {names}, %s, %s, %s, %s"
                f" FROM {source} WHERE id = %s",
                [(adapt(date), self.reason, CREATED, self.user_id, pk) for pk, date in dated],
            )

    def record_links(self, model: type[Model], field_name: str, ids: list[int]) -> None:
        """The m2m rows of `field_name` of each record, attached to its version of this
        import (a '~' version is added for a record this import did not otherwise write),
        as django-simple-history does for a change made in the interface."""
        if not ids:
            return
        historical = model.history.model
        field = model._meta.get_field(field_name)
        links = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        own, other = field.m2m_column_name(), field.m2m_reverse_name()
        table, hist = quote(historical._meta.db_table), quote(links._meta.db_table)
        versioned = set()
        for chunk in chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {table} WHERE history_date = %s AND id IN ({marks})",
                    [self.date, *chunk],
                )
                versioned.update(row[0] for row in cursor.fetchall())
        self.record(model, [pk for pk in ids if pk not in versioned], CHANGED)
        with connection.cursor() as cursor:
            for chunk in chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {hist} (id, {quote(own)}, {quote(other)}, history_id)"
                    f" SELECT t.id, t.{quote(own)}, t.{quote(other)}, h.history_id"
                    f" FROM {quote(through._meta.db_table)} t JOIN {table} h"
                    f" ON h.id = t.{quote(own)} AND h.history_date = %s"
                    f" WHERE t.{quote(own)} IN ({marks})",
                    [self.date, *chunk],
                )


def chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_statistics() -> None:
    """Let PostgreSQL's planner see the rows just loaded. Until autovacuum passes, its
    statistics describe empty tables, and a catalogue at 100,000 projects took 21 s
    instead of 3 (an EMES count alone chose a plan of 7 s)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
