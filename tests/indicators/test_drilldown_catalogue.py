"""Behind every number (issue 17), over the whole catalogue: on a demo organisation,
every indicator opens the records it counts — its list holds as many records as the
figure counts (or, for a sum, the records whose values add up to it), both lists of a
rate hold its numerator and denominator, and each breakdown cell that opens records
holds the cell's value — or it is one of the figures that open no records
(`drilldown.NO_RECORDS`, each with its reason). A new indicator of the catalogue fails
here until it is one or the other."""

import math
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role
from sillon.catalogue.indicators import CATALOGUE, COUNT, TABLE
from sillon.catalogue.periods import parse_period
from sillon.indicators import drilldown
from sillon.indicators.engine import compute
from sillon.indicators.values import Scope
from sillon.outcomes.choices import EMES_CRITERIA, Assessment

pytestmark = pytest.mark.django_db

PERIODS = ("2024", "2025-S1")


# Sums: what each record adds to the figure, recomputed slowly from the record.
def _hours_times_projects(activity):
    return (activity.hours or 0) * activity.projects.count()


def _fte(job):
    return job.weekly_hours / job.full_time_hours


MEASURES = {
    "accompaniment.hours": _hours_times_projects,
    "community.attendees": lambda activity: activity.attendees or 0,
    "coworking.desk_days": lambda activity: activity.projects.count(),
    "jobs.created_fte": _fte,
    "jobs.active_end_fte": _fte,
    "impact.beneficiaries": lambda assessment: assessment.beneficiaries or 0,
    "outreach.hours": lambda activity: activity.hours or 0,
    "outreach.audience": lambda activity: activity.audience or 0,
    "missions.hours": lambda activity: activity.hours or 0,
    "missions.also_covered_hours_share": lambda activity: activity.hours or 0,
    "stakes.active_end_amount": lambda stake: stake.amount_eur or 0,
    "ratio.hours_per_project": _hours_times_projects,
}
# Sums and rates whose numerator is a multiple of its list's count.
SCALED = {"ratio.enterprises_per_100_projects": 100}


def measured(indicator_id: str, queryset):
    if indicator_id in MEASURES:
        return sum((MEASURES[indicator_id](record) for record in queryset), 0)
    return SCALED.get(indicator_id, 1) * queryset.count()


def cost_of(found: drilldown.CostRecords, scope: Scope) -> Decimal:
    """The cost lines' share in P (amount × days inside P / days) and the cost of the
    activities listed (the experts', or every activity's for `missions.cost`)."""
    period, total = scope.period, Decimal(0)
    if found.lines is not None:
        for line in found.lines:
            inside = (min(line.period_end, period.end) - max(line.period_start, period.start)).days
            total += (
                line.amount_eur * (inside + 1) / ((line.period_end - line.period_start).days + 1)
            )
    return total + sum((a.cost_eur or 0 for a in found.activities), Decimal(0))


def same(left, right) -> bool:
    if left is None or right is None:
        return left is right
    return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-9)


@pytest.fixture
def demo(db):
    call_command("demo", organisation="drill-demo", projects=40, seed=5, verbosity=0)
    return Organisation.objects.get(slug="drill-demo")


def whole_measure(indicator_id, found, scope):
    if found.whole.kind == drilldown.COSTS:
        return cost_of(found.whole.queryset, scope)
    total = measured(indicator_id, found.whole.queryset)
    if found.also is not None:
        total += found.also.queryset.count()
    return total


def check_ratio(indicator_id, found, value, scope):
    if found.numerator.kind == drilldown.COSTS:
        numerator = cost_of(found.numerator.queryset, scope)
    else:
        numerator = measured(indicator_id, found.numerator.queryset)
    denominator_id = indicator_id
    if indicator_id in drilldown.COST_RATIOS:
        denominator_id = drilldown.COST_RATIOS[indicator_id]
    if indicator_id == "ratio.jobs_per_enterprise_created":
        denominator_id = "enterprises.created"
    if indicator_id == "ratio.enterprises_per_100_projects":
        denominator_id = "projects.accompanied"
    if indicator_id == "ratio.hours_per_project":
        denominator_id = "projects.accompanied"
    if found.denominator.kind == drilldown.COSTS:
        denominator = cost_of(found.denominator.queryset, scope)
    else:
        denominator = measured(denominator_id, found.denominator.queryset)
    assert same(numerator, value.numerator), (indicator_id, numerator, value.numerator)
    assert same(denominator, value.denominator), (indicator_id, denominator, value.denominator)


