"""The cold dashboard of a second semester against one catalogue (issue 17).

Target: the dashboard of a 20,000-project organisation for a second semester, on an
empty cache, costs at most two catalogues (the semester and its year to date; the
five-year trend is three grouped queries). Figures in docs/performance.md.
"""

import datetime
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.catalogue.periods import parse_period  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402
from sillon.indicators.dashboard import assemble  # noqa: E402
from sillon.indicators.engine import compute  # noqa: E402

SIZE = int(os.environ.get("BENCH_DASHBOARD_PROJECTS", "20000"))
ROUNDS = 3
TODAY = datetime.date(2026, 12, 2)


def best(work) -> float:
    timings = []
    for _ in range(ROUNDS):
        cache.clear()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    call_command("migrate", verbosity=0)
    slug = f"bench-dashboard-{SIZE}"
    call_command("demo", organisation=slug, projects=SIZE, seed=1, verbosity=0, replace=True)
    organisation = Organisation.objects.get(slug=slug)
    semester = parse_period("2025-S2")
    catalogue = best(lambda: compute(organisation, semester))
    # The year to date of a second semester is the year, a period twice as long.
    year = best(lambda: compute(organisation, parse_period("2025")))
    dashboard = best(lambda: assemble(organisation, semester, TODAY))
    print(
        f"{'projects':>9}{'S2 catalogue s':>16}{'year catalogue s':>18}{'dashboard s':>13}"
        f"{'ratio':>7}  target ≤ 2 (dashboard / S2 catalogue)"
    )
    print(
        f"{SIZE:>9}{catalogue:>16.2f}{year:>18.2f}{dashboard:>13.2f}{dashboard / catalogue:>7.2f}",
        flush=True,
    )
    purge_organisation(organisation)


if __name__ == "__main__":
    main()
