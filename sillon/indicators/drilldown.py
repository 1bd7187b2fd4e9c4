"""The records behind a figure: the same querysets as the engine, so that the list
always holds what was counted."""

from django.db.models import Count, Q

from sillon.codes import legal_forms
from sillon.indicators import accompaniment, employment, enterprises
from sillon.indicators.values import Scope
from sillon.outcomes.choices import WorkerStatus
from sillon.register.choices import ActivityKind, ProjectStatus
from sillon.register.models import Activity

PROJECTS, ENTERPRISES, JOBS, ACTIVITIES = "projects", "enterprises", "jobs", "activities"

# Counts below this are shown as "< 5" to a member who may not open records, so that
# no one is recognised from a small count (docs/spec/domain.md, personal data).
SMALL_NUMBER = 5

# What a member who may not open records reads instead of them: the records counted,
# by one column (its code and the labels of its codes).
BREAKDOWN = {
    PROJECTS: ("status", ProjectStatus),
    ENTERPRISES: ("legal_form_family", legal_forms.Family),
    JOBS: ("worker_status", WorkerStatus),
    ACTIVITIES: ("kind", ActivityKind),
}


def breakdown(kind: str, queryset) -> list[tuple[str, int]]:
    """[(label, count)] of the records behind a figure, in the order of the codes
    (one aggregate query; no record leaves the database)."""
    column, codes = BREAKDOWN[kind]
    counted = queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))
    counts = dict(counted.order_by().values_list(column).annotate(n=Count("pk")))
    return [(code.label, counts[code.value]) for code in codes if counts.get(code.value)]


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
