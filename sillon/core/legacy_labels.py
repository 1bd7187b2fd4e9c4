"""Apps renamed after databases were created with their old label.

Django has no operation to rename an app: its tables, its rows in `django_migrations`
and its content types keep the old label. `sillon migrate` renames them first, so an
existing database migrates as if the app had always had its new name.
"""

from django.db import transaction

# old app label → new app label
RENAMED_APPS = {
    # The official business register (KBO/BCE) was the app `registry`, one letter away
    # from `register`, the accompaniment records.
    "registry": "kbo",
}


def rename_legacy_app_labels(connection) -> list[str]:
    """Renames what each old label left in the database; returns the old labels renamed."""
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return []
    quote = connection.ops.quote_name
    renamed = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for old, new in RENAMED_APPS.items():
            cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", [old])
            if not cursor.fetchone()[0]:
                continue
            for table in sorted(tables):
                if table.startswith(f"{old}_"):
                    new_table = new + table[len(old) :]
                    cursor.execute(f"ALTER TABLE {quote(table)} RENAME TO {quote(new_table)}")
            cursor.execute("UPDATE django_migrations SET app = %s WHERE app = %s", [new, old])
            if "django_content_type" in tables:
                cursor.execute(
                    "UPDATE django_content_type SET app_label = %s WHERE app_label = %s",
                    [new, old],
                )
            renamed.append(old)
    return renamed
