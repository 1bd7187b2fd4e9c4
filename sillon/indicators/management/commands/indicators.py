import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import override

from sillon.accounts.commands import organisation_named
from sillon.catalogue.periods import parse_period, refuse_future
from sillon.indicators.output import catalogue


class Command(BaseCommand):
    help = "Compute the whole indicator catalogue of an organisation for a period."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Short name (slug).")
        parser.add_argument(
            "--period", required=True, help="2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30."
        )
        parser.add_argument("--as-of", help="Date the data is read at (default: end of period).")
        parser.add_argument("--format", choices=["json", "csv", "text"], default="json")
        parser.add_argument("--lang", choices=["fr", "nl", "en"], default="fr")

    def handle(self, *args, organisation, period, as_of, format, lang, **options):
        found = organisation_named(organisation)
        with override("en"):
            try:
                parsed = refuse_future(parse_period(period), timezone.localdate())
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        try:
            as_of_date = datetime.date.fromisoformat(as_of) if as_of else parsed.end
        except ValueError as error:
            raise CommandError(f"{as_of!r} is not a date: write YYYY-MM-DD.") from error
        output = catalogue(format, lang, found, parsed, as_of_date)
        self.stdout.write(output, ending="")
