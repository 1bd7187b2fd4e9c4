"""`sillon kbo sync`: read an extract, record what the register says about every
tracked enterprise, and raise findings where it disagrees with Sillon.

The extract is read completely before anything is written, so a bad extract changes
nothing; the writes then happen in one transaction.
"""

import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.kbo.choices import FindingStatus, SyncKind
from sillon.kbo.extract import Extract, ExtractError
from sillon.kbo.findings import disagreements, sillon_values
from sillon.kbo.models import Finding, RegisterEntry, SyncRun, tracked_numbers
from sillon.kbo.reading import ExtractReading, RegisterView, read_extract
from sillon.register.models import Enterprise

BATCH = 500


def sync_extract(path, tracked: list[str] | None = None) -> SyncRun:
    """`tracked` narrows the numbers read to some organisation's (the demo's own
    history, sillon/demo/register_entries.py); every organisation's by default."""
    started_at, clock = timezone.now(), time.perf_counter()
    tracked = tracked_numbers() if tracked is None else tracked
    with Extract(path) as extract:
        meta = extract.meta
        if meta.kind == SyncKind.UPDATE:
            check_update_is_recent(extract)
        reading = read_extract(extract, tracked)
        checksum = extract.checksum()
    read_seconds = time.perf_counter() - clock
    clock = time.perf_counter()
    with transaction.atomic():
        run = SyncRun.objects.create(
            kind=meta.kind,
            extract_number=meta.number,
            snapshot_date=meta.snapshot_date,
            extract_timestamp=meta.timestamp,
            file_name=extract.name,
            checksum=checksum,
            tracked=len(tracked),
            lines_read=reading.lines_read,
            started_at=started_at,
            finished_at=started_at,
            read_seconds=read_seconds,
            write_seconds=0,
        )
        entries = write_entries(run, reading, tracked)
        run.found = sum(1 for entry in entries if entry.active)
        run.findings_created = record_findings(run, entries)
        run.write_seconds = time.perf_counter() - clock
        run.finished_at = timezone.now()
        run.save()
    return run


def check_update_is_recent(extract: Extract) -> None:
    last_full = SyncRun.objects.filter(kind=SyncKind.FULL).order_by("-snapshot_date").first()
    if last_full is None:
        raise ExtractError(
            _("%(file)s is an update extract: read a full extract first.") % {"file": extract.name}
        )
    if extract.meta.snapshot_date < last_full.snapshot_date:
        raise ExtractError(
            _(
                "%(file)s is an update of %(date)s, older than the last full extract read "
                "(%(full)s of %(full_date)s): it would bring back stale data."
            )
            % {
                "file": extract.name,
                "date": extract.meta.snapshot_date.isoformat(),
                "full": last_full.file_name,
                "full_date": last_full.snapshot_date.isoformat(),
            }
        )


def write_entries(run: SyncRun, reading: ExtractReading, tracked: list[str]) -> list:
    """The register's view of each number this extract speaks of; every tracked number
    for a full extract (absent means no longer active)."""
    known = RegisterEntry.objects.in_bulk(field_name="enterprise_number")
    if run.kind == SyncKind.FULL:
        touched = tracked
    else:
        deleted = set().union(*reading.deleted.values()) if reading.deleted else set()
        touched = sorted((deleted | set(reading.views)) & set(tracked))
    entries, unchanged = [], []
    for number in touched:
        existing = known.get(number)
        view = reading.views.get(number, RegisterView())
        ended = number in reading.deleted.get("enterprise", set())
        partial = run.kind == SyncKind.UPDATE and view.enterprise is None and not ended
        if existing is None and partial:
            # Tracked since the last full extract, and this update touches only some of
            # its tables: the next full extract says the rest.
            continue
        before = content(existing) if existing else None
        entry = existing or RegisterEntry(enterprise_number=number)
        if run.kind == SyncKind.FULL:
            apply_full(entry, view)
        else:
            deleted = {table for table, numbers in reading.deleted.items() if number in numbers}
            apply_update(entry, view, deleted)
        if entry.active and entry.juridical_situation:
            entry.juridical_situation_labels = reading.situation_labels.get(
                entry.juridical_situation, entry.juridical_situation_labels
            )
        if not entry.stopped:
            entry.stopped_since = None
        elif entry.stopped_since is None:
            entry.stopped_since = run.snapshot_date
        entry.sync_run = run
        entry.extract_number = run.extract_number
        entry.snapshot_date = run.snapshot_date
        entries.append(entry)
        if before is not None and content(entry) == before:
            unchanged.append(number)
    # Month after month most entries only change provenance: one UPDATE per batch.
    # The others are replaced, which is faster than updating them one by one.
    same = set(unchanged)
    changed = [entry for entry in entries if entry.enterprise_number not in same]
    provenance = {"sync_run": run, "extract_number": run.extract_number}
    for start in range(0, len(unchanged), BATCH):
        RegisterEntry.objects.filter(enterprise_number__in=unchanged[start : start + BATCH]).update(
            snapshot_date=run.snapshot_date, **provenance
        )
    numbers = [entry.enterprise_number for entry in changed if entry.pk is not None]
    for start in range(0, len(numbers), BATCH):
        RegisterEntry.objects.filter(enterprise_number__in=numbers[start : start + BATCH]).delete()
    for entry in changed:
        entry.pk = None
    RegisterEntry.objects.bulk_create(changed, batch_size=BATCH)
    return entries


