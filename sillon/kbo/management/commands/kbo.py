"""`sillon kbo sync PATH | findings | accept ID | dismiss ID | demo-extract` (docs/spec/cli.md)."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sillon.accounts.commands import organisation_named
from sillon.kbo.actions import FindingError, accept_finding, dismiss_finding
from sillon.kbo.choices import FindingStatus
from sillon.kbo.demo_extract import demo_extract
from sillon.kbo.extract import ExtractError
from sillon.kbo.models import Finding
from sillon.kbo.sync import sync_extract
from sillon.kbo.writer import extract_name


class Command(BaseCommand):
    help = "Read the official business register (KBO/BCE open data) and settle its findings."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        sync = actions.add_parser("sync", help="Read a full or update extract (zip or folder).")
        sync.add_argument("path")
        findings = actions.add_parser("findings", help="List an organisation's findings.")
        findings.add_argument("--organisation", required=True, help="Short name (slug).")
        findings.add_argument("--format", choices=["text", "json"], default="text")
        findings.add_argument(
            "--status", choices=[*FindingStatus.values, "all"], default=FindingStatus.OPEN
        )
        for name, text in (("accept", "Accept a finding."), ("dismiss", "Dismiss a finding.")):
            actions.add_parser(name, help=text).add_argument("id", type=int)
        demo = actions.add_parser(
            "demo-extract", help="Write a small full extract matching an organisation."
        )
        demo.add_argument("-o", "--output", required=True, help="Zip file or folder to write.")
        demo.add_argument("--organisation", required=True, help="Short name (slug).")

    def handle(self, *args, action, **options):
        handler = getattr(self, "handle_" + action.replace("-", "_"))
        return handler(**options)

    def handle_sync(self, path, **options):
        try:
            run = sync_extract(path)
        except ExtractError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{run.file_name}: {run.get_kind_display()} #{run.extract_number} of "
            f"{run.snapshot_date.isoformat()}; {run.found} of {run.tracked} tracked "
            f"enterprises found, {run.findings_created} new findings, "
            f"{run.seconds:.1f} s."
        )

    def handle_findings(self, organisation, format, status, **options):
        found = organisation_named(organisation)
        findings = Finding.objects.filter(organisation=found).select_related(
            "organisation", "enterprise", "sync_run"
        )
        if status != "all":
            findings = findings.filter(status=status)
        rows = [as_dict(finding) for finding in findings.order_by("pk")]
        if format == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No finding.")
        for row in rows:
            self.stdout.write(
                f"#{row['id']} [{row['status']}] {row['enterprise_number']} {row['enterprise']}: "
                f"{row['kind_label']} — Sillon: {row['sillon'] or '—'}; "
                f"register: {row['register']} (extract {row['extract_number']} of "
                f"{row['snapshot_date']})"
            )

    def handle_accept(self, id, **options):
        self._settle(id, accept_finding, "accepted")

    def handle_dismiss(self, id, **options):
        self._settle(id, dismiss_finding, "dismissed")

    def _settle(self, pk, action, word):
        finding = Finding.objects.filter(pk=pk).first()
        if finding is None:
            raise CommandError(f"No finding has the id {pk}.")
        try:
            action(finding)
        except FindingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Finding #{pk} {word}.")

    def handle_demo_extract(self, output, organisation, **options):
        found = organisation_named(organisation)
        path = Path(output)
        if path.is_dir():
            path = path / extract_name(140, datetime.date.today().replace(day=1), "full")
        changed = demo_extract(found, path)
        self.stdout.write(
            f"{path}: a full extract of {found.name}'s enterprises; in bankruptcy: "
            f"{', '.join(changed['bankruptcy']) or '—'}; absent: "
            f"{', '.join(changed['absent']) or '—'}; other legal form: "
            f"{', '.join(changed['legal_form']) or '—'}."
        )


def as_dict(finding: Finding) -> dict:
    return {
        "id": finding.pk,
        "organisation": finding.organisation.slug if finding.organisation_id else None,
        "enterprise": finding.enterprise.name,
        "enterprise_number": finding.enterprise.enterprise_number_dotted,
        "kind": finding.kind,
        "kind_label": str(finding.get_kind_display()),
        "sillon": finding.sillon_value,
        "register": finding.register_value,
        "status": finding.status,
        "extract_number": finding.sync_run.extract_number,
        "snapshot_date": finding.sync_run.snapshot_date.isoformat(),
        "found_at": finding.created_at.isoformat(),
        "decided_at": finding.decided_at.isoformat() if finding.decided_at else None,
    }
