"""Employment indicators (docs/spec/indicators.md, section Employment).

Counts, FTE sums and shares are aggregate queries with the breakdowns grouped in SQL.
Persistence and cohort employment compare each job's dates with its own anniversaries
and year ends in SQL too (`datekeys`), grouped by cohort.
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models import (
    Value as V,
)
from django.db.models.functions import Cast

from sillon.indicators.datekeys import (
    anniversaries_by_cohort,
    cohort_rate,
    pooled_rate,
    year_ends_by_cohort,
    year_of,
)
from sillon.indicators.values import NONE, IndicatorValue, Scope, breakdown, ratio
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
PERSISTENCE_YEARS = (1, 2)
YEAR_ENDS = ((0, "n"), (1, "n1"), (2, "n2"))
# As floats: SQLite would divide two whole numbers of hours as integers (19/38 = 0).
FTE = ExpressionWrapper(
    Cast("weekly_hours", FloatField()) / Cast("full_time_hours", FloatField()),
    output_field=FloatField(),
)


def _jobs(scope: Scope):
    """The organisation's jobs with their working time."""
    return Job.objects.filter(organisation=scope.organisation).annotate(
        working_time=Case(
            When(weekly_hours__gte=F("full_time_hours"), then=V("full_time")),
            default=V("part_time"),
            output_field=CharField(),
        )
    )


def jobs_of_accompanied_enterprises(scope: Scope):
    """Jobs of enterprises whose project has at least one enrolment."""
    enrolled = Enrolment.objects.filter(project=OuterRef("enterprise__project"))
    return _jobs(scope).filter(Exists(enrolled))


def created_jobs(scope: Scope):
    """Jobs starting on or after the start of their project's earliest enrolment, that is:
    some enrolment of the project starts on or before the job (an index seek per job,
    where the earliest start would need a sort)."""
    enrolled_before = Enrolment.objects.filter(
        project=OuterRef("enterprise__project"), start_date__lte=OuterRef("start_date")
    )
    return _jobs(scope).filter(Exists(enrolled_before))


def _groups(queryset) -> list[tuple]:
    """The jobs grouped by all the breakdown columns at once, with their count and FTE:
    the combinations are bounded by the code lists, not by the data, and one pass over
    the jobs costs a sixth of one pass per breakdown."""
    columns = list(BREAKDOWNS.values())
    return list(queryset.order_by().values_list(*columns).annotate(n=Count("pk"), fte=Sum(FTE)))


def _count_and_fte(groups: list[tuple], name: str) -> dict[str, IndicatorValue]:
    count = IndicatorValue(name, sum(group[-2] for group in groups))
    fte = IndicatorValue(f"{name}_fte", sum((group[-1] for group in groups), start=0))
    for position, key in enumerate(BREAKDOWNS):
        count.breakdowns[key] = breakdown((group[position] or NONE, group[-2]) for group in groups)
        fte.breakdowns[key] = breakdown((group[position] or NONE, group[-1]) for group in groups)
    return {count.id: count, fte.id: fte}


def _shares(groups: list[tuple]) -> dict[str, IndicatorValue]:
    """Shares among the active jobs, read from the same groups: status, contract,
    working time and joint committee are grouping columns."""
    with_contract = permanent = employees = full_time = covered = 0
    for status, contract, working_time, committee, _gender, _family, n, _fte in groups:
        if contract != ContractType.NONE:
            with_contract += n
            permanent += n if contract == ContractType.PERMANENT else 0
        if status != WorkerStatus.SELF_EMPLOYED_PARTNER:
            employees += n
            full_time += n if working_time == "full_time" else 0
            covered += n if committee else 0
    values = {}
    for name, numerator, denominator in [
        ("jobs.permanent_share", permanent, with_contract),
        ("jobs.full_time_share", full_time, employees),
        ("jobs.joint_committee_coverage", covered, employees),
    ]:
        share = ratio(numerator, denominator)
        share.id = name
        values[name] = share
    return values


def counts(scope: Scope) -> dict[str, IndicatorValue]:
    period = scope.period
    created = created_jobs(scope).filter(start_date__range=(period.start, period.end))
    active = jobs_of_accompanied_enterprises(scope).filter(
        Q(start_date__lte=period.end), Q(end_date__isnull=True) | Q(end_date__gte=period.end)
    )
    active_groups = _groups(active)
    return (
        _count_and_fte(_groups(created), "jobs.created")
        | _count_and_fte(active_groups, "jobs.active_end")
        | _shares(active_groups)
    )


def persistence(scope: Scope) -> dict[str, IndicatorValue]:
    """Anniversaries counted in SQL, by start year: the rows are the cohorts, not jobs."""
    started = created_jobs(scope).filter(start_date__lte=scope.as_of)
    cohorts = anniversaries_by_cohort(
        started, "start_date", "end_date", max(PERSISTENCE_YEARS), scope.as_of
    )
    values = {}
    for years in PERSISTENCE_YEARS:
        rate = ratio(*pooled_rate(cohorts, years))
        rate.id = f"jobs.persistence_rate_{years}y"
        values[rate.id] = rate
    rows = [
        {"cohort": row["cohort"], "n": row["n"]}
        | {f"rate_{years}y": cohort_rate(row, years) for years in PERSISTENCE_YEARS}
        for row in cohorts
    ]
    values["jobs.persistence_by_cohort"] = IndicatorValue("jobs.persistence_by_cohort", rows=rows)
    return values


def created_filter(scope: Scope) -> dict:
    """Enterprises created, with a creation date on or before A."""
    return {
        "organisation": scope.organisation,
        "created_during_accompaniment": True,
        "creation_date__isnull": False,
        "creation_date__lte": scope.as_of,
    }


def cohort_employment(scope: Scope) -> dict[str, IndicatorValue]:
    """Headcount and FTE on 31 December of N, N+1, N+2 in enterprises created in N, counted
    in SQL by creation year."""
    as_of = scope.as_of
    created = Enterprise.objects.filter(**created_filter(scope))
    enterprises_by_year = dict(
        created.annotate(cohort=year_of("creation_date"))
        .order_by()
        .values_list("cohort")
        .annotate(n=Count("pk"))
    )
    # Through the join rather than `enterprise__in`, which would read the enterprises twice.
    jobs = year_ends_by_cohort(
        Job.objects.filter(
            **{f"enterprise__{lookup}": value for lookup, value in created_filter(scope).items()}
        ),
        "enterprise__creation_date",
        "start_date",
        "end_date",
        len(YEAR_ENDS) - 1,
        fte=FTE,
    )
    rows = []
    for year, n in sorted(enterprises_by_year.items()):
        row = {"cohort": year, "enterprises": n}
        for offset, suffix in YEAR_ENDS:
            observable = date(year + offset, 12, 31) <= as_of
            counted = jobs[year][offset] if year in jobs else {"n": 0, "fte": 0}
            row[f"headcount_{suffix}"] = counted["n"] if observable else None
            row[f"fte_{suffix}"] = counted["fte"] if observable else None
        rows.append(row)
    return {"jobs.cohort_employment": IndicatorValue("jobs.cohort_employment", rows=rows)}
