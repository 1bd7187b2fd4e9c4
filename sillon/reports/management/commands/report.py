import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from sillon.accounts.commands import organisation_named
from sillon.reports.actions import produce
from sillon.reports.forms import check_period


class Command(BaseCommand):
    help = "Write the semester monitoring report or the annual report of an organisation."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Short name (slug).")
        parser.add_argument(
            "--period", required=True, help="2025 (annual), 2025-S1 or 2025-S2 (semester)."
        )
        parser.add_argument("--kind", choices=["semester", "annual"], required=True)
        parser.add_argument("--format", choices=["pdf", "xlsx", "html"], required=True)
        parser.add_argument("--lang", choices=["fr", "nl", "en"], default="fr")
        parser.add_argument(
            "--suppress-below",
            type=int,
            metavar="N",
            help="Show breakdown cells below N as “< N” (for reports leaving the organisation).",
        )
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, organisation, period, kind, format, lang, output, **options):
        found = organisation_named(organisation)
        threshold = options.get("suppress_below")
        if threshold is not None and not 2 <= threshold <= 50:
            raise CommandError("--suppress-below takes a number from 2 to 50.")
        try:
            with override("en"):
                parsed = check_period(kind, period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
        started = time.perf_counter()
        tell = self._progress if sys.stderr.isatty() else None
        content = produce(found, parsed, kind, format, lang, suppression=threshold, progress=tell)
        target.write_bytes(content)
        if tell:
            sys.stderr.write("\n")
        self.stdout.write(
            f"{target} written ({len(content):,} bytes, {time.perf_counter() - started:.1f} s)."
        )

    def _progress(self, percent: int) -> None:
        filled = percent // 5
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {percent:3d} %")
        sys.stderr.flush()
