"""The demo's register entries (docs/spec/comparison.md §4): what monthly syncs would
have kept for the organisation's tracked numbers, made by the real sync reading a full
extract at the start of each year and one for the demo's last month. The applicants'
enterprises start some months after their application and some stop; the sync records
each stop on the snapshot of the first extract that shows it, as it does month after
month (to the year here). Only the demo organisation's numbers are read: no other
organisation's entries change.

The organisation's own enterprises never change in these extracts, so only the last one
holds them: the yearly ones are read for the applicants' numbers alone (a full extract
speaks only of the numbers it is read for), which keeps the demo of 100,000 projects
from reading its 50,000 enterprises eight times."""

import datetime
import random
import tempfile
from pathlib import Path

from sillon.demo.register import FIRST_INTAKE, LAST_DAY
from sillon.kbo.demo_extract import Fate, demo_extract
from sillon.kbo.models import COMPARISON_GROUP, tracked_number_sources, tracked_numbers
from sillon.kbo.sync import sync_extract
from sillon.kbo.writer import extract_name
from sillon.register.models import Application

# About one enterprise in six stops each year.
MEAN_LIFE_DAYS = 6 * 365


def fates(organisation, seed: int) -> dict[str, Fate]:
    rng = random.Random(f"register-entries-{seed}")
    applicants = (
        Application.objects.filter(organisation=organisation, decision__in=COMPARISON_GROUP)
        .exclude(enterprise_number="")
        .order_by("date", "pk")
        .values_list("enterprise_number", "date", "name")
    )
    kept = {}
    for number, applied, name in applicants:
        start = applied + datetime.timedelta(days=rng.randint(15, 240))
        stop = start + datetime.timedelta(days=int(rng.expovariate(1 / MEAN_LIFE_DAYS)) + 1)
        if start <= LAST_DAY:
            kept[number] = Fate(start, stop if stop <= LAST_DAY else None, name)
    return kept


def snapshots() -> list[datetime.date]:
    years = range(FIRST_INTAKE.year + 1, LAST_DAY.year + 1)
    return [datetime.date(year, 1, 1) for year in years] + [LAST_DAY.replace(day=1)]


def populate(organisation, seed: int) -> int:
    """Run the sync on each year's extract; returns the number of syncs."""
    applicants = fates(organisation, seed)
    tracked = tracked_numbers(organisation)
    _enterprises, applicant_numbers = tracked_number_sources(organisation)
    applicants_only = sorted(set(applicant_numbers))
    days = snapshots()
    with tempfile.TemporaryDirectory() as directory:
        for number, snapshot in enumerate(days, start=1):
            last = number == len(days)
            path = Path(directory) / extract_name(number, snapshot, "full")
            demo_extract(
                organisation,
                path,
                number,
                snapshot,
                changes=False,
                applicants=applicants,
                accompanied=last,
            )
            sync_extract(path, tracked if last else applicants_only)
    return len(days)
