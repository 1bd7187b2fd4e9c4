"""The records behind a figure: the same querysets as the engine, so that the list
always holds what was counted."""

from django.db.models import Q

from sillon.indicators import accompaniment, employment, enterprises
from sillon.indicators.values import Scope
from sillon.register.models import Activity

PROJECTS, ENTERPRISES, JOBS, ACTIVITIES = "projects", "enterprises", "jobs", "activities"


def _in_period(scope: Scope) -> dict:
    return {"date__range": (scope.period.start, scope.period.end)}


WITH_RECORDS = {
    "projects.accompanied",
    "projects.new",
    "projects.stopped",
    "accompaniment.sessions",
    "accompaniment.hours",
    "experts.interventions",
    "experts.cost",
    "enterprises.created",
    "enterprises.active_end",
    "jobs.created",
    "jobs.created_fte",
    "jobs.active_end",
    "jobs.active_end_fte",
}


def has_records(indicator_id: str) -> bool:
    return indicator_id in WITH_RECORDS


def records(indicator_id: str, scope: Scope):
    """(kind of record, queryset) behind an indicator, or None when it has no list."""
    period = scope.period
    if indicator_id == "projects.accompanied":
        return PROJECTS, accompaniment.accompanied_projects(scope)
    if indicator_id == "projects.new":
        return PROJECTS, accompaniment.new_projects(scope)
    if indicator_id == "projects.stopped":
        return PROJECTS, accompaniment.stopped_projects(scope)
    if indicator_id in ("accompaniment.sessions", "accompaniment.hours"):
        return ACTIVITIES, Activity.objects.filter(
            organisation=scope.organisation,
            kind__in=accompaniment.SESSION_KINDS,
            **_in_period(scope),
        )
    if indicator_id in ("experts.interventions", "experts.cost"):
        return ACTIVITIES, Activity.objects.filter(
            organisation=scope.organisation, kind="expert", **_in_period(scope)
        )
    if indicator_id == "enterprises.created":
        return ENTERPRISES, enterprises.created_enterprises(scope).filter(
            creation_date__range=(period.start, period.end)
        )
    if indicator_id == "enterprises.active_end":
        return ENTERPRISES, enterprises.accompanied_enterprises(scope).filter(
            Q(creation_date__isnull=True) | Q(creation_date__lte=period.end),
            Q(cessation_date__isnull=True) | Q(cessation_date__gte=period.end),
        )
    if indicator_id in ("jobs.created", "jobs.created_fte"):
        return JOBS, employment.created_jobs(scope).filter(
            start_date__range=(period.start, period.end)
        )
    if indicator_id in ("jobs.active_end", "jobs.active_end_fte"):
        return JOBS, employment.jobs_of_accompanied_enterprises(scope).filter(
            Q(start_date__lte=period.end), Q(end_date__isnull=True) | Q(end_date__gte=period.end)
        )
    return None
