"""Plain functions that build register records for tests, and the form data the
screens of the register expect. Records are written straight to the database (no
form, no validation): tests that check validation go through the forms and views.

    from tests.register import factories as make
    project = make.project(org_a, "P-1", name="Boulangerie")
"""

import datetime
from decimal import Decimal

from django.urls import reverse

from sillon.register.choices import (
    ActivityKind,
    EnrolmentOutcome,
    ProgrammeKind,
    ProjectStatus,
    ProjectType,
    SectorType,
)
from sillon.register.models import (
    Activity,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)

DAY = datetime.date(2024, 3, 4)


def url(name: str, organisation, *args) -> str:
    """The URL of a register page of `organisation`."""
    return reverse(name, args=[organisation.slug, *args])


# Records


def programme(organisation, code: str = "seeds", **fields) -> Programme:
    values = {
        "name_fr": f"Programme {code}",
        "name_nl": f"Programma {code}",
        "name_en": f"Programme {code}",
        "kind": ProgrammeKind.LAUNCH,
    }
    return Programme.objects.create(organisation=organisation, code=code, **(values | fields))


def cohort(programme_: Programme, name: str = "2024-A", **fields) -> Cohort:
    values = {
        "start_date": datetime.date(2024, 1, 15),
        "end_date": datetime.date(2024, 6, 30),
    }
    return Cohort.objects.create(
        organisation=programme_.organisation, programme=programme_, name=name, **(values | fields)
    )


def project(organisation, ref: str = "P-1", **fields) -> Project:
    values = {
        "name": f"Projet {ref}",
        "project_type": ProjectType.CREATION,
        "sector_type": SectorType.MARKET,
        "intake_date": DAY,
        "status": ProjectStatus.ACTIVE,
    }
    return Project.objects.create(organisation=organisation, ref=ref, **(values | fields))


def holder(project_: Project, first_name: str = "Zoé", last_name: str = "Vanderelst", **fields):
    """A person holding `project_` (created, then linked)."""
    person = Person.objects.create(
        organisation=project_.organisation, first_name=first_name, last_name=last_name, **fields
    )
    project_.holders.add(person)
    return person


def enrolment(project_: Project, programme_: Programme, **fields) -> Enrolment:
    values = {"start_date": DAY, "outcome": EnrolmentOutcome.ONGOING}
    return Enrolment.objects.create(
        organisation=project_.organisation,
        project=project_,
        programme=programme_,
        **(values | fields),
    )


def enterprise(project_: Project, **fields) -> Enterprise:
    values = {"name": f"{project_.name} SC", "legal_form": "706"}
    return Enterprise.objects.create(
        organisation=project_.organisation, project=project_, **(values | fields)
    )


def activity(organisation, projects=(), **fields) -> Activity:
    values = {"date": DAY, "kind": ActivityKind.COACHING, "hours": Decimal("2.00")}
    record = Activity.objects.create(organisation=organisation, **(values | fields))
    if projects:
        record.projects.set(projects)
    return record


# Form data, as a browser posts it


def project_data(**overrides) -> dict:
    data = {
        "ref": "P-2024-017",
        "name": "Boulangerie solidaire",
        "project_type": ProjectType.CREATION,
        "sector_type": SectorType.MARKET,
        "nace_version": "2008",
        "nace_code": "",
        "themes": "food",
        "intake_date": "2024-03-04",
        "status": ProjectStatus.ACTIVE,
        "status_date": "",
        "stop_reason": "",
    }
    return data | overrides


def enterprise_data(**overrides) -> dict:
    data = {
        "name": "Boulangerie solidaire SC",
        "enterprise_number": "",
        "legal_form": "",
        "created_during_accompaniment": "on",
        "creation_date": "",
        "cessation_date": "",
        "cessation_reason": "",
        "joint_committees": "",
        "postcode": "1000",
    }
    return data | overrides


def activity_data(**overrides) -> dict:
    data = {
        "date": "2024-03-04",
        "kind": ActivityKind.COACHING,
        "project_refs": "P-1",
        "hours": "2",
        "programme": "",
        "expert_type": "",
        "expert_name": "",
        "cost_eur": "",
        "attendees": "",
        "note": "",
    }
    return data | overrides


def enrolment_data(programme_: Programme, **overrides) -> dict:
    data = {
        "programme": programme_.pk,
        "cohort": "",
        "start_date": "2024-03-04",
        "end_date": "",
        "outcome": EnrolmentOutcome.ONGOING,
    }
    return data | overrides


def cohort_data(programme_: Programme, **overrides) -> dict:
    data = {
        "programme": programme_.pk,
        "name": "2024-B",
        "start_date": "2024-09-01",
        "end_date": "2025-01-31",
    }
    return data | overrides


def programme_data(**overrides) -> dict:
    data = {
        "code": "blossom",
        "name_fr": "Blossom",
        "name_nl": "Blossom",
        "name_en": "Blossom",
        "kind": ProgrammeKind.GROWTH,
    }
    return data | overrides


def person_data(**overrides) -> dict:
    data = {
        "first_name": "Zoé",
        "last_name": "Vanderelst",
        "email": "zoe.vanderelst@example.org",
        "gender": "f",
        "birth_year": "1990",
        "situation_at_intake": "jobseeker",
    }
    return data | overrides
