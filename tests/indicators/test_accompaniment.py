"""Accompaniment indicators on a small hand-made organisation, period 2025.

The data sits on the boundaries of docs/spec/indicators.md: an enrolment ending on P.start, one
starting on P.end, a project in two programmes, a person holding two projects, an
activity on the last day, a NACE code of the 2025 version.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sillon.catalogue.periods import parse_period
from sillon.indicators import accompaniment
from sillon.indicators.values import Scope
from sillon.register.models import Activity, Enrolment, Enterprise, Person, Programme, Project

D = datetime.date


def scope(organisation, period="2025"):
    period = parse_period(period)
    return Scope(organisation, period, period.end)


def project(organisation, ref, project_type="creation", sector="market", **fields):
    return Project.objects.create(
        organisation=organisation,
        ref=ref,
        name=ref,
        project_type=project_type,
        sector_type=sector,
        intake_date=D(2023, 1, 1),
        **fields,
    )


def enrol(project_, programme, start, end=None):
    return Enrolment.objects.create(
        organisation=project_.organisation,
        project=project_,
        programme=programme,
        start_date=start,
        end_date=end,
    )


def person(organisation, name, gender, situation, *projects):
    holder = Person.objects.create(
        organisation=organisation,
        first_name=name,
        last_name="X",
        gender=gender,
        situation_at_intake=situation,
    )
    for project_ in projects:
        project_.holders.add(holder)
    return holder


def activity(organisation, day, kind, hours, projects=(), **fields):
    record = Activity.objects.create(
        organisation=organisation, date=day, kind=kind, hours=Decimal(hours), **fields
    )
    record.projects.set(projects)
    return record


@pytest.fixture
def story(org_a):
    org = org_a
    seeds = Programme.objects.create(
        organisation=org,
        code="seeds",
        name_fr="Seeds",
        name_nl="Seeds",
        name_en="Seeds",
        kind="launch",
    )
    blossom = Programme.objects.create(
        organisation=org,
        code="blossom",
        name_fr="Blossom",
        name_nl="Blossom",
        name_en="Blossom",
        kind="growth",
    )
    p1 = project(org, "P1", nace_code="56101")  # section I
    p2 = project(org, "P2", "development", "non_market", nace_version="2025", nace_code="01110")
    p3 = project(org, "P3", "multi_actor", "mixed")
    p4 = project(org, "P4", status="stopped", status_date=D(2025, 2, 28), stop_reason="x")
    project(org, "P5")  # never enrolled
    enrol(p1, seeds, D(2024, 9, 1), D(2025, 1, 1))  # ends on P.start: overlaps
    enrol(p2, seeds, D(2023, 1, 1), D(2023, 6, 30))  # long before
    enrol(p2, blossom, D(2025, 12, 31))  # starts on P.end: overlaps
    enrol(p3, seeds, D(2025, 3, 1), D(2025, 6, 30))  # two programmes in P
    enrol(p3, blossom, D(2025, 9, 1))
    enrol(p4, seeds, D(2024, 1, 1), D(2024, 12, 31))  # ends the day before P
    Enterprise.objects.create(organisation=org, project=p1, name="E1", legal_form="706")
    person(org, "Alice", "f", "jobseeker", p1, p2)  # holds two projects
    person(org, "Bob", "m", "employed", p2)
    person(org, "Cam", "x", "jobseeker", p3)
    person(org, "Dom", "unknown", "unknown", p3)
    person(org, "Eve", "f", "student", p4)  # her project is not accompanied in 2025
    activity(org, D(2025, 1, 1), "coaching", "2", [p1], programme=seeds)
    activity(
        org,
        D(2025, 6, 15),
        "training",
        "3",
        [p1, p2, p3],
        programme=seeds,
        topics=["democratic_governance"],
    )
    activity(
        org,
        D(2025, 12, 31),
        "expert",
        "4",
        [p2],
        expert_type="legal",
        expert_name="Cabinet",
        cost_eur=Decimal("1000"),
    )
    activity(org, D(2024, 12, 31), "coaching", "5", [p1])  # the day before P
    activity(org, D(2025, 5, 5), "event", "2", attendees=40)
    activity(org, D(2025, 11, 11), "event", "3", attendees=25)
    activity(org, D(2025, 2, 2), "coworking", "8", [p1, p3])
    activity(org, D(2026, 1, 1), "coworking", "8", [p1])  # the day after P
    activity(org, D(2025, 3, 3), "coaching", "1.5", [p3], topics=["social_concertation"])
    return org


def test_projects_accompanied_new_and_stopped(story):
    values = accompaniment.projects(scope(story))
    accompanied = values["projects.accompanied"]
    # P1 (ends on P.start), P2 (starts on P.end), P3 (two programmes); not P4, P5.
    assert accompanied.value == 3
    assert accompanied.breakdowns == {
        "programme": {"seeds": 2, "blossom": 2},  # P3 counts in both
        "project_type": {"creation": 1, "development": 1, "multi_actor": 1},
        "sector_type": {"market": 1, "non_market": 1, "mixed": 1},
        "nace_section": {"I": 1, "unknown": 2},  # P2 has a 2025 code, P3 none
        "legal_form_family": {"cooperative": 1, "none": 2},
    }
    # Only P3's earliest enrolment starts in 2025 (P1: 2024, P2: 2023).
    new = values["projects.new"]
    assert new.value == 1
    assert new.breakdowns == {
        "programme": {"seeds": 1},
        "project_type": {"multi_actor": 1},
        "sector_type": {"mixed": 1},
    }
    # P4 stopped on 2025-02-28; it was enrolled in Seeds.
    assert values["projects.stopped"].value == 1
    assert values["projects.stopped"].breakdowns == {"programme": {"seeds": 1}}


def test_holders_are_counted_once_and_women_share_ignores_unknown_gender(story):
    values = accompaniment.holders(scope(story))
    # Alice (two projects, once), Bob, Cam, Dom; not Eve (P4 not accompanied).
    holders = values["holders.count"]
    assert holders.value == 4
    assert holders.breakdowns == {
        "gender": {"f": 1, "m": 1, "x": 1, "unknown": 1},
        "situation_at_intake": {"jobseeker": 2, "employed": 1, "unknown": 1},
    }
    share = values["holders.women_share"]
    # Among the 3 of known gender, 1 woman.
    assert (share.numerator, share.denominator) == (1, 3)
    assert share.value == pytest.approx(1 / 3)


def test_sessions_hours_events_desk_days_and_governance(story):
    values = accompaniment.activities(scope(story))
    # Coaching 1 Jan, training 15 Jun, expert 31 Dec, coaching 3 Mar; not 31 Dec 2024.
    sessions = values["accompaniment.sessions"]
    assert sessions.value == 4
    assert sessions.breakdowns == {
        "kind": {"coaching": 2, "training": 1, "expert": 1},
        "programme": {"seeds": 2, "none": 2},
    }
    # Hours × projects: 2×1 + 3×3 + 4×1 + 1.5×1 = 16.5.
    hours = values["accompaniment.hours"]
    assert hours.value == Decimal("16.5")
    assert hours.breakdowns == {
        "kind": {"coaching": Decimal("3.5"), "training": Decimal("9"), "expert": Decimal("4")},
        "programme": {"seeds": Decimal("11"), "none": Decimal("5.5")},
    }
    assert values["community.events"].value == 2
    assert values["community.attendees"].value == 65
    # One coworking day with two projects in 2025; the one of 1 Jan 2026 is outside.
    assert values["coworking.desk_days"].value == 2
    # The training (P1, P2, P3, democratic governance) and P3's coaching (concertation).
    assert values["governance.projects_trained"].value == 3


def test_an_empty_organisation_gives_zero_and_null(org_a):
    assert accompaniment.projects(scope(org_a))["projects.accompanied"].value == 0
    share = accompaniment.holders(scope(org_a))["holders.women_share"]
    assert (share.value, share.denominator) == (None, 0)
    values = accompaniment.activities(scope(org_a))
    assert values["accompaniment.hours"].value == 0
    assert values["community.attendees"].value == 0


def test_query_count_does_not_grow_with_the_data(story):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            accompaniment.projects(scope(story))
            accompaniment.holders(scope(story))
            accompaniment.activities(scope(story))
        return len(captured)

    before = queries()
    seeds = Programme.objects.get(code="seeds")
    for number in range(30):
        extra = project(story, f"X{number}")
        enrol(extra, seeds, D(2025, 4, 1))
        person(story, f"H{number}", "f", "student", extra)
        activity(story, D(2025, 4, 2), "coaching", "1", [extra], programme=seeds)
    assert queries() == before
