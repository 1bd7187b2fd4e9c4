"""A hand-made organisation whose 2025 figures are computed by hand in the tests."""

import datetime
from decimal import Decimal

import pytest

from sillon.outcomes.choices import ContractType, WorkerStatus
from sillon.outcomes.models import Target
from sillon.register.choices import ActivityKind
from tests.outcomes import factories as outcome
from tests.register import factories as make


@pytest.fixture
def hand_made(org_a):
    """2025: two projects accompanied (P-1 enrolled since 2024, P-2 new in 2025), one
    enterprise created on 10 February 2025 with two jobs, two sessions, one target."""
    seeds = make.programme(org_a, "seeds", name_en="Seeds", name_fr="Seeds", name_nl="Seeds")
    first = make.project(org_a, "P-1", name="Boulangerie du Midi", nace_code="")
    second = make.project(org_a, "P-2", name="Recyclerie", nace_version="2008", nace_code="88999")
    make.enrolment(first, seeds, start_date=datetime.date(2024, 3, 4))
    make.enrolment(second, seeds, start_date=datetime.date(2025, 1, 15))
    make.holder(first, "Zoé", "Vanderelst", gender="f")
    make.holder(second, "Marc", "Dubois-Lambert", gender="m")
    bakery = make.enterprise(
        first,
        legal_form="706",
        enterprise_number="",
        created_during_accompaniment=True,
        creation_date=datetime.date(2025, 2, 10),
    )
    outcome.job(bakery, "J1", start_date=datetime.date(2025, 3, 1))
    outcome.job(
        bakery,
        "J2",
        start_date=datetime.date(2025, 5, 1),
        worker_status=WorkerStatus.BLUE_COLLAR,
        contract_type=ContractType.FIXED_TERM,
        weekly_hours=Decimal("19"),
        joint_committee="",
    )
    make.activity(
        org_a,
        [first, second],
        date=datetime.date(2025, 4, 1),
        programme=seeds,
        hours=Decimal("2"),
    )
    make.activity(
        org_a,
        [first],
        date=datetime.date(2025, 5, 1),
        kind=ActivityKind.EXPERT,
        expert_type="legal",
        expert_name="Maître Hubert Claessens",
        cost_eur=Decimal("500"),
        hours=Decimal("3"),
    )
    Target.objects.create(
        organisation=org_a, indicator="projects.accompanied", period="2025", value=4
    )
    return org_a
