"""Employment indicators on hand-made jobs, P = 2025, A = 2025-12-31.

Enterprise X was created in 2023 by project PX (first enrolment 9 January 2023);
enterprise Y existed before project PY (first enrolment 1 June 2024). A job counts as
created when it starts on or after its project's first enrolment.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from sillon.catalogue.periods import parse_period
from sillon.indicators import employment
from sillon.indicators.values import Scope
from sillon.outcomes.models import Job
from sillon.register.models import Enterprise, Programme
from tests.indicators.test_accompaniment import enrol, project, scope

D = datetime.date


def job(enterprise, ref, start, end, status, contract, hours, committee, gender):
    return Job.objects.create(
        organisation=enterprise.organisation,
        enterprise=enterprise,
        job_ref=ref,
        start_date=start,
        end_date=end,
        worker_status=status,
        contract_type=contract,
        weekly_hours=Decimal(hours),
        joint_committee=committee,
        gender=gender,
    )


@pytest.fixture
def workforce(org_a):
    seeds = Programme.objects.create(
        organisation=org_a,
        code="seeds",
        name_fr="Seeds",
        name_nl="Seeds",
        name_en="Seeds",
        kind="launch",
    )
    px, py = project(org_a, "PX"), project(org_a, "PY", "development")
    enrol(px, seeds, D(2023, 1, 9))
    enrol(py, seeds, D(2024, 6, 1))
    x = Enterprise.objects.create(
        organisation=org_a, project=px, name="X", legal_form="706", creation_date=D(2023, 5, 1)
    )
    y = Enterprise.objects.create(
        organisation=org_a,
        project=py,
        name="Y",
        legal_form="017",
        creation_date=D(2015, 1, 1),
        created_during_accompaniment=False,
    )
    job(x, "J1", D(2025, 1, 1), None, "employee", "permanent", "38", "329.02", "f")
    job(x, "J2", D(2025, 12, 31), None, "article_60", "fixed_term", "19", "329.02", "m")
    job(x, "J3", D(2023, 5, 1), D(2025, 12, 31), "self_employed_partner", "none", "19", "", "x")
    job(x, "J4", D(2024, 2, 29), D(2025, 2, 28), "blue_collar", "replacement", "38", "200", "m")
    job(y, "J1", D(2020, 3, 1), None, "employee", "permanent", "38", "337", "unknown")
    job(y, "J2", D(2024, 6, 1), D(2025, 6, 30), "employee", "fixed_term", "30.4", "", "f")
    return org_a


def test_jobs_created_and_active_at_the_end(workforce):
    values = employment.counts(scope(workforce))
    # Created in 2025: X J1 (1 Jan) and X J2 (31 Dec, on P.end).
    created = values["jobs.created"]
    assert created.value == 2
    assert created.breakdowns == {
        "worker_status": {"employee": 1, "article_60": 1},
        "contract_type": {"permanent": 1, "fixed_term": 1},
        "working_time": {"full_time": 1, "part_time": 1},
        "joint_committee": {"329.02": 2},
        "gender": {"f": 1, "m": 1},
        "legal_form_family": {"cooperative": 2},
    }
    assert values["jobs.created_fte"].value == Decimal("1.5")  # 38/38 + 19/38
    assert values["jobs.created_fte"].breakdowns["worker_status"] == {
        "employee": Decimal("1"),
        "article_60": Decimal("0.5"),
    }
    # Active on 31 Dec: X J1, X J2, X J3 (ends that day), Y J1 (not created, still counts).
    active = values["jobs.active_end"]
    assert active.value == 4
    assert active.breakdowns["joint_committee"] == {"329.02": 2, "337": 1, "none": 1}
    assert values["jobs.active_end_fte"].value == pytest.approx(3.0)  # 1 + .5 + .5 + 1
    # Shares among the active: contracts other than none (J1, J2, Y J1): 2 permanent.
    assert (
        values["jobs.permanent_share"].numerator,
        values["jobs.permanent_share"].denominator,
    ) == (2, 3)
    # Without the self-employed partner: J1, J2, Y J1; two full time, all three covered.
    assert (
        values["jobs.full_time_share"].numerator,
        values["jobs.full_time_share"].denominator,
    ) == (2, 3)
    assert values["jobs.joint_committee_coverage"].value == 1


def test_persistence_of_created_jobs(workforce):
    values = employment.persistence(scope(workforce))
    # 1 year reached by X J3 (2024-05-01), Y J2 (2025-06-01), X J4 (28 Feb 2025, its
    # last day): all three still there. Y J1 is not a created job.
    one = values["jobs.persistence_rate_1y"]
    assert (one.numerator, one.denominator) == (3, 3)
    # 2 years reached by X J3 only (2025-05-01), still there.
    two = values["jobs.persistence_rate_2y"]
    assert (two.numerator, two.denominator) == (1, 1)
    assert values["jobs.persistence_by_cohort"].rows == [
        {"cohort": 2023, "n": 1, "rate_1y": 1.0, "rate_2y": 1.0},
        {"cohort": 2024, "n": 2, "rate_1y": 1.0, "rate_2y": None},
        {"cohort": 2025, "n": 2, "rate_1y": None, "rate_2y": None},
    ]


def test_cohort_employment_counts_jobs_on_31_december(workforce):
    rows = employment.cohort_employment(scope(workforce))["jobs.cohort_employment"].rows
    # X, created in 2023: 31/12/2023 J3 (0.5); 31/12/2024 J3, J4 (1.5);
    # 31/12/2025 J1, J2, J3 (2.0). Y existed before: not a cohort.
    assert rows == [
        {
            "cohort": 2023,
            "enterprises": 1,
            "headcount_n": 1,
            "fte_n": Decimal("0.5"),
            "headcount_n1": 2,
            "fte_n1": Decimal("1.5"),
            "headcount_n2": 3,
            "fte_n2": Decimal("2"),
        },
    ]


def test_years_after_the_as_of_date_are_null(workforce):
    period = scope(workforce, "2024")
    rows = employment.cohort_employment(period)["jobs.cohort_employment"].rows
    assert (rows[0]["headcount_n1"], rows[0]["headcount_n2"]) == (2, None)


def test_anniversaries_reached_exactly_on_the_as_of_date(workforce):
    # A = 28 February 2025: X J4 (29 February 2024) has its 1-year anniversary that day
    # and ends that day, so it is reached and alive; X J3 (1 May 2023) reached it too.
    # Nothing else has: Y J2 started 1 June 2024.
    period = parse_period("2025-01-01..2025-02-28")
    values = employment.persistence(Scope(workforce, period, period.end))
    one = values["jobs.persistence_rate_1y"]
    assert (one.numerator, one.denominator) == (2, 2)
    # A = 27 February 2025: X J4's anniversary is still to come.
    period = parse_period("2025-01-01..2025-02-27")
    values = employment.persistence(Scope(workforce, period, period.end))
    one = values["jobs.persistence_rate_1y"]
    assert (one.numerator, one.denominator) == (1, 1)


def test_a_job_started_on_31_december_reaches_its_anniversary_on_31_december(workforce):
    # X J2 started on 31 December 2025: with A = 31 December 2026 it has reached its
    # first anniversary, and, without an end, is still there.
    period = parse_period("2026")
    values = employment.persistence(Scope(workforce, period, period.end))
    rows = {row["cohort"]: row for row in values["jobs.persistence_by_cohort"].rows}
    assert rows[2025] == {"cohort": 2025, "n": 2, "rate_1y": 1.0, "rate_2y": None}


def test_an_employee_without_joint_committee_lowers_the_coverage(workforce):
    y = Enterprise.objects.get(organisation=workforce, name="Y")
    job(y, "J3", D(2025, 3, 1), None, "employee", "fixed_term", "38", "", "f")
    values = employment.counts(scope(workforce))
    # Employees active on 31 Dec: X J1, X J2, Y J1 and Y J3; Y J3 has no joint committee.
    coverage = values["jobs.joint_committee_coverage"]
    assert (coverage.numerator, coverage.denominator) == (3, 4)
    # Contracts other than none: X J1, X J2, Y J1, Y J3; permanent: X J1 and Y J1.
    permanent = values["jobs.permanent_share"]
    assert (permanent.numerator, permanent.denominator) == (2, 4)


# Added as floats in this order, their FTE make 1.8923684210526317; in the reverse
# order, and exactly, 1.8923684210526315.
HOURS = ("32.16", "19.41", "20.34")


@pytest.mark.parametrize("hours", [HOURS, HOURS[::-1]])
def test_fte_are_summed_exactly_whatever_the_order_of_the_jobs(workforce, hours):
    """A float SUM in the database depends on the order it adds the rows in: the command
    line and the API gave different bytes on PostgreSQL. Summed as fractions, the FTE is
    the float nearest the exact sum, whatever the order."""
    z = Enterprise.objects.create(
        organisation=workforce,
        project=project(workforce, "PZ"),
        name="Z",
        legal_form="706",
        creation_date=D(2025, 3, 1),
    )
    enrol(z.project, Programme.objects.get(code="seeds"), D(2025, 1, 6))
    for number, weekly in enumerate(hours):
        job(z, f"Z{number}", D(2025, 4, 1), None, "employee", "permanent", weekly, "", "f")
    rows = employment.cohort_employment(scope(workforce))["jobs.cohort_employment"].rows
    assert next(row for row in rows if row["cohort"] == 2025)["fte_n"] == 1.8923684210526315
    # With X J1 (1) and X J2 (0.5), created in 2025 too.
    exact = float(Fraction(3, 2) + sum(Fraction(Decimal(h)) / 38 for h in HOURS))
    assert employment.counts(scope(workforce))["jobs.created_fte"].value == exact
