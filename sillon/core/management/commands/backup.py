"""`sillon backup -o FILE`: the database, the data folder's files and a manifest in
one archive (sillon/core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sillon.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup of the database and the uploaded and produced files."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the archive to write")

    def handle(self, *args, output, **options):
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder of {output} does not exist.")
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{output}: {rows} rows in {len(manifest['counts'])} tables, "
            f"{len(manifest['checksums']) - 1} files."
        )
