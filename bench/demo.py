"""Time, CPU time and peak memory of `sillon demo` at growing sizes (target, issue 17:
100,000 projects, about 1.5 million activities, under 300 s and 1 GB on SQLite on a
2-core machine). The CPU time is what to compare on a loaded machine: the wall time
then counts the other processes too."""

import os
import resource
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402
from sillon.register.models import Activity  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_DEMO_SIZES", "10000,100000").split(",")]


def main() -> None:
    settings.DEBUG = False  # as in production: no query log kept in memory
    call_command("migrate", verbosity=0)
    print(f"{'projects':>9}{'activities':>12}{'seconds':>9}{'CPU s':>9}{'peak MB':>9}")
    for size in SIZES:
        slug = f"bench-demo-{size}"
        start = time.perf_counter()
        cpu_start = time.process_time()
        call_command("demo", organisation=slug, projects=size, seed=1, verbosity=0)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        organisation = Organisation.objects.get(slug=slug)
        activities = Activity.objects.filter(organisation=organisation).count()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>9}{activities:>12}{elapsed:>9.1f}{cpu:>9.1f}{peak:>9.0f}", flush=True)
        purge_organisation(organisation)


if __name__ == "__main__":
    main()
