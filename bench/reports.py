"""Time of an annual PDF report (2025, Dutch) for the demo organisation and for an
organisation of 10,000 projects. Target (reports issue): under 10 s.

Both wall time and CPU time (`time.process_time`) are printed: the machine may be
shared, and CPU time is what the report itself costs.
"""

import io
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.catalogue.periods import parse_period  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402
from sillon.reports.actions import produce  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_REPORT_SIZES", "300,10000").split(",")]
TARGET_SECONDS = 10


def main() -> None:
    call_command("migrate", verbosity=0)
    period = parse_period("2025")
    print(f"{'projects':>9}{'wall s':>9}{'CPU s':>9}{'pages':>7}  target {TARGET_SECONDS} s")
    for size in SIZES:
        slug = f"bench-reports-{size}"
        call_command("demo", organisation=slug, projects=size, seed=1, verbosity=0, replace=True)
        organisation = Organisation.objects.get(slug=slug)
        cache.clear()  # time the engine too, not a cached copy of its figures
        wall, cpu = time.perf_counter(), time.process_time()
        content = produce(organisation, period, "annual", "pdf", "nl")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        pages = len(PdfReader(io.BytesIO(content)).pages)
        print(f"{size:>9}{wall:>9.2f}{cpu:>9.2f}{pages:>7}", flush=True)
        purge_organisation(organisation)


if __name__ == "__main__":
    main()
