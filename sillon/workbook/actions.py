"""Importing a workbook, all or nothing: read, validate every row, plan, and only when
nothing is wrong write everything in one transaction. Every run is recorded."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import Organisation
from sillon.workbook import planner, reader, validate, writer
from sillon.workbook.models import ImportRun, ImportStatus
from sillon.workbook.problems import Problem, WorkbookRejected


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    size: int | None = None
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def applied(self) -> bool:
        return self.run is not None and self.run.status == ImportStatus.APPLIED


def checksum(source: Path | bytes) -> str:
    digest = hashlib.sha256()
    if isinstance(source, bytes):
        digest.update(source)
    elif source.is_dir():
        for path in sorted(p for p in source.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    else:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def import_workbook(
    organisation: Organisation,
    source: Path | bytes,
    file_name: str = "",
    user=None,
    dry_run: bool = False,
    may_manage_organisation: bool = True,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import a file (a path, or the bytes of an upload named `file_name`).

    `may_manage_organisation` False refuses the programmes, costs and targets sheets,
    as the interface keeps them to administrators.
    """
    file_name = file_name or (source.name if isinstance(source, Path) else "workbook")
    result = ImportResult(file_name[:255], "", size=source_size(source))
    step = progress or (lambda _name: None)
    try:
        if (
            isinstance(source, Path)
            and source.is_file()
            and source.stat().st_size > reader.max_bytes()
        ):
            raise reader.too_large(source.stat().st_size)
        result.sha256 = checksum(source)
        step("read")
        if isinstance(source, Path):
            raw_sheets, read_problems = reader.read_path(source)
        else:
            raw_sheets, read_problems = reader.read_bytes(file_name, source)
    except WorkbookRejected as rejected:
        result.problems = rejected.problems
        result.reason = rejected.problems[0].message
        result.run = record(organisation, result, user, ImportStatus.REJECTED)
        return result
    step("validate")
    parsed = validate.parse(raw_sheets, read_problems)
    if not may_manage_organisation:
        # Empty, as in the template, they are no reason to refuse a manager's workbook.
        refused = [n for n, p in parsed.sheets.items() if p.sheet.admin_only and p.filled_rows]
        for name in refused:
            parsed.problem(name, None, "", "", _("Only an administrator may import this sheet."))
            del parsed.sheets[name]
    step("plan")
    plan = planner.plan(organisation, parsed)
    result.problems = parsed.problems
    result.counts = plan.counts
    if result.problems:
        result.run = record(organisation, result, user, ImportStatus.REJECTED)
        return result
    if dry_run:
        result.run = record(organisation, result, user, ImportStatus.DRY_RUN)
        return result
    step("write")
    source_label = f"import {file_name} sha256:{result.sha256[:12]}"[:200]
    try:
        with transaction.atomic():
            writer.write(organisation, plan, user, source_label)
            result.run = record(organisation, result, user, ImportStatus.APPLIED)
    except DatabaseError:
        # A rule the checks above missed: nothing was written, say so plainly.
        result.problems = [
            Problem("", None, "", "", _("The database refused the import; nothing was written."))
        ]
        result.run = record(organisation, result, user, ImportStatus.REJECTED)
    return result


def source_size(source: Path | bytes) -> int | None:
    if isinstance(source, bytes):
        return len(source)
    if source.is_file():
        return source.stat().st_size
    if source.is_dir():
        return sum(p.stat().st_size for p in source.iterdir() if p.is_file())
    return None


def refuse_upload(organisation: Organisation, file_name: str, size: int, user, reason: str):
    """Record an upload refused before it was read (too large): who, when, why, its
    name and size — never its content."""
    result = ImportResult(file_name[:255], "", size=size, reason=reason)
    result.problems = [Problem("", None, "", "", reason)]
    result.run = record(organisation, result, user, ImportStatus.REJECTED)
    return result


def record(organisation, result: ImportResult, user, status) -> ImportRun:
    user = user if getattr(user, "is_authenticated", False) else None
    run = ImportRun.objects.create(
        organisation=organisation,
        file_name=result.file_name,
        sha256=result.sha256,
        user=user,
        status=status,
        counts=result.counts if status != ImportStatus.REJECTED else {},
        problem_count=len(result.problems),
        size=result.size,
        reason=result.reason[:500],
    )
    if status == ImportStatus.REJECTED:
        record_event(
            EventKind.UPLOAD_REFUSED,
            organisation=organisation,
            actor=user,
            target=f"import:{run.pk}",
            size=result.size,
            problems=len(result.problems),
        )
    return run
