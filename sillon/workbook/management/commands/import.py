"""sillon import FILE --organisation SLUG [--create-organisation] [--dry-run]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from sillon.accounts.models import Organisation
from sillon.workbook.actions import import_workbook

STEPS = ["read", "validate", "plan", "write"]


class Command(BaseCommand):
    help = "Import a workbook (.xlsx, or a .zip or folder of CSV files) into an organisation."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="short name (slug)")
        parser.add_argument("--create-organisation", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")
        parser.add_argument("--lang", choices=["fr", "nl", "en"], default="fr")

    def handle(self, *args, file, organisation, create_organisation, dry_run, lang, **options):
        translation.activate(lang)
        if not file.exists():
            raise CommandError(f"{file}: no such file or folder.")
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None and not create_organisation:
            raise CommandError(
                f"No organisation {organisation!r}; give --create-organisation to create it."
            )
        with transaction.atomic():
            if found is None:
                found = Organisation.objects.create(slug=organisation, name=organisation)
            result = import_workbook(found, file, dry_run=dry_run, progress=self.progress())
            # A refused import or a dry run leaves no new organisation behind.
            transaction.set_rollback(dry_run or bool(result.problems))
        if self.stdout.isatty():
            self.stdout.write("")
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem.line())
            raise CommandError(f"{len(result.problems)} error(s); nothing was written.")
        for sheet, counts in result.counts.items():
            self.stdout.write(
                f"{sheet:<18} created {counts['created']:>6}  updated {counts['updated']:>6}"
                f"  unchanged {counts['unchanged']:>6}"
            )
        self.stdout.write("Dry run: nothing was written." if dry_run else "Imported.")

    def progress(self):
        """A progress bar on a terminal; nothing when the output is not one."""
        if not sys.stderr.isatty():
            return None

        def show(step: str) -> None:
            done = STEPS.index(step) + 1
            bar = "#" * (done * 6) + "." * ((len(STEPS) - done) * 6)
            sys.stderr.write(f"\r[{bar}] {step:<10}")
            sys.stderr.flush()

        return show
