"""The versions an import writes: one per record naming the import, with the values
the database computed, and the m2m links (holders, activity projects) of that version."""

import pytest

from sillon.register.models import Activity, Person, Project
from sillon.workbook.actions import import_workbook
from tests.register.factories import project
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db

HOLDERS = [
    ["person_ref", "project_ref", "first_name", "last_name"],
    ["H-1", "P-1", "Ana", "Peeters"],
    ["H-2", "P-1", "Ben", "Claes"],
]
ACTIVITIES = [
    ["activity_ref", "date", "kind", "hours", "project_refs", "topics"],
    ["A-1", "2024-02-01", "coaching", "2", "P-1", "democratic_governance"],
    ["A-2", "2024-02-02", "coaching", "1", "P-1;P-0", ""],
]


def test_every_record_written_has_a_version_naming_the_import(org_a, admin):
    project(org_a, "P-0")
    result = import_workbook(
        org_a,
        xlsx({"projects": PROJECTS, "holders": HOLDERS, "activities": ACTIVITIES}),
        "book.xlsx",
        user=admin.user,
    )
    assert result.problems == []
    for model, count in ((Project, 1), (Person, 2), (Activity, 2)):
        versions = model.history.filter(history_change_reason__startswith="import book.xlsx")
        assert versions.count() == count, model
        assert {v.history_user for v in versions} == {admin.user}
    first = Activity.history.get(ref="A-1")
    assert (first.history_type, first.governance_topic) == ("+", True)
    assert Activity.history.get(ref="A-2").governance_topic is False


def test_the_versions_hold_the_links_the_import_wrote(org_a):
    project(org_a, "P-0")
    result = import_workbook(
        org_a, xlsx({"projects": PROJECTS, "holders": HOLDERS, "activities": ACTIVITIES}), "b.xlsx"
    )
    assert result.problems == []
    version = Activity.history.get(ref="A-2")
    assert sorted(link.project.ref for link in version.projects.all()) == ["P-0", "P-1"]
    version = Project.history.get(ref="P-1")
    assert sorted(link.person.ref for link in version.holders.all()) == ["H-1", "H-2"]


def test_holders_added_to_a_project_already_there_give_it_a_new_version(org_a):
    project(org_a, "P-1")
    before = Project.history.filter(ref="P-1").count()
    result = import_workbook(org_a, xlsx({"holders": HOLDERS}), "holders.xlsx")
    assert result.problems == []
    versions = Project.history.filter(ref="P-1").order_by("history_id")
    assert versions.count() == before + 1
    latest = versions.last()
    assert latest.history_type == "~"
    assert latest.history_change_reason.startswith("import holders.xlsx")
    assert sorted(link.person.ref for link in latest.holders.all()) == ["H-1", "H-2"]
