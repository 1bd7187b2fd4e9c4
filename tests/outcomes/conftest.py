"""One record of every outcome kind in each organisation, on top of the small register
of tests/register, so that every outcome page has a real record to open."""

from dataclasses import dataclass

import pytest

from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)
from sillon.register.models import Project
from tests.outcomes import factories as out
from tests.register import factories as make
from tests.register.conftest import Register, build_register


@dataclass
class Outcomes:
    register: Register
    project: Project  # the register's project, with its enterprise
    bare_project: Project  # a project without an enterprise
    job: Job
    accreditation: AccreditationEvent
    non_accreditation: NonAccreditationReason
    transfer: Transfer
    impact: ImpactAssessment
    partner: Partner
    interaction: PartnerInteraction
    internal_action: InternalAction
    cost_line: CostLine
    target: Target


def build_outcomes(organisation) -> Outcomes:
    register = build_register(organisation)
    enterprise = register.enterprise
    bare = make.project(organisation, "P-2", name="Atelier vélo")
    partner = Partner.objects.create(
        organisation=organisation, code="bee", name="BEE", kind="funder"
    )
    return Outcomes(
        register=register,
        project=register.project,
        bare_project=bare,
        job=out.job(enterprise, "J1"),
        accreditation=out.accreditation(enterprise),
        non_accreditation=out.non_accreditation(enterprise),
        transfer=out.transfer(register.project),
        impact=out.impact(register.project),
        partner=partner,
        interaction=out.interaction(organisation, partner),
        internal_action=out.internal_action(organisation),
        cost_line=out.cost_line(organisation, programme=register.programme),
        target=out.target(organisation),
    )


@pytest.fixture
def outcomes_a(org_a) -> Outcomes:
    return build_outcomes(org_a)


@pytest.fixture
def outcomes_b(org_b) -> Outcomes:
    return build_outcomes(org_b)
