"""Employment indicators (indicators.md, section Employment).

Counts, FTE sums and shares are aggregate queries with the breakdowns grouped in SQL.
Persistence and cohort employment need each job's own anniversaries and year ends, so
their dates and FTE are read once and Python assembles the tables.
"""

from collections import defaultdict
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models import (
    Value as V,
)
from django.db.models.functions import Cast

from sillon.indicators.time import active_on, anniversary_survivors
from sillon.indicators.values import NONE, Scope, Value, breakdown, ratio
from sillon.outcomes.choices import ContractType, WorkerStatus
from sillon.outcomes.models import Job
from sillon.register.models import Enrolment, Enterprise

BREAKDOWNS = {
    "worker_status": "worker_status",
    "contract_type": "contract_type",
    "working_time": "working_time",
    "joint_committee": "joint_committee",
    "gender": "gender",
    "legal_form_family": "enterprise__legal_form_family",
}
# As floats: SQLite would divide two whole numbers of hours as integers (19/38 = 0).
FTE = ExpressionWrapper(
    Cast("weekly_hours", FloatField()) / Cast("full_time_hours", FloatField()),
    output_field=FloatField(),
)


def jobs_of_accompanied_enterprises(scope: Scope):
    return Job.objects.filter(organisation=scope.organisation).annotate(
        working_time=Case(
            When(weekly_hours__gte=F("full_time_hours"), then=V("full_time")),
            default=V("part_time"),
            output_field=CharField(),
        )
    )


def created_jobs(scope: Scope):
    """Jobs starting on or after the start of their project's earliest enrolment."""
    first_enrolment = (
        Enrolment.objects.filter(project=OuterRef("enterprise__project"))
        .order_by("start_date")
        .values("start_date")[:1]
    )
    return (
        jobs_of_accompanied_enterprises(scope)
        .annotate(project_start=Subquery(first_enrolment))
        .filter(project_start__isnull=False, start_date__gte=F("project_start"))
    )


def _count_and_fte(queryset, name: str) -> dict[str, Value]:
    totals = queryset.aggregate(n=Count("pk"), fte=Sum(FTE))
    count = Value(name, totals["n"])
    fte = Value(f"{name}_fte", totals["fte"] or 0)
    for key, field in BREAKDOWNS.items():
        rows = queryset.order_by().values_list(field).annotate(n=Count("pk"), fte=Sum(FTE))
        rows = list(rows)
        count.breakdowns[key] = breakdown((k or NONE, n) for k, n, _ in rows)
        fte.breakdowns[key] = breakdown((k or NONE, f) for k, _, f in rows)
    return {count.id: count, fte.id: fte}


def counts(scope: Scope) -> dict[str, Value]:
    period = scope.period
    created = created_jobs(scope).filter(start_date__range=(period.start, period.end))
    values = _count_and_fte(created, "jobs.created")
    active = jobs_of_accompanied_enterprises(scope).filter(
        Q(start_date__lte=period.end), Q(end_date__isnull=True) | Q(end_date__gte=period.end)
    )
    values.update(_count_and_fte(active, "jobs.active_end"))
    employed = ~Q(worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER)
    shares = active.aggregate(
        with_contract=Count("pk", filter=~Q(contract_type=ContractType.NONE)),
        permanent=Count(
            "pk",
            filter=~Q(contract_type=ContractType.NONE) & Q(contract_type=ContractType.PERMANENT),
        ),
        employees=Count("pk", filter=employed),
        full_time=Count("pk", filter=employed & Q(weekly_hours__gte=F("full_time_hours"))),
        covered=Count("pk", filter=employed & ~Q(joint_committee="")),
    )
    for name, numerator, denominator in [
        ("jobs.permanent_share", "permanent", "with_contract"),
        ("jobs.full_time_share", "full_time", "employees"),
        ("jobs.joint_committee_coverage", "covered", "employees"),
    ]:
        share = ratio(shares[numerator], shares[denominator])
        share.id = name
        values[name] = share
    return values


def persistence(scope: Scope) -> dict[str, Value]:
    as_of = scope.as_of
    jobs = list(
        created_jobs(scope).filter(start_date__lte=as_of).values_list("start_date", "end_date")
    )
    values = {}
    for years in (1, 2):
        rate = ratio(*anniversary_survivors(jobs, years, as_of))
        rate.id = f"jobs.persistence_rate_{years}y"
        values[rate.id] = rate
    cohorts = defaultdict(list)
    for start, end in jobs:
        cohorts[start.year].append((start, end))
    rows = []
    for year in sorted(cohorts):
        row = {"cohort": year, "n": len(cohorts[year])}
        for years in (1, 2):
            alive, reached = anniversary_survivors(cohorts[year], years, as_of)
            row[f"rate_{years}y"] = alive / reached if reached else None
        rows.append(row)
    values["jobs.persistence_by_cohort"] = Value("jobs.persistence_by_cohort", rows=rows)
    return values


def cohort_employment(scope: Scope) -> dict[str, Value]:
    """Headcount and FTE on 31 December of N, N+1, N+2 in enterprises created in N."""
    as_of = scope.as_of
    created = Enterprise.objects.filter(
        organisation=scope.organisation,
        created_during_accompaniment=True,
        creation_date__isnull=False,
        creation_date__lte=as_of,
    )
    enterprises_by_year = dict(
        created.order_by().values_list("creation_date__year").annotate(n=Count("pk"))
    )
    jobs = (
        Job.objects.filter(enterprise__in=created)
        .values_list("enterprise__creation_date__year", "start_date", "end_date")
        .annotate(fte=FTE)
    )
    rows = {
        year: {"cohort": year, "enterprises": n} for year, n in sorted(enterprises_by_year.items())
    }
    for row in rows.values():
        for offset, suffix in ((0, "n"), (1, "n1"), (2, "n2")):
            observable = date(row["cohort"] + offset, 12, 31) <= as_of
            row[f"headcount_{suffix}"] = 0 if observable else None
            row[f"fte_{suffix}"] = 0 if observable else None
    for year, start, end, fte in jobs:
        row = rows[year]
        for offset, suffix in ((0, "n"), (1, "n1"), (2, "n2")):
            day = date(year + offset, 12, 31)
            if row[f"headcount_{suffix}"] is not None and active_on(start, end, day):
                row[f"headcount_{suffix}"] += 1
                row[f"fte_{suffix}"] += fte
    return {"jobs.cohort_employment": Value("jobs.cohort_employment", rows=list(rows.values()))}