def check_breakdowns(indicator_id, value, scope, checked):
    for name, cells in value.breakdowns.items():
        probe = drilldown.drill(indicator_id, scope)
        kinds = [part.kind for _, part in probe.parts]
        if not kinds or not all(
            drilldown.drillable(indicator_id, kind, name)
            for prefix, kind in zip([p for p, _ in probe.parts], kinds, strict=False)
            if not (prefix == "t" and name == "kind")
        ):
            continue
        for key, cell in cells.items():
            found = drilldown.drill(indicator_id, scope)
            assert drilldown.narrow(found, name, key, indicator_id, scope), (indicator_id, name)
            if found.is_ratio:
                numerator = measured(indicator_id, found.numerator.queryset)
                denominator = found.denominator.queryset.count()
                assert same(numerator / denominator, cell), (indicator_id, name, key)
            else:
                got = whole_measure(indicator_id, found, scope)
                assert same(got, cell), (indicator_id, name, key, got, cell)
            checked.add((indicator_id, name))


def check_table(indicator_id, value, scope):
    if indicator_id in drilldown.SURVIVAL:
        for row in value.rows:
            for column, rate in row.items():
                if not column.startswith("rate_") or rate is None:
                    continue
                years = int(column[len("rate_") : -1])
                found = drilldown.drill(indicator_id, scope, cohort=row["cohort"], years=years)
                alive = found.numerator.queryset.count()
                reached = found.denominator.queryset.count()
                assert same(alive / reached, rate), (indicator_id, row["cohort"], years)
    elif indicator_id == "enterprises.survival_km":
        for row in value.rows:
            found = drilldown.drill(indicator_id, scope, years=row["years"])
            assert found.whole.queryset.count() == row["at_risk"], row
    elif indicator_id == "impact.emes_profile":
        assessments = drilldown.drill(indicator_id, scope).whole.queryset
        for row, (criterion, _label, _dimension) in zip(value.rows, EMES_CRITERIA, strict=True):
            for answer in Assessment.values:
                assert assessments.filter(**{criterion: answer}).count() == row[answer]
    else:
        pytest.fail(f"{indicator_id}: a table this test does not know how to open")


def test_every_figure_of_the_catalogue_opens_what_it_counts(demo):
    checked_cells: set = set()
    nonzero = set()
    for period_id in PERIODS:
        period = parse_period(period_id)
        scope = Scope(demo, period, period.end)
        for result in compute(demo, period):
            indicator, value = result.indicator, result.value
            if indicator.id in drilldown.NO_RECORDS:
                assert not drilldown.has_records(indicator.id), indicator.id
                continue
            assert drilldown.has_records(indicator.id), (
                f"{indicator.id} opens no records and is not in drilldown.NO_RECORDS"
            )
            if indicator.unit == TABLE:
                check_table(indicator.id, value, scope)
                nonzero.add(indicator.id) if value.rows else None
                continue
            found = drilldown.drill(indicator.id, scope)
            if found.is_ratio:
                check_ratio(indicator.id, found, value, scope)
            else:
                assert same(whole_measure(indicator.id, found, scope), value.value), indicator.id
            if value.value:
                nonzero.add(indicator.id)
            check_breakdowns(indicator.id, value, scope, checked_cells)
    # The demo gives most figures something to count: the test does not pass on zeros.
    assert len(nonzero) >= len(CATALOGUE) * 3 // 4, sorted(
        i.id for i in CATALOGUE if i.id not in nonzero
    )
    assert ("holders.count", "gender") in checked_cells
    assert ("applications.received", "decision") in checked_cells
    # Each cell of a cost breakdown opens the cost lines and activities it adds up.
    assert {
        ("accompaniment.cost", "category"),
        ("accompaniment.cost", "programme"),
        ("experts.cost", "expert_type"),
        ("missions.cost", "mission"),
    } <= checked_cells


def test_the_reasons_for_opening_no_records_name_catalogue_figures():
    ids = {indicator.id for indicator in CATALOGUE}
    assert set(drilldown.NO_RECORDS) <= ids
    assert all(reason for reason in drilldown.NO_RECORDS.values())


def test_every_drill_page_opens_for_a_manager_and_a_viewer(demo):
    pages = {}
    for role in (Role.MANAGER, Role.VIEWER):
        user = get_user_model().objects.create_user(username=f"drill-{role}", password="x")
        Membership.objects.create(organisation=demo, user=user, role=role)
        client = Client()
        client.force_login(user)
        pages[role] = client
    for indicator in CATALOGUE:
        if not drilldown.has_records(indicator.id):
            continue
        url = reverse("indicator_records", args=[demo.slug, indicator.id])
        for role, client in pages.items():
            response = client.get(url, {"period": "2024"})
            assert response.status_code == 200, (indicator.id, role)
            if role == Role.VIEWER:
                assert "page" not in response.context and "npage" not in response.context
    assert COUNT  # the unit of the counts compared above