CONTENT_FIELDS = [
    "active",
    "status",
    "juridical_situation",
    "juridical_situation_labels",
    "type_of_enterprise",
    "juridical_form",
    "juridical_form_cac",
    "start_date",
    "nace_2008",
    "nace_2025",
    "names",
    "postcode",
]


def content(entry: RegisterEntry) -> tuple:
    return tuple(getattr(entry, name) for name in CONTENT_FIELDS)


def apply_full(entry: RegisterEntry, view: RegisterView) -> None:
    if view.enterprise is None:
        # Absent from a full extract: stopped. The last known facts stay to explain why.
        entry.active = False
        return
    entry.active = True
    set_enterprise(entry, view.enterprise)
    entry.names = view.names or []
    entry.postcode = view.postcode or ""
    set_nace(entry, view.nace or {})


def apply_update(entry: RegisterEntry, view: RegisterView, deleted: set[str]) -> None:
    """Deletes, then inserts, table by table."""
    if "enterprise" in deleted and view.enterprise is None:
        entry.active = False
    if view.enterprise is not None:
        entry.active = True
        set_enterprise(entry, view.enterprise)
    if "denomination" in deleted or view.names is not None:
        entry.names = view.names or []
    if "address" in deleted or view.postcode is not None:
        entry.postcode = view.postcode or ""
    if "activity" in deleted or view.nace is not None:
        set_nace(entry, view.nace or {})


def set_enterprise(entry: RegisterEntry, values: dict) -> None:
    for name, value in values.items():
        setattr(entry, name, value)


def set_nace(entry: RegisterEntry, nace: dict) -> None:
    entry.nace_2008 = nace["2008"][1] if "2008" in nace else ""
    entry.nace_2025 = nace["2025"][1] if "2025" in nace else ""


def record_findings(run: SyncRun, entries: list[RegisterEntry]) -> int:
    """New findings for new disagreements; open findings that no longer hold are
    withdrawn. A finding already accepted or dismissed is never raised again."""
    by_number = {entry.enterprise_number: entry for entry in entries}
    enterprises = [
        enterprise
        for enterprise in sillon_values(Enterprise.objects.exclude(enterprise_number=""))
        if enterprise.enterprise_number in by_number
    ]
    existing: dict[int, dict[tuple[str, str], tuple[int, str]]] = {}
    for pk, enterprise_id, kind, value, status in Finding.objects.filter(
        enterprise__enterprise_number__gt=""
    ).values_list("pk", "enterprise_id", "kind", "register_value", "status"):
        existing.setdefault(enterprise_id, {})[(kind, value)] = (pk, status)
    new, stale = [], []
    for enterprise in enterprises:
        known = existing.get(enterprise.pk, {})
        wanted = disagreements(enterprise, by_number[enterprise.enterprise_number])
        keys = {(item.kind, item.register_value) for item in wanted}
        for item in wanted:
            if (item.kind, item.register_value) not in known:
                new.append(
                    Finding(
                        organisation_id=enterprise.organisation_id,
                        enterprise_id=enterprise.pk,
                        sync_run=run,
                        kind=item.kind,
                        sillon_value=item.sillon_value,
                        register_value=item.register_value,
                    )
                )
        stale += [
            pk
            for key, (pk, status) in known.items()
            if status == FindingStatus.OPEN and key not in keys
        ]
    for start in range(0, len(stale), BATCH):
        Finding.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    Finding.objects.bulk_create(new, batch_size=BATCH)
    return len(new)
