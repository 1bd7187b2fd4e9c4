"""The comparison of one organisation against its sharing peers (docs/spec/comparison.md).

Target (comparison issue): against 50 sharing organisations of 2,000 projects each, the
comparison answers in under 2 s beyond one catalogue (the organisation's own); the peers'
figures come from their cached catalogues, never recomputed per request.

BENCH_COMPARISON_PEERS (default 50), BENCH_COMPARISON_PROJECTS (each peer's projects,
default 2000) and BENCH_COMPARISON_OWN_PROJECTS (default the same) size it. With 0 peer
projects the peers are organisations without records: the comparison reads their cached
catalogues the same way, whatever their size.
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from sillon.accounts.models import Organisation  # noqa: E402
from sillon.catalogue.periods import parse_period  # noqa: E402
from sillon.comparison.compare import compare  # noqa: E402
from sillon.comparison.peers import catalogue  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402
from sillon.indicators.engine import compute  # noqa: E402

PEERS = int(os.environ.get("BENCH_COMPARISON_PEERS", "50"))
PROJECTS = int(os.environ.get("BENCH_COMPARISON_PROJECTS", "2000"))
OWN_PROJECTS = int(os.environ.get("BENCH_COMPARISON_OWN_PROJECTS", str(PROJECTS)))
ROUNDS = 3


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    period = parse_period("2025")
    slugs = [f"bench-comparison-{n}" for n in range(PEERS + 1)]
    start = time.perf_counter()
    for seed, slug in enumerate(slugs, start=1):
        size = OWN_PROJECTS if seed == 1 else PROJECTS
        if size == 0:
            Organisation.objects.get_or_create(slug=slug, defaults={"name": slug})
            continue
        call_command("demo", organisation=slug, projects=size, seed=seed, verbosity=0, replace=True)
    Organisation.objects.filter(slug__in=slugs).update(shares_with_peers=True)
    print(
        f"{connection.vendor}: {PEERS} sharing peers of {PROJECTS} projects, "
        f"the organisation {OWN_PROJECTS} "
        f"(demo written in {time.perf_counter() - start:.0f} s)"
    )
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    own = organisations[slugs[0]]
    cache.clear()
    cold = timed(lambda: compare(own, period))
    print(f"  every catalogue cold ({PEERS + 1} computed once, then cached): {cold:.2f} s")
    one = min(timed(lambda: compute(own, period)) for _ in range(ROUNDS))
    print(f"  one catalogue of the organisation: {one:.2f} s")
    warm = []
    beyond = []
    for _ in range(ROUNDS):
        warm.append(timed(lambda: compare(own, period)))
        cache.clear()
        for peer in slugs[1:]:
            catalogue(organisations[peer], period)  # the peers' cached catalogues
        beyond.append(timed(lambda: compare(own, period)) - one)
    print(f"  comparison, every catalogue cached: {min(warm):.3f} s (best of {ROUNDS})")
    print(
        f"  comparison beyond the organisation's own catalogue, peers cached: "
        f"{max(min(beyond), 0):.3f} s (target < 2 s)"
    )
    for slug in slugs:
        purge_organisation(organisations[slug])


if __name__ == "__main__":
    main()
