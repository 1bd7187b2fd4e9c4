"""The targets sheet: a direction column, defaulted by indicator; a negative target is
refused with a located message and nothing is written (workbook.md)."""

import pytest

from sillon.outcomes.models import Target
from sillon.workbook.actions import import_workbook
from tests.workbook.helpers import xlsx

pytestmark = pytest.mark.django_db
HEAD = ["indicator", "period", "value", "direction"]


def test_an_empty_direction_is_the_indicator_own(org_a):
    content = xlsx(
        {
            "targets": [
                HEAD,
                ["accompaniment.cost_per_job_created", "2025", 38519, ""],
                ["jobs.created", "2025", 12, ""],
                ["projects.accompanied", "2025", 80, "at_most"],
            ]
        }
    )
    result = import_workbook(org_a, content, "targets.xlsx")
    assert result.problems == []
    directions = dict(
        Target.objects.filter(organisation=org_a).values_list("indicator", "direction")
    )
    assert directions == {
        "accompaniment.cost_per_job_created": "at_most",
        "jobs.created": "at_least",
        "projects.accompanied": "at_most",
    }
    # Imported again: nothing changes.
    again = import_workbook(org_a, content, "targets.xlsx")
    assert again.counts["targets"]["updated"] == 0


def test_a_negative_target_is_refused_and_nothing_written(org_a):
    content = xlsx({"targets": [HEAD, ["jobs.created", "2025", -3, ""]]})
    result = import_workbook(org_a, content, "targets.xlsx")
    assert [(p.sheet, p.column) for p in result.problems] == [("targets", "value")]
    assert not Target.objects.filter(organisation=org_a).exists()
