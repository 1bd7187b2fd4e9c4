"""The records behind a figure: the engine's own querysets (each group module exposes
the queryset it counts), so that the list always holds what was counted — a key
figure, a breakdown cell, a survival or persistence cell, both sides of a ratio, and
the cost lines and expert activities of a cost."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from sillon.codes import legal_forms
from sillon.indicators import accompaniment, costs, employment, enterprises
from sillon.indicators.datekeys import reached_and_alive
from sillon.indicators.values import NONE, Scope
from sillon.outcomes.choices import WorkerStatus
from sillon.outcomes.models import CostLine
from sillon.register.choices import ActivityKind, ProjectStatus

PROJECTS, ENTERPRISES, JOBS, ACTIVITIES = "projects", "enterprises", "jobs", "activities"
COSTS = "costs"

# The column of each kind of record that a breakdown groups on (the engine's).
BREAKDOWN_FIELDS = {
    PROJECTS: {
        "project_type": "project_type",
        "sector_type": "sector_type",
        "nace_section": "nace_section",
        "legal_form_family": "enterprise__legal_form_family",
    },
    ENTERPRISES: {
        "legal_form_family": "legal_form_family",
        "legal_form": "legal_form",
        "sector_type": "project__sector_type",
        "nace_section": "project__nace_section",
    },
    JOBS: {
        "worker_status": "worker_status",
        "contract_type": "contract_type",
        "working_time": "working_time",
        "joint_committee": "joint_committee",
        "gender": "gender",
        "legal_form_family": "enterprise__legal_form_family",
    },
    ACTIVITIES: {"kind": "kind", "programme": "programme__code", "expert_type": "expert_type"},
}
# Ratios: (numerator's records, denominator's records) — both lists are shown.
COST_RATIOS = {
    "accompaniment.cost_per_project": "projects.accompanied",
    "accompaniment.cost_per_enterprise_created": "enterprises.created",
    "accompaniment.cost_per_job_created": "jobs.created",
}
JOB_SHARES = tuple(employment.SHARES)
COST_FIGURES = ("experts.cost", "accompaniment.cost", *COST_RATIOS)
SURVIVAL = {
    "enterprises.survival_by_cohort": ENTERPRISES,
    "enterprises.survival_rate_1y": ENTERPRISES,
    "enterprises.survival_rate_2y": ENTERPRISES,
    "enterprises.survival_rate_3y": ENTERPRISES,
    "jobs.persistence_by_cohort": JOBS,
    "jobs.persistence_rate_1y": JOBS,
    "jobs.persistence_rate_2y": JOBS,
}


@dataclass
class Part:
    """One list behind a figure: its kind of record and queryset (or cost rows)."""

    kind: str
    queryset: object


@dataclass
class Drill:
    """What a figure opens: one list, or a numerator and a denominator."""

    whole: Part | None = None
    numerator: Part | None = None
    denominator: Part | None = None

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None


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


def records(indicator_id: str, scope: Scope):
    """(kind of record, queryset) behind a count, or None when it has no single list."""
    if indicator_id == "projects.accompanied":
        return PROJECTS, accompaniment.accompanied_projects(scope)
    if indicator_id == "projects.new":
        return PROJECTS, accompaniment.new_projects(scope)
    if indicator_id == "projects.stopped":
        return PROJECTS, accompaniment.stopped_projects(scope)
    if indicator_id in ("accompaniment.sessions", "accompaniment.hours"):
        return ACTIVITIES, accompaniment.session_activities(scope)
    if indicator_id in ("experts.interventions",):
        return ACTIVITIES, expert_activities(scope)
    if indicator_id == "enterprises.created":
        return ENTERPRISES, enterprises.created_in_period(scope)
    if indicator_id == "enterprises.active_end":
        return ENTERPRISES, enterprises.active_at_end(scope)
    if indicator_id in ("jobs.created", "jobs.created_fte"):
        return JOBS, employment.created_in_period(scope)
    if indicator_id in ("jobs.active_end", "jobs.active_end_fte"):
        return JOBS, employment.active_at_end(scope)
    return None


def expert_activities(scope: Scope):
    return costs.expert_activities(scope)


@dataclass
class CostLineShare:
    line: CostLine
    days_inside: int
    days: int
    share: Decimal


def cost_lines(scope: Scope) -> list[CostLineShare]:
    """The cost lines overlapping P with their share in P, prorated as the engine does."""
    found = []
    for line in costs.cost_lines(scope).select_related("programme"):
        start, end = line.period_start, line.period_end
        inside, days = costs.days_inside(start, end, scope.period)
        share = costs.share_in_period(start, end, line.amount_eur, scope.period)
        found.append(CostLineShare(line, inside, days, share))
    return found


def narrowed(kind: str, queryset, breakdown: str, key: str, indicator_id: str, scope: Scope):
    """The records of one breakdown cell, or None when the breakdown has no column."""
    if breakdown == "programme" and kind == PROJECTS:
        if indicator_id == "projects.accompanied":
            enrolments = accompaniment.overlapping_enrolments(scope)
        elif indicator_id == "projects.new":
            enrolments = accompaniment.first_enrolments(scope)
        else:
            return None
        if key == NONE:
            return queryset.none()
        return queryset.filter(pk__in=enrolments.filter(programme__code=key).values("project"))
    field = BREAKDOWN_FIELDS.get(kind, {}).get(breakdown)
    if field is None:
        return None
    if key == NONE:
        return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
    return queryset.filter(**{field: key})


def survival_cell(indicator_id: str, scope: Scope, cohort: int | None, years: int) -> Drill:
    """The records behind a survival or persistence rate: those whose k-year
    anniversary is reached by A (denominator) and, of them, those still active then."""
    if SURVIVAL[indicator_id] == ENTERPRISES:
        base = enterprises.survival_base(scope)
        start, end, kind = "creation_date", "cessation_date", ENTERPRISES
    else:
        base = employment.persistence_base(scope)
        start, end, kind = "start_date", "end_date", JOBS
    if cohort is not None:
        base = base.filter(**{f"{start}__year": cohort})
    reached, alive = reached_and_alive(base, start, end, years, scope.as_of)
    return Drill(numerator=Part(kind, alive), denominator=Part(kind, reached))


def _job_share(indicator_id: str, scope: Scope) -> Drill:
    part, whole = employment.share_parts(scope, indicator_id)
    return Drill(numerator=Part(JOBS, part), denominator=Part(JOBS, whole))


def drill(indicator_id: str, scope: Scope, cohort: int | None = None, years: int = 1):
    """What a figure opens, or None when it opens nothing."""
    if indicator_id in SURVIVAL:
        if indicator_id.endswith("y"):
            years = int(indicator_id.rsplit("_", 1)[1][:-1])
        return survival_cell(indicator_id, scope, cohort, years)
    if indicator_id in JOB_SHARES:
        return _job_share(indicator_id, scope)
    if indicator_id in COST_RATIOS:
        kind, queryset = records(COST_RATIOS[indicator_id], scope)
        return Drill(numerator=Part(COSTS, None), denominator=Part(kind, queryset))
    if indicator_id in COST_FIGURES:
        return Drill(whole=Part(COSTS, None))
    found = records(indicator_id, scope)
    return Drill(whole=Part(*found)) if found else None


def has_records(indicator_id: str) -> bool:
    return (
        indicator_id in SURVIVAL
        or indicator_id in JOB_SHARES
        or indicator_id in COST_FIGURES
        or indicator_id
        in {
            "projects.accompanied",
            "projects.new",
            "projects.stopped",
            "accompaniment.sessions",
            "accompaniment.hours",
            "experts.interventions",
            "enterprises.created",
            "enterprises.active_end",
            "jobs.created",
            "jobs.created_fte",
            "jobs.active_end",
            "jobs.active_end_fte",
        }
    )
