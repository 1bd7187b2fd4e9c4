"""`sillon purge [--dry-run]`: delete what the retention rules say has served
(sillon/core/retention.py); the worker does it every day."""

from django.core.management.base import BaseCommand

from sillon.core.retention import purge


class Command(BaseCommand):
    help = "Delete expired uploads, links, sessions and old task results (--dry-run: only say)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would go, delete nothing"
        )

    def handle(self, *args, dry_run, **options):
        verb = "would go" if dry_run else "deleted"
        for name, count in purge(dry_run=dry_run).items():
            self.stdout.write(f"{name}: {count} {verb}")
