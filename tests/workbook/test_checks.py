"""One test per check of docs/spec/workbook.md, plus the hostile files of the issue."""

import datetime
import io
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sillon.register.choices import ProjectType
from sillon.register.models import Activity, Project
from sillon.workbook.actions import import_workbook
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The messages are checked in English, the source language, unless a test says."""
    with translation.override("en"):
        yield


def french(label) -> str:
    with translation.override("fr"):
        return str(label)


def problems(org, sheets, name="book.xlsx"):
    result = import_workbook(org, xlsx(sheets), name)
    return [(p.sheet, p.row, p.column, p.message) for p in result.problems]


def activities(*rows, header=("activity_ref", "date", "kind", "hours", "project_refs")):
    return {"projects": PROJECTS, "activities": [list(header), *[list(r) for r in rows]]}


def test_a_good_workbook_imports_and_a_second_import_changes_nothing(org_a):
    sheets = activities(["A-1", "2024-02-01", "Coaching (individuel)", "1,5", "P-1"])
    first = import_workbook(org_a, xlsx(sheets), "book.xlsx")
    assert first.problems == []
    activity = Activity.objects.get(organisation=org_a, ref="A-1")
    assert activity.kind == "coaching"  # a French label stored as its code
    assert str(activity.hours) == "1.50"  # decimal comma
    assert [p.ref for p in activity.projects.all()] == ["P-1"]
    assert activity.history.first().history_change_reason.startswith("import book.xlsx")
    again = import_workbook(org_a, xlsx(sheets), "book.xlsx")
    assert again.counts["activities"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_every_error_is_reported_and_nothing_is_written(org_a):
    found = problems(
        org_a,
        activities(
            ["A-1", "31/02/2024", "coaching", "2", "P-1"],
            ["A-2", "2024-02-31", "coaching", "2", "P-1"],
            ["A-3", "2024-02-01", "coaching", "two", "P-1"],
            ["A-4", "2024-02-01", "coaching", "2", "P-404"],
        ),
    )
    assert [(sheet, row, column) for sheet, row, column, _m in found] == [
        ("activities", 2, "date"),
        ("activities", 3, "date"),
        ("activities", 4, "hours"),
        ("activities", 5, "project_refs"),
    ]
    assert not Project.objects.filter(organisation=org_a).exists()


def test_required_column_missing_or_empty(org_a):
    found = problems(org_a, {"projects": [["project_ref", "name"], ["P-1", ""]]})
    assert ("projects", 1, "project_type", "This column is required.") in found
    assert ("projects", 2, "name", "This column must not be empty.") in found


def test_messages_are_in_the_language_of_the_member(org_a):
    sheets = {"projects": [["project_ref", "name"], ["P-1", ""]]}
    for language, message in (
        ("fr", "Cette colonne ne peut pas être vide."),
        ("nl", "Deze kolom mag niet leeg zijn."),
    ):
        with translation.override(language):
            assert ("projects", 2, "name", message) in problems(org_a, sheets)


def test_unknown_code_nace_joint_committee_legal_form_and_enterprise_number(org_a):
    found = problems(
        org_a,
        {
            "projects": [PROJECTS[0] + ["nace_code"], PROJECTS[1] + ["99999"]],
            "enterprises": [
                ["project_ref", "name", "legal_form", "enterprise_number", "joint_committees"],
                ["P-1", "Coop", "999", "0123456789", "200;999"],
            ],
            "jobs": [
                [
                    "project_ref",
                    "job_ref",
                    "start_date",
                    "worker_status",
                    "contract_type",
                    "weekly_hours",
                ],
                ["P-1", "J1", "2024-01-01", "astronaut", "permanent", "19"],
            ],
        },
    )
    columns = {(sheet, column) for sheet, _r, column, _m in found}
    assert {
        ("projects", "nace_code"),
        ("enterprises", "legal_form"),
        ("enterprises", "enterprise_number"),
        ("enterprises", "joint_committees"),
        ("jobs", "worker_status"),
    } <= columns


def test_dates_end_before_start(org_a):
    found = problems(
        org_a,
        {
            "projects": PROJECTS,
            "enterprises": [
                ["project_ref", "name", "creation_date", "cessation_date"],
                ["P-1", "Coop", "2024-05-01", "2024-04-01"],
            ],
            "costs": [
                ["period_start", "period_end", "category", "amount_eur", "funding_source"],
                ["2024-12-31", "2024-01-01", "staff", "10", "region"],
            ],
        },
    )
    assert ("enterprises", 2, "cessation_date") in [f[:3] for f in found]
    assert ("costs", 2, "period_end") in [f[:3] for f in found]


@pytest.mark.parametrize(
    "row, column",
    [
        (["A-1", "2024-02-01", "coaching", "0", "P-1"], "hours"),
        (["A-1", "2024-02-01", "coaching", "25", "P-1"], "hours"),
        (["A-1", "2024-02-01", "coaching", "2", ""], "project_refs"),
    ],
)
def test_activity_hours_and_projects(org_a, row, column):
    assert [f[2] for f in problems(org_a, activities(row))] == [column]


def test_expert_fields_only_on_expert_activities_and_cost_not_negative(org_a):
    header = ("activity_ref", "date", "kind", "hours", "project_refs", "expert_type", "cost_eur")
    found = problems(
        org_a,
        activities(
            ["A-1", "2024-02-01", "coaching", "2", "P-1", "legal", ""],
            ["A-2", "2024-02-01", "expert", "2", "P-1", "legal", "-5"],
            ["A-3", "2024-02-01", "event", "2", "", "", ""],
            header=header,
        ),
    )
    assert [f[1:3] for f in found] == [(2, "expert_type"), (3, "cost_eur")]


def test_weekly_hours_and_attendees(org_a):
    found = problems(
        org_a,
        {
            "projects": PROJECTS,
            "enterprises": [["project_ref", "name"], ["P-1", "Coop"]],
            "jobs": [
                [
                    "project_ref",
                    "job_ref",
                    "start_date",
                    "worker_status",
                    "contract_type",
                    "weekly_hours",
                    "full_time_hours",
                ],
                ["P-1", "J1", "2024-01-01", "employee", "permanent", "40", "38"],
                ["P-1", "J2", "2024-01-01", "employee", "permanent", "0", ""],
            ],
            "activities": [
                ["activity_ref", "date", "kind", "hours", "attendees"],
                ["A-1", "2024-01-01", "event", "2", "-3"],
            ],
        },
    )
    assert {f[:3] for f in found} == {
        ("jobs", 2, "weekly_hours"),
        ("jobs", 3, "weekly_hours"),
        ("activities", 2, "attendees"),
    }


def test_duplicate_keys_inside_a_sheet(org_a):
    found = problems(org_a, {"projects": [*PROJECTS, PROJECTS[1]]})
    assert found == [("projects", 3, "project_ref", "The same key is already on row 2.")]


def test_jobs_need_an_enterprise_and_transfers_a_known_partner(org_a):
    found = problems(
        org_a,
        {
            "projects": PROJECTS,
            "accreditation": [
                ["project_ref", "event", "date"],
                ["P-1", "esd_obtained", "2024-06-01"],
            ],
            "transfers": [["project_ref", "partner", "date"], ["P-1", "nobody", "2024-06-01"]],
        },
    )
    assert {f[:3] for f in found} == {
        ("accreditation", 2, "project_ref"),
        ("transfers", 2, "partner"),
    }


def test_unknown_sheet_and_column_but_notes_is_ignored(org_a):
    found = problems(
        org_a,
        {
            "projets": [["x"]],
            "projects": [PROJECTS[0] + ["colour"], PROJECTS[1] + ["red"]],
            "notes": [["anything"]],
        },
    )
    assert {(f[0], f[2]) for f in found} == {("projets", ""), ("projects", "colour")}


def test_sheet_and_column_names_ignore_case_and_real_date_cells_are_read(org_a):
    rows = [
        [c.upper() for c in PROJECTS[0]],
        ["P-1", "Coop", "creation", "market", datetime.datetime(2024, 1, 15)],
    ]
    assert problems(org_a, {"Projects": rows}) == []
    assert Project.objects.get(organisation=org_a).intake_date == datetime.date(2024, 1, 15)


def test_holders_of_several_projects_must_agree(org_a):
    found = problems(
        org_a,
        {
            "projects": [*PROJECTS, ["P-2", "Deux", "creation", "market", "2024-01-15"]],
            "holders": [
                ["person_ref", "project_ref", "first_name", "last_name", "gender"],
                ["H-1", "P-1", "Ana", "Lopez", "f"],
                ["H-1", "P-2", "Ana", "Lopez", "m"],
            ],
        },
    )
    assert [f[:3] for f in found] == [("holders", 3, "gender")]


def test_formulas_and_merged_cells_are_refused(org_a):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "projects"
    for row in PROJECTS:
        sheet.append(row)
    sheet["B2"] = "=UPPER(A2)"
    sheet.merge_cells("C3:D3")
    sheet["A3"] = "P-2"
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_workbook(org_a, buffer.getvalue(), "book.xlsx")
    messages = [p.message for p in result.problems]
    assert any("Formulas" in m for m in messages)
    assert any("Merged" in m for m in messages)
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("book.pdf", b"%PDF-1.4"),
        ("book.xlsx", b"PK\x03\x04 this is not a zip"),
        ("book.zip", b"garbage"),
    ],
)
def test_wrong_extension_and_corrupted_files_get_a_clear_error(org_a, name, content):
    result = import_workbook(org_a, content, name)
    assert len(result.problems) == 1 and result.problems[0].row is None


@override_settings(WORKBOOK_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused_before_reading(org_a):
    result = import_workbook(org_a, b"x" * 2048, "big.xlsx")
    assert "too large" in result.problems[0].message


def test_a_zip_bomb_is_refused(org_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("projects.csv", b"0" * 50_000_000)
    result = import_workbook(org_a, buffer.getvalue(), "book.zip")
    assert "unpacks" in result.problems[0].message


def test_a_zip_of_csv_files_with_bom_and_semicolons(org_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "export/projects.csv",
            "\ufeffproject_ref;name;project_type;sector_type;intake_date\n"
            f"P-1;Épicerie;{french(ProjectType.CREATION.label)};market;2024-01-15\n",
        )
        archive.writestr(
            "export/activities.csv",
            'activity_ref,date,kind,hours,project_refs\nA-1,2024-02-01,coaching,"1,5",P-1\n',
        )
    result = import_workbook(org_a, buffer.getvalue(), "book.zip")
    assert result.problems == []
    assert Activity.objects.get(organisation=org_a).hours == 1.5


def test_a_manager_may_not_import_costs(org_a):
    sheets = {
        "costs": [
            ["period_start", "period_end", "category", "amount_eur", "funding_source"],
            ["2024-01-01", "2024-12-31", "staff", "10", "region"],
        ]
    }
    result = import_workbook(org_a, xlsx(sheets), "b.xlsx", may_manage_organisation=False)
    assert [p.sheet for p in result.problems] == ["costs"]


def test_a_manager_may_import_the_template_with_its_admin_sheets_left_empty(org_a):
    sheets = {
        "costs": [["period_start", "period_end", "category", "amount_eur", "funding_source"]],
        "projects": PROJECTS,
    }
    result = import_workbook(org_a, xlsx(sheets), "b.xlsx", may_manage_organisation=False)
    assert result.problems == []
    assert Project.objects.filter(organisation=org_a).count() == 1


def test_a_number_longer_than_the_decimal_context_is_refused_not_a_crash(org_a):
    # Found by the generated test below: rounding it raised InvalidOperation.
    sheets = activities(["A-1", "2025-03-04", "coaching", "123456789012345678901234567.891", "P-1"])
    result = import_workbook(org_a, xlsx(sheets), "long.xlsx", dry_run=True)
    assert [(p.sheet, p.row) for p in result.problems] == [("activities", 2)]
    assert result.problems[0].message


def PRINTABLE(size):
    # Cells cannot hold control characters: openpyxl refuses to write them.
    return st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=size)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    hours=st.one_of(PRINTABLE(6), st.decimals(allow_nan=True, allow_infinity=True)),
    day=st.one_of(PRINTABLE(12), st.dates()),
    kind=st.one_of(PRINTABLE(12), st.sampled_from(["coaching", "expert", "event", "Évènement"])),
)
def test_any_generated_row_is_imported_or_refused_with_located_errors(org_a, hours, day, kind):
    sheets = activities(["A-1", day, kind, str(hours), "P-1"])
    result = import_workbook(org_a, xlsx(sheets), "gen.xlsx", dry_run=True)
    for problem in result.problems:
        assert problem.sheet == "activities" and problem.row == 2 and problem.message
    assert not Activity.objects.filter(organisation=org_a).exists()
