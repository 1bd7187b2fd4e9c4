"""Exports of the filtered record lists (projects, activities, jobs, enterprises): the
rows the list page shows, with the same filters, in the columns of the workbook (the
rows of `records.py`), so that a list exported can be re-imported as its sheet."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from sillon.outcomes.filters import EnterpriseFilter, JobFilter
from sillon.outcomes.models import Job, enterprises_for_list
from sillon.register.filters import ActivityFilter, ProjectFilter
from sillon.register.models import Activity, Project
from sillon.workbook.records import BINDING, activity_missions
from sillon.workbook.sheets import BY_NAME


@dataclass(frozen=True)
class RecordList:
    sheet: str
    filter_class: type
    # The list page's queryset before its filters (same order as the page).
    queryset: Callable[[object], QuerySet]
    # The projects filter searches holders' names only for members who may see them.
    searches_people: bool = False

    def rows(self, organisation, query, personal: bool) -> tuple[list[str], list[list]]:
        kwargs = {"search_people": personal} if self.searches_people else {}
        filters = self.filter_class(
            query or None, queryset=self.queryset(organisation), organisation=organisation, **kwargs
        )
        sheet, binding = BY_NAME[self.sheet], BINDING[self.sheet]
        columns = [c.name for c in sheet.columns if personal or not c.personal]
        if self.sheet == "activities":
            missions, partners = activity_missions(organisation)
            rows = (
                binding.row(record, sorted(p.ref for p in record.projects.all()))
                | {
                    "mission": missions.get(record.pk, ""),
                    "partners": sorted(partners.get(record.pk, [])),
                }
                for record in filters.qs
            )
        else:
            rows = (binding.row(record) for record in filters.qs)
        return columns, [[row[name] for name in columns] for row in rows]


def projects(organisation) -> QuerySet:
    return Project.objects.for_list(organisation)


def activities(organisation) -> QuerySet:
    return Activity.objects.for_list(organisation)


def jobs(organisation) -> QuerySet:
    return Job.objects.for_list(organisation)


def enterprises(organisation) -> QuerySet:
    return enterprises_for_list(organisation, timezone.localdate())


LISTS = {
    "projects": RecordList("projects", ProjectFilter, projects, searches_people=True),
    "activities": RecordList("activities", ActivityFilter, activities),
    "jobs": RecordList("jobs", JobFilter, jobs),
    "enterprises": RecordList("enterprises", EnterpriseFilter, enterprises),
}
