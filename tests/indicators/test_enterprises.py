"""Enterprise indicators on hand-made enterprises, P = 2025, A = 2025-12-31.

E1 created on 29 February 2020 (anniversaries on 28 February), E2 ceasing the day
before its first anniversary, E3 ceasing ON its first anniversary (a cessation date is
the last day of activity), E4 and E5 created in P (E5 on P.end), E6 pre-existing, E7
ceasing on P.end, E8 created without a known date.
"""

import datetime

import pytest

from sillon.indicators import enterprises
from sillon.register.models import Enterprise, Programme
from tests.indicators.test_accompaniment import enrol, project, scope

D = datetime.date


@pytest.fixture
def firms(org_a):
    seeds = Programme.objects.create(
        organisation=org_a,
        code="seeds",
        name_fr="Seeds",
        name_nl="Seeds",
        name_en="Seeds",
        kind="launch",
    )
    specs = [
        ("E1", D(2020, 2, 29), None, True, "706"),
        ("E2", D(2021, 6, 1), D(2022, 5, 31), True, "017"),
        ("E3", D(2023, 3, 10), D(2024, 3, 10), True, "610"),
        ("E4", D(2025, 6, 15), None, True, "017"),
        ("E5", D(2025, 12, 31), None, True, "706"),
        ("E6", D(2010, 1, 1), None, False, "017"),
        ("E7", D(2019, 1, 1), D(2025, 12, 31), True, "017"),
        ("E8", None, None, True, ""),
    ]
    for ref, created, ceased, during, form in specs:
        holder = project(org_a, ref, nace_code="56101")
        Enterprise.objects.create(
            organisation=org_a,
            project=holder,
            name=ref,
            creation_date=created,
            cessation_date=ceased,
            created_during_accompaniment=during,
            legal_form=form,
        )
        if ref == "E4":
            enrol(holder, seeds, D(2025, 1, 6))  # before its creation: counts
        elif ref == "E5":
            enrol(holder, seeds, D(2026, 1, 5))  # after its creation: does not
        else:  # accompanied: every project has an enrolment (Conventions)
            enrol(holder, seeds, D(2009, 1, 5))
    return org_a


def test_an_enterprise_whose_project_was_never_enrolled_is_not_accompanied(firms):
    stray = project(firms, "E9", nace_code="56101")
    Enterprise.objects.create(
        organisation=firms,
        project=stray,
        name="E9",
        creation_date=D(2025, 3, 1),
        created_during_accompaniment=True,
        legal_form="017",
    )
    values = enterprises.counts(scope(firms))
    assert values["enterprises.created"].value == 2  # still E4 and E5
    assert values["enterprises.active_end"].value == 6


def test_enterprises_created_in_the_period_and_active_at_its_end(firms):
    values = enterprises.counts(scope(firms))
    created = values["enterprises.created"]
    assert created.value == 2  # E4 and E5 (on P.end); E6 existed before
    assert created.breakdowns == {
        "legal_form_family": {"nonprofit": 1, "cooperative": 1},
        "legal_form": {"017": 1, "706": 1},
        "sector_type": {"market": 2},
        "nace_section": {"I": 2},
        "programme": {"seeds": 1, "none": 1},
    }
    # Active on 31 Dec 2025: E1, E4, E5, E6 (pre-existing), E7 (ceases that day), E8
    # (no date, not ceased); not E2, E3.
    active = values["enterprises.active_end"]
    assert active.value == 6
    assert active.breakdowns == {
        "legal_form_family": {"cooperative": 2, "nonprofit": 3, "unknown": 1}
    }


def test_survival_rates_pool_the_enterprises_that_reached_the_anniversary(firms):
    values = enterprises.survival(scope(firms))
    # 1 year: E1, E2, E3, E7 reached it; E2 had ceased the day before; E3 ceased on it.
    one = values["enterprises.survival_rate_1y"]
    assert (one.numerator, one.denominator) == (3, 4)
    # 2 years: the same four; E1 and E7 alive.
    two = values["enterprises.survival_rate_2y"]
    assert (two.numerator, two.denominator) == (2, 4)
    # 3 years: E3's falls in 2026, after A: E1, E2, E7 reached it; E1 and E7 alive.
    three = values["enterprises.survival_rate_3y"]
    assert (three.numerator, three.denominator) == (2, 3)


def test_survival_by_cohort(firms):
    rows = enterprises.survival(scope(firms))["enterprises.survival_by_cohort"].rows
    assert rows == [
        {
            "cohort": 2019,
            "n": 1,
            "rate_1y": 1.0,
            "rate_2y": 1.0,
            "rate_3y": 1.0,
            "rate_4y": 1.0,
            "rate_5y": 1.0,
        },
        {
            "cohort": 2020,
            "n": 1,
            "rate_1y": 1.0,
            "rate_2y": 1.0,
            "rate_3y": 1.0,
            "rate_4y": 1.0,
            "rate_5y": 1.0,
        },
        {
            "cohort": 2021,
            "n": 1,
            "rate_1y": 0.0,
            "rate_2y": 0.0,
            "rate_3y": 0.0,
            "rate_4y": 0.0,
            "rate_5y": None,
        },
        {
            "cohort": 2023,
            "n": 1,
            "rate_1y": 1.0,
            "rate_2y": 0.0,
            "rate_3y": None,
            "rate_4y": None,
            "rate_5y": None,
        },
        {
            "cohort": 2025,
            "n": 2,
            "rate_1y": None,
            "rate_2y": None,
            "rate_3y": None,
            "rate_4y": None,
            "rate_5y": None,
        },
    ]


def test_kaplan_meier_survival(firms):
    """Events: E2 at 364 days (0.997 y), E3 at 366 days (1.002 y, over a 29 February),
    E7 at 2556 days (7.0 y). Censored at A: E1 (5.8 y), E4 (0.5 y), E5 (0 y).
    S(1) = 1 − 1/4 (four at risk at E2's time: E1, E2, E3, E7) = 0.75;
    from 1.002 y: 0.75 × (1 − 1/3) = 0.5. At risk at t: those with T ≥ t."""
    rows = enterprises.survival(scope(firms))["enterprises.survival_km"].rows
    assert [row["at_risk"] for row in rows] == [3, 2, 2, 2, 2]
    assert [row["survival"] for row in rows] == pytest.approx([0.75, 0.5, 0.5, 0.5, 0.5])


def test_no_enterprise_gives_null_rates_and_empty_tables(org_a):
    values = enterprises.survival(scope(org_a))
    assert values["enterprises.survival_rate_1y"].value is None
    assert values["enterprises.survival_by_cohort"].rows == []
    assert [row["survival"] for row in values["enterprises.survival_km"].rows] == [None] * 5
