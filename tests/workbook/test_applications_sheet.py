"""The applications sheet (docs/spec/comparison.md §4, workbook.md): keyed by
application_ref, its programme by code and the project it became by reference; every
wrong row is refused with its place and nothing is written."""

import datetime

import pytest
from django.utils import translation

from sillon.register.models import Application, Programme
from sillon.workbook.actions import import_workbook
from sillon.workbook.export import sheet_rows
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db
D = datetime.date
HEAD = [
    "application_ref",
    "date",
    "programme",
    "name",
    "enterprise_number",
    "nace_code",
    "decision",
    "decision_date",
    "reason",
    "project_ref",
]
PROGRAMMES = [["code", "name_fr", "kind"], ["seeds", "Graines", "launch"]]
GOOD = [
    ["C-1", "2024-01-02", "seeds", "Épicerie", "", "56101", "accepted", "2024-01-10", "", "P-1"],
    [
        "C-2",
        "2024-01-05",
        "seeds",
        "Garage",
        "0417497106",
        "",
        "rejected",
        "2024-01-20",
        "capacity",
    ],
    ["C-3", "2024-02-01", "seeds", "Atelier", "", "", "", "", "", ""],
]


def workbook(*rows, programmes=True):
    sheets = {"projects": PROJECTS, "applications": [HEAD, *rows]}
    if programmes:
        sheets["programmes"] = PROGRAMMES
    return xlsx(sheets)


def test_applications_are_imported_and_exported_alike(org_a):
    content = workbook(*GOOD)
    result = import_workbook(org_a, content, "applications.xlsx")
    assert result.problems == []
    assert result.counts["applications"]["created"] == 3
    stored = {a.ref: a for a in Application.objects.filter(organisation=org_a)}
    assert stored["C-1"].project.ref == "P-1"
    assert stored["C-1"].nace_version == "2008"
    assert stored["C-2"].enterprise_number == "0417497106"
    assert stored["C-2"].reason == "capacity"
    assert stored["C-3"].decision == "waiting"
    assert stored["C-3"].programme == Programme.objects.get(organisation=org_a, code="seeds")
    columns, rows = sheet_rows(org_a, personal=True)["applications"]
    assert columns == HEAD
    first = ["C-1", D(2024, 1, 2), "seeds", "Épicerie", "", "56101", "accepted"]
    assert rows[0] == [*first, D(2024, 1, 10), "", "P-1"]
    # The same workbook again: nothing changes.
    again = import_workbook(org_a, content, "applications.xlsx")
    assert again.counts["applications"] == {"created": 0, "updated": 0, "unchanged": 3}


def test_the_reason_is_not_in_a_viewer_export(org_a):
    import_workbook(org_a, workbook(*GOOD), "applications.xlsx")
    columns, _rows = sheet_rows(org_a, personal=False)["applications"]
    assert "reason" not in columns and "decision" in columns


@pytest.mark.parametrize(
    "row, column, message",
    [
        (
            ["C-9", "2024-01-02", "seeds", "X", "0417497107", "", "", "", "", ""],
            "enterprise_number",
            "Numéro d’entreprise (BCE) non valable",
        ),
        (
            ["C-9", "2024-01-02", "nope", "X", "", "", "", "", "", ""],
            "programme",
            "Aucun programme n’a ce code",
        ),
        (["C-9", "2024-01-02", "seeds", "X", "", "", "maybe", "", "", ""], "decision", None),
        (["C-9", "2024-01-02", "seeds", "X", "", "", "rejected", "", "luck", ""], "reason", None),
        (
            ["C-9", "2024-01-02", "seeds", "X", "", "", "rejected", "2024-01-01", "", ""],
            "decision_date",
            "date",
        ),
        (
            ["C-9", "2024-01-02", "seeds", "X", "", "", "accepted", "", "", "P-404"],
            "project_ref",
            "Aucun projet n’a cette référence",
        ),
        (
            ["C-9", "2024-01-02", "seeds", "X", "", "", "rejected", "", "", "P-1"],
            "project_ref",
            "Seule une candidature acceptée",
        ),
        (
            ["C-9", "2024-01-02", "seeds", "X", "", "", "", "", "", "P-1"],
            "project_ref",
            "Seule une candidature acceptée",
        ),
    ],
)
def test_a_wrong_row_is_located_translated_and_nothing_is_written(org_a, row, column, message):
    with translation.override("fr"):
        result = import_workbook(org_a, workbook(GOOD[0], row), "applications.xlsx")
    assert not result.applied
    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("applications", 3, column)], (
        result.problems
    )
    if message:
        assert message in result.problems[0].message
    assert not Application.objects.filter(organisation=org_a).exists()


def test_a_row_without_the_decision_keeps_the_record_one(org_a):
    import_workbook(org_a, workbook(*GOOD), "applications.xlsx")
    # C-2 was rejected: naming a project for it without the decision column is refused.
    content = xlsx(
        {
            "applications": [
                ["application_ref", "date", "programme", "name", "project_ref", "decision_date"],
                ["C-2", "2024-01-05", "seeds", "Garage", "P-1", "2024-01-20"],
                ["C-3", "2024-02-01", "seeds", "Atelier", "", "2024-01-31"],
            ]
        }
    )
    result = import_workbook(org_a, content, "applications.xlsx")
    assert sorted((p.row, p.column) for p in result.problems) == [
        (2, "project_ref"),
        (3, "decision_date"),
    ]
    # Without the decision_date column, an earlier application date is refused too.
    content = xlsx(
        {
            "applications": [
                ["application_ref", "date", "programme", "name"],
                ["C-2", "2024-01-21", "seeds", "Garage"],
            ]
        }
    )
    result = import_workbook(org_a, content, "applications.xlsx")
    assert [(p.row, p.column) for p in result.problems] == [(2, "date")]
    assert Application.objects.get(organisation=org_a, ref="C-2").project is None
