"""What a dashboard costs (issue 17): a cold second semester computes at most two
catalogues (the semester and its year to date) and the five-year trend in three
grouped queries; a warm one computes nothing; a write to a record no indicator reads
keeps the cache."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sillon.accounts.models import Organisation
from sillon.catalogue.periods import parse_period, year_period
from sillon.indicators import dashboard
from sillon.indicators.engine import compute
from sillon.outcomes.models import Target
from tests.indicators import test_dashboard
from tests.outcomes import factories as outcome
from tests.register import factories as make

TODAY = datetime.date(2026, 12, 2)
enrolled = test_dashboard.enrolled  # the fixture: three projects enrolled in 2025


@pytest.fixture
def counted(monkeypatch):
    """The catalogues the dashboard computes, by period id."""
    periods = []

    def counting(organisation, period, as_of=None):
        periods.append(period.id)
        return compute(organisation, period, as_of)

    monkeypatch.setattr(dashboard, "compute", counting)
    return periods


def fresh(organisation):
    return Organisation.objects.get(pk=organisation.pk)


@pytest.mark.django_db
@pytest.mark.usefixtures("enrolled")
def test_a_cold_second_semester_costs_two_catalogues_and_three_trend_queries(org_a, counted):
    dashboard.assemble(fresh(org_a), parse_period("2025-S2"), TODAY)
    # The semester, and its year to date, which is the year 2025 itself.
    assert counted == ["2025-S2", "2025"]
    with CaptureQueriesContext(connection) as queries:
        dashboard.trend_values(org_a, [2021, 2022, 2023, 2024, 2025])
    assert len(queries) == 3


@pytest.mark.django_db
def test_a_warm_dashboard_computes_nothing(org_a, enrolled, counted):
    dashboard.assemble(fresh(org_a), parse_period("2025-S2"), TODAY)
    counted.clear()
    dashboard.assemble(fresh(org_a), parse_period("2025-S2"), TODAY)
    assert counted == []


@pytest.mark.django_db
@pytest.mark.usefixtures("enrolled")
def test_a_target_written_keeps_the_cached_figures_a_job_does_not(org_a, counted):
    dashboard.assemble(fresh(org_a), parse_period("2025"), TODAY)
    counted.clear()
    Target.objects.create(organisation=org_a, indicator="jobs.created", period="2025", value=3)
    page = dashboard.assemble(fresh(org_a), parse_period("2025"), TODAY)
    assert counted == []
    assert next(r for r in page["rows"] if r.indicator.id == "jobs.created").target == 3
    enterprise = make.enterprise(
        make.project(org_a, "P-J"), created_during_accompaniment=True, creation_date=None
    )
    outcome.job(enterprise, "J1", start_date=datetime.date(2025, 3, 1))
    dashboard.assemble(fresh(org_a), parse_period("2025"), TODAY)
    assert counted == ["2025"]


@pytest.mark.django_db
def test_the_trend_reads_what_each_year_catalogue_reads(org_a, enrolled):
    # Projects enrolled in 2025 (the fixture), one enrolled 2022–2023, an enterprise
    # created in 2024 with a job started in 2024 and one in 2025.
    seeds = enrolled
    older = make.project(org_a, "P-OLD")
    make.enrolment(older, seeds, start_date=datetime.date(2022, 5, 1), end_date=None)
    enterprise = make.enterprise(
        older, created_during_accompaniment=True, creation_date=datetime.date(2024, 1, 9)
    )
    outcome.job(enterprise, "J1", start_date=datetime.date(2024, 2, 1))
    outcome.job(enterprise, "J2", start_date=datetime.date(2025, 2, 1))
    years = [2021, 2022, 2023, 2024, 2025]
    trend = dashboard.trend_values(org_a, years)
    for year in years:
        values = {r.indicator.id: r.value.value for r in compute(org_a, year_period(year))}
        for indicator_id in dashboard.TREND:
            assert trend[indicator_id][year] == values[indicator_id], (indicator_id, year)
    assert trend["projects.accompanied"] == {2021: 0, 2022: 1, 2023: 1, 2024: 1, 2025: 4}


def test_each_key_figure_is_shown_once():
    assert len(dashboard.KEY_FIGURES) == len(set(dashboard.KEY_FIGURES))
