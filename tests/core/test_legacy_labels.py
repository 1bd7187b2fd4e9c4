"""A database created before an app was renamed migrates under the new name."""

import datetime

from django.db import connection
from django.utils import timezone

from sillon.core.legacy_labels import rename_legacy_app_labels
from sillon.kbo.models import SyncRun

KBO_TABLES = ["kbo_finding", "kbo_registerentry", "kbo_syncrun"]


def as_before_the_rename():
    """Puts the KBO app's tables, migrations and content types back under `registry`."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in KBO_TABLES:
            old = table.replace("kbo_", "registry_", 1)
            cursor.execute(f"ALTER TABLE {quote(table)} RENAME TO {quote(old)}")
        cursor.execute("UPDATE django_migrations SET app = 'registry' WHERE app = 'kbo'")
        cursor.execute(
            "UPDATE django_content_type SET app_label = 'registry' WHERE app_label = 'kbo'"
        )


def a_sync_run() -> SyncRun:
    now = timezone.now()
    return SyncRun.objects.create(
        kind="full",
        extract_number=140,
        snapshot_date=datetime.date(2026, 12, 1),
        file_name="extract.zip",
        checksum="0" * 64,
        started_at=now,
        finished_at=now,
        read_seconds=0,
        write_seconds=0,
    )


def test_tables_migrations_and_content_types_of_registry_become_kbo(db):
    run = a_sync_run()
    as_before_the_rename()

    assert rename_legacy_app_labels(connection) == ["registry"]

    tables = set(connection.introspection.table_names())
    assert set(KBO_TABLES) <= tables
    assert not any(table.startswith("registry_") for table in tables)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'registry'")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'kbo'")
        assert cursor.fetchone()[0] >= 2
    assert SyncRun.objects.get().pk == run.pk
    assert a_sync_run().pk > run.pk  # the id sequence followed its table


def test_a_database_already_renamed_is_left_alone(db):
    assert rename_legacy_app_labels(connection) == []
