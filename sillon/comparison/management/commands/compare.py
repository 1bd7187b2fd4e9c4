import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sillon.accounts.commands import organisation_named
from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import parse_period
from sillon.comparison.compare import compare
from sillon.indicators.output import shown


class Command(BaseCommand):
    help = "Compare an organisation's comparable indicators with its peers' for a period."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Short name (slug).")
        parser.add_argument("--period", required=True, help="2025, 2025-S1, 2025-S2 or a..b.")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--lang", choices=["fr", "nl", "en"], default="fr")

    def handle(self, *args, organisation, period, format, lang, **options):
        found = organisation_named(organisation)
        try:
            parsed = parse_period(period)
        except ValidationError as error:
            raise CommandError(
                f"{period!r} is not a period: write 2025, 2025-S1, 2025-S2 or "
                "2024-07-01..2025-06-30."
            ) from error
        with translation.override(lang):
            document = compare(found, parsed)
            if format == "json":
                self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(text(found, document))


def text(organisation, document: dict) -> str:
    lines = [
        f"{organisation.name} — {document['period']['id']}: {len(document['peers'])} peer(s)",
    ]
    for peer in document["peers"]:
        mark = f" [definitions {peer['definitions']}]" if peer["marked"] else ""
        lines.append(f"  - {peer['name']} ({peer['source']}){mark}")
    lines.append("")
    for item in document["indicators"]:
        unit = BY_ID[item["id"]].unit
        lines.append(f"{BY_ID[item['id']].label}")
        figures = "  ".join(
            f"{key}={shown(item[key], unit)}"
            for key in ("value", "min", "q1", "median", "q3", "max")
        )
        lines.append(f"    {figures}  n={item['n']}  rank={item['rank'] or '—'}")
        if item["reason"]:
            lines.append(f"    {item['reason']}")
    return "\n".join(lines) + "\n"
