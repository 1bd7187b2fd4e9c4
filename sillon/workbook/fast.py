"""Raw inserts for large imports, and their history written by the database itself.

Django's bulk_create builds a model instance and the SQL of every row; for 10,000
activities and their 10,000 history rows that cost more than the database work. Here
a record is a dict of attribute values, turned once into column values and handed to
the driver (executemany on SQLite, COPY on PostgreSQL) under ids reserved beforehand.
The history rows are then copied from the written rows with INSERT … SELECT, so that
values the database computes (generated columns, defaults) are in them too.
The caller holds the transaction and, on SQLite, the write lock (it has written
already), so that no other writer takes the ids reserved here.
"""

from django.db import connection
from django.db.models import Model
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
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}
CHUNK = 900  # ids per IN (…): under every database's limit of parameters


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def column_values(model: type[Model], records: list[dict]) -> tuple[list, list[list]]:
    """The writable fields of the model, and each record's values for them: those the
    record gives, else the field's default (or now, for an automatic date)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    now = timezone.now()
    defaults = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults.append(now)
        else:
            defaults.append(field.get_default())
    prepared = [field.get_internal_type() not in PLAIN for field in fields]
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


def write_rows(table: str, columns: list[str], rows: list[list]) -> None:
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


class History:
    """Versions of records written by one import: same date, user and change reason,
    so that the versions of this import can be found again (for their m2m rows)."""

    def __init__(self, user, reason: str):
        self.user_id = user.pk if getattr(user, "is_authenticated", False) else None
        self.reason = reason
        self.date = connection.ops.adapt_datetimefield_value(timezone.now())

    def record(self, model: type[Model], ids: list[int], kind: str) -> None:
        """A version ('+' created, '~' changed) of each of the records, as stored now."""
        historical = model.history.model
        columns = [
            f.column for f in historical._meta.concrete_fields if f.name in tracked(historical)
        ]
        names = ", ".join(quote(c) for c in columns)
        table, source = quote(historical._meta.db_table), quote(model._meta.db_table)
        with connection.cursor() as cursor:
            for chunk in chunks(ids):
                cursor.execute(
                    f"INSERT INTO {table} ({names}, history_date, history_change_reason,"
                    f" history_type, history_user_id) SELECT {names}, %s, %s, %s, %s"
                    f" FROM {source} WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                    [self.date, self.reason, kind, self.user_id, *chunk],
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
        self.record(model, [pk for pk in ids if pk not in versioned], "~")
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


def tracked(historical) -> set[str]:
    return {f.name for f in historical.tracked_fields if not f.generated}


def chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
