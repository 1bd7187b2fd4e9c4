"""The Data section: access by role, upload → preview → confirm, history, downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sillon.register.models import Person, Project
from sillon.workbook.models import ImportRun, ImportStatus
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db


def url(name, org):
    return reverse(name, args=[org.slug])


def upload(content, name="book.xlsx"):
    return {"file": SimpleUploadedFile(name, content)}


def test_data_page_lists_imports_and_downloads(org_a, coach, viewer):
    response = coach.client.get(url("data", org_a))
    assert response.status_code == 200
    assert url("workbook_template", org_a).encode() in response.content
    assert viewer.client.get(url("data", org_a)).status_code == 403


def test_outsider_gets_404_everywhere(org_a, outsider):
    for name in ("data", "workbook_template", "workbook_export"):
        assert outsider.client.get(url(name, org_a)).status_code == 404
    assert outsider.client.post(url("workbook_import", org_a)).status_code == 404


def test_coach_and_viewer_may_not_import(org_a, coach, viewer):
    for persona in (coach, viewer):
        response = persona.client.post(
            url("workbook_import", org_a), upload(xlsx({"projects": PROJECTS}))
        )
        assert response.status_code == 403


def test_import_preview_needs_post(org_a, manager):
    assert manager.client.get(url("workbook_import", org_a)).status_code == 405


def test_preview_then_confirm_imports_and_records_the_run(org_a, manager):
    response = manager.client.post(
        url("workbook_import", org_a), upload(xlsx({"projects": PROJECTS}))
    )
    assert response.status_code == 200
    assert not Project.objects.exists()  # the preview writes nothing
    token = response.context["token"]
    response = manager.client.post(url("workbook_import_confirm", org_a), {"token": token})
    assert response.status_code == 302
    assert Project.objects.get(organisation=org_a).ref == "P-1"
    run = ImportRun.objects.filter(status=ImportStatus.APPLIED).get()
    assert (run.user, run.created, len(run.sha256)) == (manager.user, 1, 64)
    # The token is used up: a second confirmation imports nothing more.
    manager.client.post(url("workbook_import_confirm", org_a), {"token": token})
    assert ImportRun.objects.filter(status=ImportStatus.APPLIED).count() == 1


def test_preview_shows_every_error_in_a_table(org_a, manager):
    bad = [PROJECTS[0], ["P-1", "A", "nope", "market", "2024-02-30"]]
    response = manager.client.post(url("workbook_import", org_a), upload(xlsx({"projects": bad})))
    assert response.status_code == 200
    assert "token" not in response.context
    assert len(response.context["result"].problems) == 2
    errors = response.content.split(b'id="import-errors"')[1].split(b"</table>")[0]
    assert errors.count(b"<td>projects</td>") == 2


def test_another_member_cannot_confirm_my_upload(org_a, manager, admin):
    response = manager.client.post(
        url("workbook_import", org_a), upload(xlsx({"projects": PROJECTS}))
    )
    admin.client.post(url("workbook_import_confirm", org_a), {"token": response.context["token"]})
    assert not Project.objects.exists()


def test_a_broken_upload_gets_an_error_page_not_a_500(org_a, manager):
    response = manager.client.post(url("workbook_import", org_a), upload(b"nonsense", "x.xlsx"))
    assert response.status_code == 200
    assert response.context["result"].problems


def test_viewer_export_holds_no_personal_data(org_a, viewer, coach):
    project = Project.objects.create(
        organisation=org_a,
        ref="P-1",
        name="A",
        project_type="creation",
        sector_type="market",
        intake_date="2024-01-01",
    )
    person = Person.objects.create(organisation=org_a, first_name="Ana", last_name="Secret")
    project.holders.add(person)
    response = viewer.client.get(url("workbook_export", org_a))
    assert response.status_code == 403 and b"Secret" not in response.content
    response = coach.client.get(url("workbook_export", org_a))
    book = load_workbook(io.BytesIO(response.content))
    assert "last_name" in [c.value for c in book["holders"][1]]


def test_template_downloads_with_every_sheet(org_a, viewer):
    response = viewer.client.get(url("workbook_template", org_a))
    book = load_workbook(io.BytesIO(response.content))
    assert "activities" in book.sheetnames and "notes" in book.sheetnames


def test_template_notes_explain_each_column_in_french_dutch_and_english(org_a, viewer):
    response = viewer.client.get(url("workbook_template", org_a))
    notes = load_workbook(io.BytesIO(response.content))["notes"]
    rows = {(row[0], row[1]): row[3:6] for row in notes.iter_rows(min_row=2, values_only=True)}
    assert rows["projects", "intake_date"] == (
        "Date d’accueil.",
        "Datum van onthaal.",
        "Date of intake.",
    )
    explained = [texts for (sheet, _column), texts in rows.items() if sheet]
    assert len(explained) > 100 and all(all(texts) for texts in explained)
    assert all(dutch != english for _french, dutch, english in explained)
