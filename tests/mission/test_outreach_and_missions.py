"""Outreach activities and the missions of the funding agreement (docs/spec/mission.md)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from sillon.catalogue.display import figure
from sillon.indicators.mission import mission
from sillon.mission.models import ActivityMission, CostLineMission, Mission, MissionDefault
from sillon.outcomes.models import CostLine, Partner
from sillon.register.models import Activity
from tests.indicators.test_accompaniment import scope
from tests.register.factories import activity, activity_data, project, url

D = datetime.date


def new_mission(organisation, code, *covering):
    record = Mission.objects.create(
        organisation=organisation, code=code, title_fr=code, title_nl=code, title_en=code
    )
    record.also_covered_by.set(covering)
    return record


def outreach_data(**overrides):
    return (
        activity_data(
            kind="representation", project_refs="", hours="3", channel="meeting", audience="40"
        )
        | overrides
    )


def test_coach_records_outreach_with_partners_and_mission(org_a, coach):
    bruxeo = Partner.objects.get(organisation=org_a, code="bruxeo")
    representation = new_mission(org_a, "representation")
    response = coach.client.post(
        url("activity_create", org_a),
        outreach_data(partners=[bruxeo.pk], mission=representation.pk),
    )
    assert response.status_code == 302
    saved = Activity.objects.get(organisation=org_a)
    assert (saved.kind, saved.audience, saved.channel) == ("representation", 40, "meeting")
    link = ActivityMission.objects.get(activity=saved)
    assert link.mission == representation
    assert list(link.partners.all()) == [bruxeo]


def test_outreach_activity_with_projects_is_refused(org_a, coach):
    project(org_a, "P-1")
    response = coach.client.post(url("activity_create", org_a), outreach_data(project_refs="P-1"))
    assert response.status_code == 200
    assert "project_refs" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_audience_and_partners_refused_on_coaching(org_a, coach):
    project(org_a, "P-1")
    bruxeo = Partner.objects.get(organisation=org_a, code="bruxeo")
    response = coach.client.post(
        url("activity_create", org_a),
        activity_data(audience="5", partners=[bruxeo.pk]),
    )
    errors = response.context["form"].errors
    assert "audience" in errors and "partners" in errors
    assert not Activity.objects.exists()


def test_another_organisations_mission_is_not_a_choice(org_a, org_b, coach):
    foreign = new_mission(org_b, "communication")
    response = coach.client.post(url("activity_create", org_a), outreach_data(mission=foreign.pk))
    assert "mission" in response.context["form"].errors
    assert not Activity.objects.exists()


def hand_made_missions(organisation):
    """The records of test_outreach_and_mission_figures; returns the mission `comm`."""
    org_a = organisation
    bruxeo = Partner.objects.get(organisation=org_a, code="bruxeo")
    prosp, comm, progr = (new_mission(org_a, c) for c in ("prosp", "comm", "progr"))
    comm.also_covered_by.set([bruxeo])
    MissionDefault.objects.create(organisation=org_a, activity_kind="prospection", mission=prosp)
    MissionDefault.objects.create(organisation=org_a, activity_kind="coaching", mission=progr)
    activity(org_a, kind="prospection", date=D(2025, 1, 1), hours=2, audience=10, channel="event")
    own = activity(
        org_a, kind="communication", date=D(2025, 12, 31), hours=Decimal("1.5"), channel="print"
    )
    ActivityMission.objects.create(organisation=org_a, activity=own, mission=comm)
    activity(org_a, kind="dissemination", date=D(2024, 12, 31), hours=9, channel="online")
    activity(org_a, [project(org_a, "P-1")], date=D(2025, 6, 1), hours=4)
    activity(
        org_a,
        [project(org_a, "P-2")],
        kind="expert",
        date=D(2025, 3, 1),
        hours=1,
        expert_type="legal",
        expert_name="X",
        cost_eur=500,
    )
    line = CostLine.objects.create(
        organisation=org_a,
        period_start=D(2025, 7, 1),
        period_end=D(2026, 6, 30),
        amount_eur=Decimal("3650"),
        category="staff",
        funding_source="region",
    )
    CostLineMission.objects.create(organisation=org_a, cost_line=line, mission=comm)
    return comm


def test_outreach_and_mission_figures(org_a):
    """P = 2025. By hand:
    outreach: prospection 2025-01-01 2 h audience 10, communication 2025-12-31 1.5 h
    (no audience), dissemination 2024-12-31 (outside P). → 2 activities, 3.5 h, 10 people.
    coaching 2025-06-01 4 h on one project, expert 2025-03-01 1 h cost 500.
    missions: default prospection → prosp; communication has its own mission comm (also
    covered by BRUXEO); coaching → default progr; expert without default → none.
    hours: prosp 2, comm 1.5, progr 4, none 1 = 8.5; also covered 1.5 / 8.5.
    cost: expert 500 → none; a cost line 2025-07-01..2026-06-30 of 3650 (365 days, 184 in
    P → 1840) assigned to comm → comm 1840; total 2340, also covered 1840 / 2340.
    """
    hand_made_missions(org_a)
    values = mission(scope(org_a, "2025"))

    assert values["outreach.activities"].value == 2
    assert values["outreach.activities"].breakdowns["kind"] == {
        "prospection": 1,
        "communication": 1,
    }
    assert values["outreach.hours"].value == Decimal("3.5")
    assert values["outreach.audience"].value == 10
    assert values["missions.hours"].value == Decimal("8.5")
    assert values["missions.hours"].breakdowns["mission"] == {
        "prosp": 2,
        "comm": Decimal("1.5"),
        "progr": 4,
        "none": 1,
    }
    assert values["missions.cost"].value == Decimal("2340")
    assert values["missions.cost"].breakdowns["mission"] == {"none": 500, "comm": 1840}
    share = values["missions.also_covered_hours_share"]
    assert (share.numerator, share.denominator) == (Decimal("1.5"), Decimal("8.5"))
    share = values["missions.also_covered_cost_share"]
    assert (share.numerator, share.denominator) == (Decimal("1840"), Decimal("2340"))


def test_mission_figures_of_an_empty_organisation(org_a):
    values = mission(scope(org_a, "2025"))
    assert values["outreach.activities"].value == 0
    assert values["missions.cost"].value == 0
    assert values["missions.also_covered_cost_share"].value is None
    assert values["stakes.active_end"].value == 0


def test_the_share_of_costs_also_covered_opens_its_costs(org_a, coach):
    comm = hand_made_missions(org_a)
    covered = activity(
        org_a,
        [project(org_a, "P-3")],
        kind="expert",
        date=D(2025, 9, 1),
        hours=1,
        expert_type="legal",
        expert_name="Y",
        cost_eur=100,
    )
    ActivityMission.objects.create(organisation=org_a, activity=covered, mission=comm)
    response = coach.client.get(
        reverse("indicator_records", args=[org_a.slug, "missions.also_covered_cost_share"]),
        {"period": "2025"},
    )
    assert response.status_code == 200
    # The numerator (1840 + 100 of the 2440 of the missions): comm's line and activity.
    assert [row.share for row in response.context["cost_lines"]] == [Decimal("1840")]
    assert list(response.context["experts"]) == [covered]
    content = response.content.decode()
    every_cost = reverse("indicator_records", args=[org_a.slug, "missions.cost"])
    assert f'href="{every_cost}?period=2025"' in content
    # Numerator and denominator are amounts, written as amounts (not as counts).
    with translation.override(response.headers["Content-Language"]):
        for amount in ("1940", "2440"):
            assert f"<dd>{figure(Decimal(amount), 'EUR')}</dd>" in content
