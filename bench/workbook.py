"""Time to validate and import a workbook of 10,000 activities with their 500 projects.

Target (workbook issue): under 10 s, validation included, on each database.
"""

import datetime
import io
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.workbook.actions import import_workbook  # noqa: E402

PROJECTS, ACTIVITIES = 500, 10_000
SLUG = "bench-workbook"


def workbook() -> bytes:
    book = Workbook(write_only=True)
    projects = book.create_sheet("projects")
    projects.append(["project_ref", "name", "project_type", "sector_type", "intake_date"])
    for n in range(PROJECTS):
        projects.append([f"P-{n:04d}", f"Project {n}", "creation", "market", "2023-01-02"])
    activities = book.create_sheet("activities")
    activities.append(["activity_ref", "date", "kind", "hours", "project_refs", "topics"])
    start = datetime.date(2023, 1, 2)
    for n in range(ACTIVITIES):
        refs = f"P-{n % PROJECTS:04d}" + (f";P-{(n + 1) % PROJECTS:04d}" if n % 10 == 0 else "")
        day = start + datetime.timedelta(days=n % 700)
        activities.append([f"A-{n:05d}", day, "coaching", "1,5", refs, "finance"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    call_command("migrate", verbosity=0)
    Organisation.objects.filter(slug=SLUG).delete()
    organisation = Organisation.objects.create(slug=SLUG, name="Bench workbook")
    content = workbook()
    for label, dry_run in (
        ("validate only (dry run)", True),
        ("validate + import", False),
        ("re-import, unchanged", False),
    ):
        started, cpu = time.perf_counter(), time.process_time()
        result = import_workbook(organisation, content, "bench.xlsx", dry_run=dry_run)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert not result.problems, result.problems[:3]
        counts = result.counts["activities"]
        # CPU time too: the machine is shared, and wall time counts the others' load.
        print(f"{label:<26} {elapsed:6.2f} s (CPU {cpu:5.2f} s)   activities {counts}")
    Organisation.objects.filter(slug=SLUG).delete()


if __name__ == "__main__":
    main()
