"""Records through the API: the workbook's names and keys, the interface's rules and
filters, history with the token's member, pagination and a constant query count."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sillon.accounts.roles import Role
from sillon.register.models import Activity, Enterprise, Project
from sillon.workbook.export import export_organisation
from tests.api.conftest import base
from tests.register import factories as make

PROJECT = {
    "project_ref": "P-API-1",
    "name": "Coopérative de livraison",
    "project_type": "creation",
    "sector_type": "mixed",
    "intake_date": "2024-02-01",
    "themes": ["Mobilité", "food"],
    "nace_code": "",
}


def test_create_through_the_api_read_in_the_interface_export_in_the_workbook(
    api, coach, records_a, org_a
):
    client = api[Role.COACH]
    created = client.post(base(org_a) + "projects/", PROJECT, format="json")
    assert created.status_code == 201, created.json()
    activity = client.post(
        base(org_a) + "activities/",
        {"date": "2024-03-01", "kind": "coaching", "hours": "1.5", "project_refs": ["P-API-1"]},
        format="json",
    )
    assert activity.status_code == 201, activity.json()
    project = Project.objects.get(organisation=org_a, ref="P-API-1")
    assert project.themes == ["mobilité", "food"]  # the form's tags: lowercase
    page = coach.client.get(reverse("project", args=[org_a.slug, project.pk]))
    assert page.status_code == 200
    assert "Coopérative de livraison".encode() in page.content
    buffer = io.BytesIO()
    export_organisation(org_a, buffer, personal=True)
    book = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    rows = [list(row) for row in book["projects"].iter_rows(values_only=True)]
    header = rows[0]
    exported = [dict(zip(header, row, strict=False)) for row in rows[1:]]
    ours = [row for row in exported if row["project_ref"] == "P-API-1"]
    assert len(ours) == 1 and ours[0]["name"] == "Coopérative de livraison"
    sessions = [list(r) for r in book["activities"].iter_rows(values_only=True)]
    assert any("P-API-1" in str(row) for row in sessions[1:])


def test_every_write_is_in_history_with_the_tokens_member(api, coach, records_a, org_a):
    client = api[Role.COACH]
    client.post(base(org_a) + "projects/", PROJECT, format="json")
    response = client.patch(
        base(org_a) + "projects/P-API-1/", {"name": "Livraison à vélo"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Livraison à vélo"
    project = Project.objects.get(organisation=org_a, ref="P-API-1")
    versions = list(project.history.order_by("history_date"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert {v.history_user_id for v in versions} == {coach.user.pk}


def test_records_are_addressed_by_workbook_keys_and_ids(api, records_a, org_a):
    client = api[Role.ADMIN]
    register = records_a["register"]
    by_key = client.get(base(org_a) + "projects/P-1/").json()
    by_id = client.get(base(org_a) + f"projects/{register.project.pk}/").json()
    assert by_key == by_id and by_key["project_ref"] == "P-1"
    job = client.get(base(org_a) + "jobs/P-1~J1/")
    assert job.status_code == 200 and job.json()["job_ref"] == "J1"
    enrolment = client.get(base(org_a) + "enrolments/P-1~seeds~2024-03-04/")
    assert enrolment.status_code == 200 and enrolment.json()["programme"] == "seeds"
    assert client.get(base(org_a) + "enterprises/P-1/").json()["project_ref"] == "P-1"
    assert client.get(base(org_a) + "targets/jobs.created~2025/").status_code == 200
    assert client.get(base(org_a) + "enrolments/P-1~seeds~not-a-date/").status_code == 404
    assert client.get(base(org_a) + "projects/P-404/").status_code == 404
    ref = register.activity.ref
    assert client.get(base(org_a) + f"activities/{ref}/").json()["id"] == register.activity.pk


def test_codes_name_related_records(api, records_a, org_a):
    client = api[Role.ADMIN]
    response = client.post(
        base(org_a) + "enrolments/",
        {
            "project_ref": "P-1",
            "programme": "seeds",
            "cohort": "2024-A",
            "start_date": "2024-05-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["cohort"] == "2024-A"
    response = client.post(
        base(org_a) + "enrolments/",
        {"project_ref": "P-1", "programme": "nope", "start_date": "2024-05-01"},
        format="json",
    )
    assert response.status_code == 400 and "programme" in response.json()


def test_lists_use_the_interfaces_filters(api, records_a, org_a):
    make.project(org_a, "P-2", name="Atelier vélo", status="stopped", status_date="2024-05-01")
    client = api[Role.ADMIN]
    stopped = client.get(base(org_a) + "projects/?status=stopped").json()
    assert [row["project_ref"] for row in stopped["results"]] == ["P-2"]
    found = client.get(base(org_a) + "projects/?q=vélo").json()
    assert [row["project_ref"] for row in found["results"]] == ["P-2"]
    bad = client.get(base(org_a) + "projects/?status=unheard-of")
    assert bad.status_code == 400 and "status" in bad.json()
    jobs = client.get(base(org_a) + "jobs/?active_on=2024-03-10").json()
    assert [row["job_ref"] for row in jobs["results"]] == ["J1"]


def test_pagination_at_most_500_ordered_by_key(api, org_a):
    for number in range(12):
        make.project(org_a, f"P-{number:03d}")
    client = api[Role.ADMIN]
    page = client.get(base(org_a) + "projects/?page_size=5&page=2").json()
    assert page["count"] == 12
    assert [row["project_ref"] for row in page["results"]] == [f"P-{n:03d}" for n in range(5, 10)]
    big = client.get(base(org_a) + "projects/?page_size=100000").json()
    assert len(big["results"]) == 12


def test_listing_500_projects_with_their_enterprise_in_constant_queries(api, org_a):
    client = api[Role.ADMIN]
    client.get(base(org_a) + "projects/")  # the token's first use is written once

    def queries_for(count: int) -> int:
        existing = Project.objects.filter(organisation=org_a).count()
        projects = Project.objects.bulk_create(
            [
                Project(
                    organisation=org_a,
                    ref=f"Q-{existing + n:04d}",
                    name="x",
                    project_type="creation",
                    sector_type="market",
                    intake_date="2024-01-01",
                )
                for n in range(count)
            ]
        )
        Enterprise.objects.bulk_create(
            [Enterprise(organisation=org_a, project=p, name=f"E {p.ref}") for p in projects]
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(base(org_a) + "projects/?page_size=500")
        assert response.status_code == 200
        assert all(row["enterprise"] for row in response.json()["results"])
        return len(queries)

    few = queries_for(5)
    many = queries_for(495)
    assert many == few
    assert many <= 8


def test_activity_lists_its_projects_in_constant_queries(api, records_a, org_a):
    client = api[Role.ADMIN]
    client.get(base(org_a) + "projects/")  # the token's first use is written once
    with CaptureQueriesContext(connection) as first:
        client.get(base(org_a) + "activities/")
    for n in range(20):
        make.activity(org_a, [records_a["register"].project], note=str(n))
    with CaptureQueriesContext(connection) as second:
        response = client.get(base(org_a) + "activities/")
    assert response.json()["count"] == Activity.objects.filter(organisation=org_a).count()
    assert len(second) == len(first)


def test_delete_follows_the_interfaces_action(api, records_a, org_a):
    """Deleting a project takes its sessions of it alone (register/actions.py)."""
    client = api[Role.MANAGER]
    assert client.delete(base(org_a) + "projects/P-1/").status_code == 204
    assert not Project.objects.filter(organisation=org_a).exists()
    assert not Activity.objects.filter(organisation=org_a).exists()


def test_an_activity_names_its_mission_and_partners_by_code(api, records_a, org_a):
    """The mission app's fields of the activity form, read and written by code."""
    from sillon.mission.models import ActivityMission, Mission

    Mission.objects.create(
        organisation=org_a, code="outreach", title_fr="o", title_nl="o", title_en="o"
    )
    client = api[Role.COACH]
    outreach = {
        "date": "2024-03-01",
        "kind": "representation",
        "hours": "3",
        "channel": "meeting",
        "audience": "40",
        "mission": "outreach",
        "partners": ["trace"],
    }
    created = client.post(base(org_a) + "activities/", outreach, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["mission"] == "outreach" and created.json()["partners"] == ["trace"]
    link = ActivityMission.objects.get(activity_id=created.json()["id"])
    assert link.mission.code == "outreach" and [p.code for p in link.partners.all()] == ["trace"]
    # A PATCH of another field keeps them; unknown codes are refused per field.
    ref = created.json()["activity_ref"]
    kept = client.patch(base(org_a) + f"activities/{ref}/", {"hours": "2"}, format="json")
    assert kept.status_code == 200 and kept.json()["partners"] == ["trace"]
    bad = client.patch(
        base(org_a) + f"activities/{ref}/", {"mission": "nope", "partners": ["nope"]}, format="json"
    )
    assert bad.status_code == 400 and {"mission", "partners"} <= set(bad.json())
    # Partners belong to outreach only: the form's rule.
    coaching = {"date": "2024-03-01", "kind": "coaching", "hours": "1", "project_refs": ["P-1"]}
    refused = client.post(
        base(org_a) + "activities/", coaching | {"partners": ["trace"]}, format="json"
    )
    assert refused.status_code == 400 and "partners" in refused.json()
    plain = client.get(base(org_a) + f"activities/{records_a['register'].activity.ref}/").json()
    assert plain["mission"] == "" and plain["partners"] == []
