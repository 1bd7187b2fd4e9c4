"""Experts, cost, accreditation, transfers, impact, actions and partners, P = 2025."""

import datetime
from decimal import Decimal

import pytest

from sillon.indicators import accompaniment, accreditation_and_impact, costs
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Transfer,
)
from sillon.register.models import Enterprise, Programme
from tests.indicators.test_accompaniment import activity, enrol, project, scope

D = datetime.date


def line(organisation, start, end, amount, category="staff", programme=None):
    return CostLine.objects.create(
        organisation=organisation,
        period_start=start,
        period_end=end,
        amount_eur=amount,
        category=category,
        programme=programme,
        funding_source="region",
    )


def test_expert_cost_and_prorated_cost_lines(org_a):
    seeds = Programme.objects.create(
        organisation=org_a, code="seeds", name_fr="S", name_nl="S", name_en="S", kind="launch"
    )
    p = project(org_a, "P1")
    activity(
        org_a,
        D(2025, 12, 31),
        "expert",
        "2",
        [p],
        expert_type="legal",
        expert_name="A",
        cost_eur=Decimal("1000"),
        programme=seeds,
    )
    activity(
        org_a,
        D(2025, 3, 1),
        "expert",
        "2",
        [p],
        expert_type="it",
        expert_name="B",
        cost_eur=Decimal("500"),
    )
    activity(
        org_a,
        D(2024, 12, 31),
        "expert",
        "2",
        [p],
        expert_type="it",
        expert_name="C",
        cost_eur=Decimal("999"),
    )  # before P
    line(org_a, D(2025, 1, 1), D(2025, 12, 31), Decimal("365000"))  # all inside: 365,000
    # A line across two years: 2024-07-01..2025-06-30 is 365 days, 181 of them in 2025.
    line(org_a, D(2024, 7, 1), D(2025, 6, 30), Decimal("36500"), "operating", seeds)
    line(org_a, D(2026, 1, 1), D(2026, 12, 31), Decimal("1"))  # after P
    values = costs.costs(scope(org_a))
    assert values["experts.interventions"].value == 2
    assert values["experts.interventions"].breakdowns == {"expert_type": {"legal": 1, "it": 1}}
    assert values["experts.cost"].value == Decimal("1500")
    # 1,500 + 365,000 + 36,500 × 181 / 365 (= 18,100) = 384,600.
    cost = values["accompaniment.cost"]
    assert cost.value == Decimal("384600")
    assert cost.breakdowns["category"] == {
        "expert": Decimal("1500"),
        "staff": Decimal("365000"),
        "operating": Decimal("18100"),
    }
    assert cost.breakdowns["programme"] == {"seeds": Decimal("19100"), "none": Decimal("365500")}


@pytest.fixture
def accredited(org_a):
    seeds = Programme.objects.create(
        organisation=org_a, code="seeds", name_fr="S", name_nl="S", name_en="S", kind="launch"
    )
    trace = Partner.objects.get(organisation=org_a, code="trace")
    firms = {}
    for ref in ("A", "B", "C", "D"):
        holder = project(org_a, ref)
        enrol(holder, seeds, D(2024, 1, 1))
        firms[ref] = Enterprise.objects.create(
            organisation=org_a,
            project=holder,
            name=ref,
            legal_form="706",
            creation_date=D(2024, 3, 1),
        )

    def event(ref, kind, day):
        AccreditationEvent.objects.create(
            organisation=org_a, enterprise=firms[ref], event=kind, date=day
        )

    event("A", "esd_requested", D(2025, 1, 10))
    event("A", "esd_obtained", D(2025, 4, 1))  # accredited at the end
    event("B", "esd_obtained", D(2024, 6, 1))
    event("B", "esd_withdrawn", D(2025, 12, 31))  # withdrawn on P.end: not accredited
    event("C", "esd_requested", D(2025, 12, 31))  # requested on P.end
    NonAccreditationReason.objects.create(
        organisation=org_a, enterprise=firms["D"], reason="not_relevant", date=D(2024, 6, 1)
    )
    NonAccreditationReason.objects.create(
        organisation=org_a, enterprise=firms["D"], reason="criteria_unsuited", date=D(2025, 2, 1)
    )
    Transfer.objects.create(
        organisation=org_a, project=firms["A"].project, partner=trace, date=D(2025, 5, 5)
    )
    PartnerInteraction.objects.create(
        organisation=org_a, partner=trace, date=D(2025, 1, 1), kind="consultation"
    )
    answers = dict.fromkeys(
        [
            "continuous_activity",
            "economic_risk",
            "paid_work",
            "community_aim",
            "citizen_initiative",
            "limited_profit_distribution",
            "autonomy",
            "non_capital_decision",
            "participatory",
        ],
        "yes",
    )
    ImpactAssessment.objects.create(
        organisation=org_a,
        project=firms["D"].project,
        date=D(2025, 3, 1),
        beneficiaries=40,
        **answers,
    )
    ImpactAssessment.objects.create(
        organisation=org_a,
        project=firms["D"].project,
        date=D(2025, 9, 1),
        beneficiaries=60,
        **(answers | {"autonomy": "partial"}),
    )
    ImpactAssessment.objects.create(
        organisation=org_a,
        project=firms["C"].project,
        date=D(2024, 9, 1),
        beneficiaries=999,
        **answers,
    )
    InternalAction.objects.create(
        organisation=org_a, date=D(2025, 6, 1), kind="diversity", scope="internal", description="x"
    )
    InternalAction.objects.create(
        organisation=org_a,
        date=D(2025, 6, 2),
        kind="environment",
        scope="beneficiaries",
        description="y",
    )
    return org_a


def test_accreditation_transfers_impact_actions_and_partners(accredited):
    period = scope(accredited)
    values = accreditation_and_impact.accreditation_and_impact(
        period, accompaniment.accompanied_projects(period)
    )
    assert values["accreditation.requested"].value == 2  # A and C
    assert values["accreditation.obtained"].value == 1  # A (B's was in 2024)
    assert values["accreditation.accredited_end"].value == 1  # A; B withdrawn on 31 Dec
    assert values["transfers.count"].value == 1
    assert values["transfers.count"].breakdowns == {"partner": {"trace": 1}}
    # Created, active and not accredited at the end: B, C, D; D has reasons, its latest
    # (dated before P.end) counts.
    reasons = values["non_accreditation.reasons"]
    assert (reasons.value, reasons.breakdowns) == (1, {"reason": {"criteria_unsuited": 1}})
    assert values["impact.assessed"].value == 1  # D, twice in 2025; C's was in 2024
    share = values["impact.non_accredited_assessed_share"]
    assert (share.numerator, share.denominator) == (2, 3)  # C and D of B, C, D
    assert values["impact.beneficiaries"].value == 60  # D's latest assessment in 2025
    # Profile: latest assessment of each accompanied project: D (autonomy partial), C.
    rows = {row["criterion"]: row for row in values["impact.emes_profile"].rows}
    assert rows["autonomy"] == {"criterion": "autonomy", "yes": 1, "partial": 1, "no": 0}
    assert rows["paid_work"] == {"criterion": "paid_work", "yes": 2, "partial": 0, "no": 0}
    assert values["actions.diversity"].breakdowns == {"scope": {"internal": 1}}
    assert values["actions.environment"].value == 1
    # One consultation plus the transfer, counted as a referral sent.
    partners = values["partners.interactions"]
    assert partners.value == 2
    assert partners.breakdowns == {
        "partner": {"trace": 2},
        "kind": {"consultation": 1, "referral_out": 1},
    }
