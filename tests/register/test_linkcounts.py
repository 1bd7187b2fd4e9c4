"""Activity.project_count always equals the number of the activity's project links,
whichever way the links change (the indicators sum hours × projects from it)."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from sillon.accounts.models import Organisation
from sillon.register.actions import delete_project
from sillon.register.models import Activity
from sillon.workbook.actions import import_workbook
from sillon.workbook.export import export_organisation
from tests.register.factories import activity, project


def mismatches(organisation) -> list:
    """Activities whose stored count differs from their links."""
    return list(
        Activity.objects.filter(organisation=organisation)
        .annotate(links=Count("projects"))
        .exclude(project_count=F("links"))
        .values_list("pk", "project_count", "links")
    )


def count(record) -> int:
    record.refresh_from_db(fields=["project_count"])
    return record.project_count


def test_links_changed_from_the_activity(org_a):
    p1, p2, p3 = (project(org_a, ref) for ref in ("P-1", "P-2", "P-3"))
    session = activity(org_a, projects=[p1, p2])
    assert count(session) == 2
    session.projects.add(p3)
    assert count(session) == 3
    session.projects.remove(p1)
    assert count(session) == 2
    session.projects.set([p1])
    assert count(session) == 1
    session.projects.clear()
    assert count(session) == 0


def test_links_changed_from_the_project(org_a):
    p1, p2 = project(org_a, "P-1"), project(org_a, "P-2")
    first, second = activity(org_a, projects=[p2]), activity(org_a, projects=[p2])
    p1.activities.add(first, second)
    assert (count(first), count(second)) == (2, 2)
    p1.activities.remove(first)
    assert (count(first), count(second)) == (1, 2)
    p2.activities.clear()
    assert (count(first), count(second)) == (0, 1)


@pytest.mark.parametrize("how", ["action", "model"])
def test_deleting_a_project_lowers_the_count_of_the_sessions_it_shared(org_a, how):
    p1, p2 = project(org_a, "P-1"), project(org_a, "P-2")
    shared = activity(org_a, projects=[p1, p2])
    if how == "action":
        delete_project(p1)
    else:
        p1.delete()
    assert count(shared) == 1
    assert mismatches(org_a) == []


def test_the_demo_writes_the_counts(db):
    call_command("demo", organisation="counted", projects=30, seed=2, verbosity=0)
    organisation = Organisation.objects.get(slug="counted")
    assert Activity.objects.filter(organisation=organisation, project_count__gt=1).exists()
    assert mismatches(organisation) == []


def test_a_workbook_import_writes_the_counts(db, org_b):
    call_command("demo", organisation="source", projects=15, seed=4, verbosity=0)
    buffer = io.BytesIO()
    export_organisation(Organisation.objects.get(slug="source"), buffer, personal=True)
    result = import_workbook(org_b, buffer.getvalue(), "export.xlsx")
    assert result.ok, result.problems
    assert Activity.objects.filter(organisation=org_b, project_count__gt=1).exists()
    assert mismatches(org_b) == []
