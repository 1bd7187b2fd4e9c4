"""Export an organisation, import it into an empty one: every indicator is identical;
re-import into the same organisation: nothing is created or updated."""

import dataclasses
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from sillon.accounts.models import Organisation
from sillon.catalogue.periods import parse_period
from sillon.indicators.engine import compute
from sillon.workbook.actions import import_workbook
from sillon.workbook.export import export_organisation

PERIODS = ["2022", "2023-S2", "2024", "2025-S1", "2021-07-01..2024-06-30"]


def rounded(value):
    """Sums of 28-digit Decimals may differ in the last digit with the order of the rows
    (new ids); twelve decimals say "identical" for money, rates and hours alike."""
    if isinstance(value, Decimal | float):
        return round(Decimal(value), 12)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return value


# Figures whose records the workbook does not carry: declarations of interest are
# never exported (docs/spec/mission.md) and the default mission of each activity kind is
# an admin setting outside the workbook (listed as not done in the issues' notes). Every
# other indicator must survive the round trip.
NOT_IN_THE_WORKBOOK = {
    "stakes.projects_with_declaration",
    "missions.hours",
    "missions.cost",
    "missions.also_covered_hours_share",
    "missions.also_covered_cost_share",
}


def figures(organisation):
    return {
        period: [
            (r.indicator.id, rounded(dataclasses.asdict(r.value)))
            for r in compute(organisation, parse_period(period))
            if r.indicator.id not in NOT_IN_THE_WORKBOOK
        ]
        for period in PERIODS
    }


@pytest.fixture
def demo(db):
    call_command("demo", organisation="demo-rt", projects=25, seed=7, verbosity=0)
    return Organisation.objects.get(slug="demo-rt")


def exported(organisation) -> bytes:
    buffer = io.BytesIO()
    export_organisation(organisation, buffer, personal=True)
    return buffer.getvalue()


def test_export_then_import_into_an_empty_organisation_keeps_every_indicator(demo):
    content = exported(demo)
    empty = Organisation.objects.create(slug="empty", name="Empty")
    result = import_workbook(empty, content, "demo.xlsx")
    assert result.problems == []
    assert result.applied
    assert result.counts["activities"]["created"] > 100
    assert figures(empty) == figures(demo)


def test_reimporting_the_export_changes_nothing(demo):
    content = exported(demo)
    result = import_workbook(demo, content, "demo.xlsx")
    assert result.problems == []
    assert all(
        counts["created"] == 0 and counts["updated"] == 0 for counts in result.counts.values()
    ), result.counts
    assert sum(counts["unchanged"] for counts in result.counts.values()) > 100


def test_export_of_the_imported_organisation_is_the_same_workbook(demo):
    empty = Organisation.objects.create(slug="empty", name="Empty")
    import_workbook(empty, exported(demo), "demo.xlsx")
    from sillon.workbook.export import sheet_rows

    imported, original = sheet_rows(empty, personal=True), sheet_rows(demo, personal=True)
    # The follow-up's questionnaires are exported for reading only, never imported.
    assert original["followups"][1] and imported["followups"][1] == []
    del imported["followups"], original["followups"]
    assert imported == original
    assert datetime.date.today()  # the export does not depend on the day
