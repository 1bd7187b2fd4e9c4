"""Behind every number (issue 17): both sides of a ratio, the cost lines with their
share and the expert activities of a cost, survival and persistence cells."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from sillon.catalogue.periods import parse_period
from sillon.indicators import drilldown
from sillon.indicators.engine import compute
from sillon.indicators.values import Scope
from sillon.register.choices import ActivityKind
from tests.outcomes import factories as outcome
from tests.register import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakery(org_a):
    """One project enrolled in 2023, its enterprise created 10 March 2023 and ceased
    9 March 2025 (two whole years, not three), two jobs, a cost line of 2025 half in S1,
    one expert of €500."""
    seeds = make.programme(org_a, "seeds")
    first = make.project(org_a, "P-1")
    make.enrolment(first, seeds, start_date=datetime.date(2023, 1, 5))
    enterprise = make.enterprise(
        first,
        created_during_accompaniment=True,
        creation_date=datetime.date(2023, 3, 10),
        cessation_date=datetime.date(2025, 3, 9),
    )
    outcome.job(enterprise, "J1", start_date=datetime.date(2023, 4, 1))
    outcome.job(enterprise, "J2", start_date=datetime.date(2023, 5, 1), contract_type="fixed_term")
    outcome.cost_line(
        org_a,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        amount_eur=Decimal("36500"),
    )
    make.activity(
        org_a,
        [first],
        date=datetime.date(2025, 5, 1),
        kind=ActivityKind.EXPERT,
        expert_type="legal",
        expert_name="Maître Claessens",
        cost_eur=Decimal("500"),
        hours=Decimal("3"),
    )
    return org_a


def scope(organisation, period_id):
    period = parse_period(period_id)
    return Scope(organisation, period, period.end)


def test_each_survival_cell_opens_what_it_counts(bakery):
    at = scope(bakery, "2026")
    values = {r.indicator.id: r.value for r in compute(bakery, at.period)}
    row = values["enterprises.survival_by_cohort"].rows[0]
    for years in (1, 2, 3):
        found = drilldown.drill("enterprises.survival_by_cohort", at, cohort=2023, years=years)
        alive, reached = found.numerator.queryset.count(), found.denominator.queryset.count()
        assert alive / reached == row[f"rate_{years}y"]
    # Ceased on 9 March 2025, the day before its second anniversary: alive at 1 year only.
    assert [row["rate_1y"], row["rate_2y"]] == [1.0, 0.0]


def test_a_job_share_opens_its_numerator_and_denominator(bakery):
    at = scope(bakery, "2024")
    value = {r.indicator.id: r.value for r in compute(bakery, at.period)}["jobs.permanent_share"]
    found = drilldown.drill("jobs.permanent_share", at)
    assert found.numerator.queryset.count() == value.numerator == 1
    assert found.denominator.queryset.count() == value.denominator == 2


def test_a_cost_lists_its_lines_with_their_share_and_its_experts(bakery, manager):
    # 2025: the line runs 1 April 2025 – 31 March 2026 (365 days), 275 of them in 2025:
    # 36,500 × 275 / 365 = 27,500; plus the expert's 500 = 28,000.
    url = reverse("indicator_records", args=[bakery.slug, "accompaniment.cost_per_job_created"])
    response = manager.client.get(url, {"period": "2025", "sort": "-amount"})
    [line] = response.context["cost_lines"]
    assert (line.days_inside, line.days, line.share) == (275, 365, Decimal("27500"))
    assert [a.cost_eur for a in response.context["experts"]] == [Decimal("500")]
    assert response.context["value"].numerator == Decimal("28000")
    assert "dpage" in response.context  # the jobs created, the denominator


def test_missions_cost_lists_every_activity_whose_cost_it_sums(bakery):
    at = scope(bakery, "2025")
    value = {r.indicator.id: r.value for r in compute(bakery, at.period)}["missions.cost"]
    listed = drilldown.cost_activities("missions.cost", at)
    shares = sum(row.share for row in drilldown.cost_lines(at))
    assert [a.cost_eur for a in listed] == [Decimal("500")]
    assert shares + sum(a.cost_eur for a in listed) == value.value == Decimal("28000")
    # The engine sums the cost of any activity, the list holds any activity with a cost:
    # the database lets only an expert intervention carry one, so no other kind adds to
    # missions.cost.
    with pytest.raises(IntegrityError), transaction.atomic():
        make.activity(
            bakery, [], date=datetime.date(2025, 6, 1), kind=ActivityKind.EVENT, cost_eur=80
        )


def test_a_cost_breakdown_cell_opens_the_lines_and_activities_it_adds_up(bakery, manager):
    url = reverse("indicator_records", args=[bakery.slug, "accompaniment.cost"])

    def cell(breakdown, key):
        response = manager.client.get(url, {"period": "2025", "breakdown": breakdown, "key": key})
        assert response.status_code == 200
        lines = [(row.line.category, row.share) for row in response.context["cost_lines"]]
        return lines, [a.cost_eur for a in response.context["experts"]]

    assert cell("category", "expert") == ([], [Decimal("500")])
    assert cell("category", "staff") == ([("staff", Decimal("27500"))], [])
    assert cell("category", "overhead") == ([], [])
    # Neither the line nor the expert names a programme.
    assert cell("programme", "none") == ([("staff", Decimal("27500"))], [Decimal("500")])
    assert cell("programme", "seeds") == ([], [])
