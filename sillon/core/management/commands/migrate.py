"""Django's `migrate`, which first renames what renamed apps left in the database and
then creates the database cache's table (CACHE_URL=db://, the default)."""

from django.core.management import call_command
from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connections

from sillon.core.legacy_labels import rename_legacy_app_labels


class Command(DjangoMigrateCommand):
    def handle(self, *args, **options):
        for old in rename_legacy_app_labels(connections[options["database"]]):
            if options["verbosity"] >= 1:
                self.stdout.write(f"Renamed the tables and migrations of the app {old!r}.")
        super().handle(*args, **options)
        if not options.get("plan"):
            # Does nothing when the table exists or the cache is not in the database.
            call_command("createcachetable", database=options["database"], verbosity=0)
