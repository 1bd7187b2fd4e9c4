"""The one implementation of the indicator catalogue (docs/spec/indicators.md).

`compute(organisation, period, as_of)` returns every indicator in catalogue order as
plain values; the CLI, the dashboard, the reports and the API all read it. Each group
module runs a fixed number of aggregate queries, whatever the amount of data.

The groups are independent read-only queries, so they run on `workers` database
connections at once: the database does the work, and both SQLite (in WAL mode) and
PostgreSQL serve concurrent readers. Inside a transaction they run one after the other
on the caller's connection, which alone sees the transaction's own writes.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from queue import Empty, SimpleQueue

from django.conf import settings
from django.db import connection, connections

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import CATALOGUE, Indicator
from sillon.catalogue.periods import Period
from sillon.indicators import (
    accompaniment,
    accreditation_and_impact,
    applications,
    costs,
    employment,
    enterprises,
    followup,
    mission,
)
from sillon.indicators.keys import ordered
from sillon.indicators.values import IndicatorValue, Scope, ratio


def _accreditation_and_impact(scope: Scope) -> dict[str, IndicatorValue]:
    return accreditation_and_impact.accreditation_and_impact(
        scope, accompaniment.accompanied_projects(scope)
    )


# Longest first (measured at 100,000 projects), so that the workers finish together.
GROUPS = [
    accompaniment.projects,
    _accreditation_and_impact,
    employment.persistence,
    employment.counts,
    accompaniment.activities,
    enterprises.survival,
    employment.cohort_employment,
    accompaniment.holders,
    enterprises.counts,
    costs.costs,
    applications.applications,
    mission.mission,
    followup.followup,
]


@dataclass
class Result:
    indicator: Indicator
    value: IndicatorValue


def workers() -> int:
    return settings.SILLON_INDICATOR_WORKERS


def _work(queue: SimpleQueue, scope: Scope, results: list) -> None:
    """Take groups until none is left, on this thread's own connection."""
    try:
        while True:
            try:
                position, group = queue.get_nowait()
            except Empty:
                return
            results[position] = group(scope)
    finally:
        connections.close_all()  # this thread's connections only


def _run(scope: Scope) -> list[dict[str, IndicatorValue]]:
    count = min(workers(), len(GROUPS))
    if count == 1 or connection.in_atomic_block:
        return [group(scope) for group in GROUPS]
    queue: SimpleQueue = SimpleQueue()
    for item in enumerate(GROUPS):
        queue.put(item)
    results: list = [None] * len(GROUPS)
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="indicators") as pool:
        for future in [pool.submit(_work, queue, scope, results) for _ in range(count)]:
            future.result()  # raises a worker's error here
    return results


def compute(organisation: Organisation, period: Period, as_of: date | None = None) -> list[Result]:
    scope = Scope(organisation, period, as_of or period.end)
    values: dict[str, IndicatorValue] = {}
    for group_values in _run(scope):
        values |= group_values
    cost = values["accompaniment.cost"].value
    for name, denominator in [
        ("accompaniment.cost_per_project", "projects.accompanied"),
        ("accompaniment.cost_per_enterprise_created", "enterprises.created"),
        ("accompaniment.cost_per_job_created", "jobs.created"),
    ]:
        value = ratio(cost, values[denominator].value)
        value.id = name
        values[name] = value
    # The ratios of docs/spec/comparison.md, from figures already computed.
    for name, numerator, denominator in [
        (
            "ratio.enterprises_per_100_projects",
            100 * values["enterprises.created"].value,
            "projects.accompanied",
        ),
        ("ratio.jobs_per_enterprise_created", values["jobs.created"].value, "enterprises.created"),
        ("ratio.hours_per_project", values["accompaniment.hours"].value, "projects.accompanied"),
    ]:
        value = ratio(numerator, values[denominator].value)
        value.id = name
        values[name] = value
    return [
        Result(indicator, ordered(values[indicator.id], indicator.id)) for indicator in CATALOGUE
    ]
