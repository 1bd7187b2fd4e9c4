"""sillon template -o FILE.xlsx"""

from django.core.management.base import BaseCommand, CommandError

from sillon.workbook.template import write_template


class Command(BaseCommand):
    help = "Write the empty import workbook, with drop-down lists and notes."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, output, **options):
        try:
            write_template(output)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Written: {output}")
