"""A small register in each organisation: one record of every kind, so that every
page of the register has a real record to open."""

from dataclasses import dataclass

import pytest

from sillon.register.choices import ActivityKind
from sillon.register.models import (
    Activity,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)
from tests.register import factories as make


@dataclass
class Register:
    programme: Programme
    cohort: Cohort
    project: Project
    person: Person
    enrolment: Enrolment
    enterprise: Enterprise
    activity: Activity


def build_register(organisation, ref: str = "P-1") -> Register:
    programme = make.programme(organisation, "seeds")
    cohort = make.cohort(programme)
    project = make.project(organisation, ref, name="Boulangerie solidaire")
    person = make.holder(project, email="zoe.vanderelst@example.org")
    enrolment = make.enrolment(project, programme, cohort=cohort)
    enterprise = make.enterprise(project)
    activity = make.activity(organisation, [project], kind=ActivityKind.COACHING)
    return Register(programme, cohort, project, person, enrolment, enterprise, activity)


@pytest.fixture
def register_a(org_a) -> Register:
    return build_register(org_a)


@pytest.fixture
def register_b(org_b) -> Register:
    return build_register(org_b)
