"""Primary keys reserved ahead of raw bulk inserts (the demo's and the workbook's), so
that rows can be linked to each other before they are written."""

from django.db import connection
from django.db.models import Model


def reserve_ids(model: type[Model], count: int) -> int:
    """Reserve `count` consecutive ids for the model's table; return the first.

    PostgreSQL: advance the identity sequence, so that concurrent writers never collide.
    SQLite: the caller's transaction holds the write lock (it has written already), so
    the next id after the largest ever used is free.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                " nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [table, table, count],
            )
            return cursor.fetchone()[0] - count + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        return max(largest, row[0] if row else 0) + 1
