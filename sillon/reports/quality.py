"""The data-quality gaps of docs/spec/reports.md: what weakens a report's figures.

One module for the page, the PDF annex and the XLSX sheet. Each gap is a filter over
the records the engine reads for the period (its own querysets), so that a count is
exactly the records to fix; counts are aggregates, one query per kind of record.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sillon.indicators import accompaniment, employment, enterprises
from sillon.indicators.anniversaries import anniversary
from sillon.indicators.values import Scope
from sillon.outcomes.choices import ContractType, WorkerStatus
from sillon.register.models import Activity

PROJECTS, ENTERPRISES, JOBS, ACTIVITIES = "projects", "enterprises", "jobs", "activities"


@dataclass(frozen=True)
class Gap:
    key: str
    kind: str  # of record
    label: object
    effect: object


GAPS = [
    Gap(
        "projects_without_nace",
        PROJECTS,
        _("Projects accompanied without NACE-BEL code"),
        _("They fall under “Unknown” in the sector breakdowns."),
    ),
    Gap(
        "enterprises_without_number",
        ENTERPRISES,
        _("Enterprises without enterprise number"),
        _("Their survival cannot be checked against the business register (KBO/BCE)."),
    ),
    Gap(
        "enterprises_without_creation_date",
        ENTERPRISES,
        _("Enterprises created during the accompaniment without creation date"),
        _("They are counted neither as created nor in the survival rates."),
    ),
    Gap(
        "jobs_without_joint_committee",
        JOBS,
        _("Salaried jobs without joint committee"),
        _("They lower the joint-committee coverage and fall under “None”."),
    ),
    # A sector type and a contract type are required of every record (database
    # constraints), so "without" can never be counted; a salaried job recorded with the
    # self-employed's "none" contract can, and is left out of the permanent share.
    Gap(
        "jobs_without_contract_type",
        JOBS,
        _("Salaried jobs recorded without a contract (contract type “none”)"),
        _("They are left out of the share of permanent contracts."),
    ),
    Gap(
        "activities_without_programme",
        ACTIVITIES,
        _("Activities of the period without programme"),
        _("Their sessions and hours are missing from the breakdown by programme."),
    ),
    Gap(
        "young_enterprises",
        ENTERPRISES,
        _("Enterprises created less than a year before the as-of date"),
        _("Too young to observe: they are not yet in any survival rate."),
    ),
]
BY_KEY = {gap.key: gap for gap in GAPS}


def _jobs_in_period(scope: Scope):
    period = scope.period
    return employment.jobs_of_accompanied_enterprises(scope).filter(
        Q(start_date__lte=period.end), Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )


def _conditions(scope: Scope) -> dict[str, Q]:
    # Created after this day, an enterprise has not reached its first anniversary by A
    # (a creation on 29 February may be off by one day: a caveat, not a figure).
    year_ago = anniversary(scope.as_of, -1)
    return {
        "projects_without_nace": Q(nace_code=""),
        "enterprises_without_number": Q(enterprise_number=""),
        "enterprises_without_creation_date": Q(
            created_during_accompaniment=True, creation_date__isnull=True
        ),
        "jobs_without_joint_committee": Q(joint_committee="")
        & ~Q(worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER),
        "jobs_without_contract_type": Q(contract_type=ContractType.NONE)
        & ~Q(worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER),
        "activities_without_programme": Q(programme__isnull=True),
        "young_enterprises": Q(
            created_during_accompaniment=True,
            creation_date__gt=year_ago,
            creation_date__lte=scope.as_of,
        ),
    }


def _base(kind: str, scope: Scope):
    period = scope.period
    if kind == PROJECTS:
        return accompaniment.accompanied_projects(scope)
    if kind == ENTERPRISES:
        return enterprises.accompanied_enterprises(scope)
    if kind == JOBS:
        return _jobs_in_period(scope)
    return Activity.objects.filter(
        organisation=scope.organisation, date__range=(period.start, period.end)
    )


def records(key: str, scope: Scope):
    """The records behind one gap: what to fix."""
    gap = BY_KEY[key]
    return _base(gap.kind, scope).filter(_conditions(scope)[key])


@dataclass
class Line:
    gap: Gap
    count: int


def gaps(scope: Scope) -> list[Line]:
    """Every gap with its count, in the order of GAPS."""
    conditions = _conditions(scope)
    counts: dict[str, int] = {}
    for kind in (PROJECTS, ENTERPRISES, JOBS, ACTIVITIES):
        keys = [gap.key for gap in GAPS if gap.kind == kind]
        counts |= _base(kind, scope).aggregate(
            **{key: Count("pk", filter=conditions[key]) for key in keys}
        )
    return [Line(gap, counts[gap.key]) for gap in GAPS]
