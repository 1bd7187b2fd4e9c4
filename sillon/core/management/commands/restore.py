"""`sillon restore FILE`: a backup of `sillon backup` into an empty database
(sillon/core/backup.py); nothing is written unless the whole archive checks out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sillon.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup of `sillon backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by sillon backup")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} does not exist.")
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows from {file} (Sillon {manifest['sillon_version']}, "
            f"{manifest['created_at']})."
        )
