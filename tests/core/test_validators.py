"""One set of rules on dates and numbers (core/validators.py): each is tried through a
form a person uses and through the workbook import, which must refuse the same."""

import datetime

import pytest
from django.utils import timezone, translation

from sillon.core.validators import latest_date
from sillon.outcomes.forms import JobForm
from sillon.register.models import Activity, Person, Project
from sillon.workbook.actions import import_workbook
from tests.outcomes import factories as out
from tests.register import factories as make
from tests.workbook.helpers import PROJECTS, xlsx

TODAY = timezone.localdate()
LAST = latest_date(TODAY)
DAY_AFTER_LAST = LAST + datetime.timedelta(days=1)
THIS_YEAR = TODAY.year


def import_problems(organisation, sheets) -> list[tuple[str, str]]:
    with translation.override("en"):
        result = import_workbook(organisation, xlsx(sheets), "book.xlsx", dry_run=True)
    return [(p.sheet, p.column) for p in result.problems]


def form_errors(response) -> dict:
    assert response.status_code == 200, response.get("Location")
    return response.context["form"].errors


# Dates: from 1900 to ten years from today.

DATES = [
    ("1899-12-31", False),
    ("1900-01-01", True),
    (LAST.isoformat(), True),
    (DAY_AFTER_LAST.isoformat(), False),
    ("2999-01-01", False),
]


@pytest.mark.parametrize(("typed", "accepted"), DATES)
def test_the_project_form_and_the_import_agree_on_an_intake_date(org_a, coach, typed, accepted):
    response = coach.client.post(
        make.url("project_create", org_a), make.project_data(intake_date=typed)
    )
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "intake_date" in form_errors(response)
    row = ["P-9", "Épicerie", "creation", "market", typed]
    problems = import_problems(org_a, {"projects": [PROJECTS[0], row]})
    assert (("projects", "intake_date") not in problems) is accepted


@pytest.mark.parametrize(("typed", "accepted"), DATES)
def test_the_job_form_and_the_import_agree_on_a_job_end_date(org_a, typed, accepted):
    enterprise = make.enterprise(make.project(org_a, "P-1"))
    form = JobForm(
        out.job_data(start_date="1900-01-01", end_date=typed),
        organisation=org_a,
        parent=enterprise,
    )
    assert form.is_valid() is accepted
    if not accepted:
        assert "end_date" in form.errors
    sheets = {
        "projects": PROJECTS,
        "enterprises": [["project_ref", "creation_date"], ["P-1", "1900-01-01"]],
        "jobs": [
            [
                "project_ref",
                "job_ref",
                "start_date",
                "end_date",
                "worker_status",
                "contract_type",
                "weekly_hours",
            ],
            ["P-1", "J1", "1900-01-01", typed, "employee", "permanent", "38"],
        ],
    }
    assert (("jobs", "end_date") not in import_problems(org_a, sheets)) is accepted


# Hours of one session: more than 0, at most 24.

HOURS = [("0", False), ("0.25", True), ("24", True), ("24.5", False), ("-1", False)]


@pytest.mark.parametrize(("typed", "accepted"), HOURS)
def test_the_activity_form_and_the_import_agree_on_hours(org_a, coach, typed, accepted):
    make.project(org_a, "P-1")
    response = coach.client.post(
        make.url("activity_create", org_a), make.activity_data(hours=typed)
    )
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "hours" in form_errors(response)
        assert not Activity.objects.exists()
    sheets = {
        "projects": PROJECTS,
        "activities": [
            ["activity_ref", "date", "kind", "hours", "project_refs"],
            ["A-1", "2024-02-01", "coaching", typed, "P-1"],
        ],
    }
    assert (("activities", "hours") not in import_problems(org_a, sheets)) is accepted


# Year of birth: from 1900 to this year.

YEARS = [(1899, False), (1900, True), (THIS_YEAR, True), (THIS_YEAR + 1, False)]


@pytest.mark.parametrize(("year", "accepted"), YEARS)
def test_the_holder_form_and_the_import_agree_on_a_year_of_birth(org_a, coach, year, accepted):
    project = make.project(org_a, "P-1")
    response = coach.client.post(
        make.url("holder_create", org_a, project.pk), make.person_data(birth_year=str(year))
    )
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "birth_year" in form_errors(response)
        assert not Person.objects.exists()
    sheets = {
        "projects": PROJECTS,
        "holders": [
            ["person_ref", "project_ref", "first_name", "last_name", "birth_year"],
            ["H-1", "P-1", "Zoé", "Vanderelst", year],
        ],
    }
    assert (("holders", "birth_year") not in import_problems(org_a, sheets)) is accepted


def test_the_messages_are_translated_and_name_the_limits(org_a, coach):
    response = coach.client.post(
        make.url("project_create", org_a), make.project_data(intake_date="1899-12-31")
    )
    (message,) = form_errors(response)["intake_date"]
    assert "01/01/1900" in message and LAST.strftime("%d/%m/%Y") in message
    assert not Project.objects.exists()
