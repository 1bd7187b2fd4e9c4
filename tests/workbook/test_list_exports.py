"""Exports of the filtered lists: the page's filters, the workbook's columns, no personal
data for a viewer, nothing for an outsider."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sillon.outcomes.choices import ContractType
from sillon.register.choices import ActivityKind, ProjectStatus
from sillon.workbook.sheets import BY_NAME
from tests.outcomes.factories import job
from tests.register.factories import activity, enterprise, holder, project

pytestmark = pytest.mark.django_db


def export(persona, org, name, query=""):
    response = persona.client.get(reverse("workbook_list_export", args=[org.slug, name]) + query)
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content))[BY_NAME[name].name]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_projects_export_applies_the_page_filters(org_a, org_b, manager):
    project(org_a, "P-1", status=ProjectStatus.ACTIVE)
    project(org_a, "P-2", status=ProjectStatus.STOPPED, stop_reason="moved away")
    project(org_b, "P-9", status=ProjectStatus.STOPPED)
    header, rows = export(manager, org_a, "projects", "?status=stopped")
    assert header == [c.name for c in BY_NAME["projects"].columns]
    assert [row["project_ref"] for row in rows] == ["P-2"]
    assert rows[0]["stop_reason"] == "moved away"
    _header, rows = export(manager, org_a, "projects")
    assert [row["project_ref"] for row in rows] == ["P-1", "P-2"]


@pytest.mark.parametrize("name", ["projects", "activities", "jobs", "enterprises"])
def test_viewer_exports_no_list(org_a, viewer, manager, name):
    found = project(org_a, "P-1", status=ProjectStatus.STOPPED, stop_reason="Secret reason")
    holder(found, first_name="Ana", last_name="Peeters")
    url = reverse("workbook_list_export", args=[org_a.slug, name])
    response = viewer.client.get(url)
    assert response.status_code == 403
    assert b"Secret reason" not in response.content and b"Peeters" not in response.content
    # Searching a holder's name finds the project for a manager.
    assert len(export(manager, org_a, "projects", "?q=Peeters")[1]) == 1


def test_activities_export_applies_the_page_filters(org_a, manager):
    first, second = project(org_a, "P-1"), project(org_a, "P-2")
    activity(org_a, [first, second], ref="A-1", kind=ActivityKind.COACHING)
    activity(org_a, [second], ref="A-2", kind=ActivityKind.EXPERT, expert_name="Firm", cost_eur=10)
    _header, rows = export(manager, org_a, "activities", "?kind=coaching")
    assert [(row["activity_ref"], row["project_refs"]) for row in rows] == [("A-1", "P-1;P-2")]
    _header, rows = export(manager, org_a, "activities", "?project=P-1")
    assert [row["activity_ref"] for row in rows] == ["A-1"]
    _header, rows = export(manager, org_a, "activities", "?kind=expert")
    assert [row["activity_ref"] for row in rows] == ["A-2"] and rows[0]["expert_name"] == "Firm"


def test_jobs_export_applies_the_page_filters(org_a, manager):
    company = enterprise(project(org_a, "P-1"))
    job(company, "J1", contract_type=ContractType.PERMANENT)
    job(company, "J2", contract_type=ContractType.FIXED_TERM, weekly_hours=Decimal("19"))
    header, rows = export(manager, org_a, "jobs", f"?contract_type={ContractType.FIXED_TERM}")
    assert header == [c.name for c in BY_NAME["jobs"].columns]
    assert [(row["project_ref"], row["job_ref"]) for row in rows] == [("P-1", "J2")]


def test_enterprises_export_applies_the_page_filters(org_a, manager):
    enterprise(project(org_a, "P-1"), name="Active SC")
    enterprise(project(org_a, "P-2"), name="Closed SC", cessation_date="2024-06-30")
    _header, rows = export(manager, org_a, "enterprises", "?state=ceased")
    assert [row["name"] for row in rows] == ["Closed SC"]
    assert len(export(manager, org_a, "enterprises")[1]) == 2


def test_list_pages_link_to_their_export_with_the_query_string(org_a, manager):
    for page, name in (
        ("projects", "projects"),
        ("activities", "activities"),
        ("jobs", "jobs"),
        ("enterprises", "enterprises"),
    ):
        response = manager.client.get(reverse(page, args=[org_a.slug]) + "?sort=x&page=1")
        link = reverse("workbook_list_export", args=[org_a.slug, name]) + "?sort=x&amp;page=1"
        assert link.encode() in response.content, page


def test_outsider_gets_404_and_an_unknown_list_404(org_a, outsider, manager):
    for name in ("projects", "activities", "jobs", "enterprises"):
        url = reverse("workbook_list_export", args=[org_a.slug, name])
        assert outsider.client.get(url).status_code == 404
    url = reverse("workbook_list_export", args=[org_a.slug, "holders"])
    assert manager.client.get(url).status_code == 404
