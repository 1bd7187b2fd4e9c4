"""Time, SQL queries and peak memory of a full annual catalogue, at growing sizes.

Target (indicator issue): 100,000 projects (about 1.5 million activities) in under 3 s
per full catalogue on each database, cost growing no faster than the data, memory
under 500 MB.
"""

import os
import resource
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.catalogue.periods import parse_period  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402
from sillon.indicators.engine import compute, workers  # noqa: E402
from sillon.register.models import Activity  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_INDICATOR_SIZES", "1000,10000,100000").split(",")]
ROUNDS = 3


def main() -> None:
    call_command("migrate", verbosity=0)
    period = parse_period("2025")
    parallel = workers()
    print(f"{connection.vendor}, {parallel} connections at once")
    print(f"{'projects':>9}{'activities':>12}{'best s':>8}{'queries':>9}{'peak MB':>9}")
    for size in SIZES:
        slug = f"bench-indicators-{size}"
        settings.DEBUG = False
        call_command("demo", organisation=slug, projects=size, seed=1, verbosity=0, replace=True)
        organisation = Organisation.objects.get(slug=slug)
        activities = Activity.objects.filter(organisation=organisation).count()
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            compute(organisation, period)
            timings.append(time.perf_counter() - start)
        # One more run, on one connection and with DEBUG, only to count its queries.
        settings.DEBUG, settings.SILLON_INDICATOR_WORKERS = True, 1
        reset_queries()
        compute(organisation, period)
        queries = len(connection.queries)
        settings.DEBUG, settings.SILLON_INDICATOR_WORKERS = False, parallel
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>9}{activities:>12}{min(timings):>8.2f}{queries:>9}{peak:>9.0f}", flush=True)
        purge_organisation(organisation)


if __name__ == "__main__":
    main()
