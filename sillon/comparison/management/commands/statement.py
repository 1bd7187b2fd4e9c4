from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sillon.accounts.commands import organisation_named
from sillon.catalogue.periods import parse_period
from sillon.comparison import statements


class Command(BaseCommand):
    help = "Export an organisation's statement for a period, or import a peer's statement."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the statement of an organisation.")
        export.add_argument("--organisation", required=True, help="Short name (slug).")
        export.add_argument("--period", required=True, help="2025, 2025-S1, 2025-S2 or a..b.")
        export.add_argument("-o", "--output", required=True, help="The JSON file to write.")
        imported = actions.add_parser("import", help="Validate and store a peer's statement.")
        imported.add_argument("file", help="The statement (JSON).")

    def handle(self, *args, action, **options):
        if action == "export":
            self.export(options["organisation"], options["period"], options["output"])
        else:
            self.load(options["file"])

    def export(self, slug: str, period_text: str, output: str) -> None:
        organisation = organisation_named(slug)
        try:
            period = parse_period(period_text)
        except ValidationError as error:
            raise CommandError(
                f"{period_text!r} is not a period: write 2025, 2025-S1, 2025-S2 or "
                "2024-07-01..2025-06-30."
            ) from error
        Path(output).write_text(
            statements.dumps(statements.build(organisation, period)), encoding="utf-8"
        )
        self.stdout.write(f"{output}: statement of {organisation.slug} for {period.id}.")

    def load(self, file: str) -> None:
        path = Path(file)
        try:
            size = path.stat().st_size
            if size > statements.MAX_BYTES:
                raise statements.StatementInvalid(
                    [
                        f"The file is {size} bytes; a statement is at most "
                        f"{statements.MAX_BYTES} bytes."
                    ]
                )
            raw = path.read_bytes()
            statement, previous = statements.store(raw)
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from error
        except statements.StatementInvalid as error:
            for reason in error.reasons:
                self.stderr.write(f"{file}: {reason}")
            raise CommandError(
                f"{file}: the statement is refused ({len(error.reasons)} problem(s)); "
                "nothing was stored."
            ) from error
        replaced = (
            f", replacing the one imported on {previous.imported_at:%Y-%m-%d}" if previous else ""
        )
        self.stdout.write(
            f"{file}: statement of {statement.publisher_name} for {statement.period_id} "
            f"stored{replaced}."
        )
