"""sillon export --organisation SLUG -o FILE.xlsx"""

from django.core.management.base import BaseCommand, CommandError

from sillon.accounts.commands import organisation_named
from sillon.workbook.export import export_organisation


class Command(BaseCommand):
    help = "Write an organisation's records in the workbook format."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="short name (slug)")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, organisation, output, **options):
        found = organisation_named(organisation)
        try:
            export_organisation(found, output, personal=True)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Written: {output}")
