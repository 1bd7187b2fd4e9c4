"""Employment indicators (docs/spec/indicators.md, section Employment).

Counts, FTE sums and shares are aggregate queries with the breakdowns grouped in SQL.
Persistence and cohort employment compare each job's dates with its own anniversaries
and year ends in SQL too (`datekeys`), grouped by cohort.
"""

from datetime import date
from fractions import Fraction

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    When,
)
from django.db.models import (
    Value as V,
)

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
# FTE are summed exactly, in Python, over the jobs grouped by their hours: a SUM of
# floats in the database depends on the order it adds the rows in (PostgreSQL's
# plans vary it), and the same data must give the same bytes (cli.md).
FTE_HOURS = ("weekly_hours", "full_time_hours")


def fte(weekly_hours, full_time_hours, n: int = 1) -> Fraction:
    """The FTE of `n` jobs of these hours, exactly."""
    return Fraction(weekly_hours) / Fraction(full_time_hours) * n


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


def created_in_period(scope: Scope):
    """The jobs counted in `jobs.created` (and summed in `jobs.created_fte`)."""
    period = scope.period
    return created_jobs(scope).filter(start_date__range=(period.start, period.end))


def active_at_end(scope: Scope):
    """The jobs counted in `jobs.active_end` (and summed in `jobs.active_end_fte`)."""
    end = scope.period.end
    return jobs_of_accompanied_enterprises(scope).filter(
        Q(start_date__lte=end), Q(end_date__isnull=True) | Q(end_date__gte=end)
    )


def persistence_base(scope: Scope):
    """The jobs created that started on or before A: the cohorts of persistence."""
    return created_jobs(scope).filter(start_date__lte=scope.as_of)


# The shares among the jobs active on P.end: (denominator, numerator within it).
SHARES = {
    "jobs.permanent_share": (
        ~Q(contract_type=ContractType.NONE),
        Q(contract_type=ContractType.PERMANENT),
    ),
    "jobs.full_time_share": (
        ~Q(worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER),
        Q(working_time="full_time"),
    ),
    "jobs.joint_committee_coverage": (
        ~Q(worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER),
        ~Q(joint_committee="") & Q(joint_committee__isnull=False),
    ),
}


def share_parts(scope: Scope, name: str):
    """(numerator, denominator) querysets of a share among the jobs active on P.end."""
    among, counted = SHARES[name]
    denominator = active_at_end(scope).filter(among)
    return denominator.filter(counted), denominator


def _flag(condition) -> Case:
    return Case(When(condition, then=V(1)), default=V(0), output_field=IntegerField())


def _share_flags() -> dict:
    """For each share, whether a job is in its denominator and in its numerator: functions
    of the grouping columns, so they add no group."""
    flags = {}
    for position, (among, counted) in enumerate(SHARES.values()):
        flags[f"share_{position}_d"] = _flag(among)
        flags[f"share_{position}_n"] = _flag(among & counted)
    return flags


def _groups(queryset, flags: dict | None = None) -> list[tuple]:
    """The jobs grouped by all the breakdown columns at once (then the `flags`), with
    their count and exact FTE: the combinations are bounded by the code lists and the
    few distinct working hours, not by the number of jobs, and one pass over the jobs
    costs a sixth of one pass per breakdown."""
    columns = [*BREAKDOWNS.values(), *(flags or {})]
    rows = (
        queryset.annotate(**(flags or {}))
        .order_by()
        .values_list(*columns, *FTE_HOURS)
        .annotate(n=Count("pk"))
    )
    groups: dict[tuple, list] = {}
    for *key, weekly_hours, full_time_hours, n in rows:
        group = groups.setdefault(tuple(key), [0, Fraction(0)])
        group[0] += n
        group[1] += fte(weekly_hours, full_time_hours, n)
    return [(*key, n, summed) for key, (n, summed) in groups.items()]


def _count_and_fte(groups: list[tuple], name: str) -> dict[str, IndicatorValue]:
    count = IndicatorValue(name, sum(group[-2] for group in groups))
    ftes = IndicatorValue(f"{name}_fte", float(sum((group[-1] for group in groups), start=0)))
    for position, key in enumerate(BREAKDOWNS):
        count.breakdowns[key] = breakdown((group[position] or NONE, group[-2]) for group in groups)
        parts = breakdown((group[position] or NONE, group[-1]) for group in groups)
        ftes.breakdowns[key] = {part: float(amount) for part, amount in parts.items()}
    return {count.id: count, ftes.id: ftes}


def _shares(groups: list[tuple]) -> dict[str, IndicatorValue]:
    """Shares among the active jobs, read from the same groups by their flags."""
    values = {}
    first = len(BREAKDOWNS)
    for position, name in enumerate(SHARES):
        denominator = sum(g[-2] for g in groups if g[first + 2 * position])
        numerator = sum(g[-2] for g in groups if g[first + 2 * position + 1])
        share = ratio(numerator, denominator)
        share.id = name
        values[name] = share
    return values


def counts(scope: Scope) -> dict[str, IndicatorValue]:
    active_groups = _groups(active_at_end(scope), _share_flags())
    return (
        _count_and_fte(_groups(created_in_period(scope)), "jobs.created")
        | _count_and_fte(active_groups, "jobs.active_end")
        | _shares(active_groups)
    )


def persistence(scope: Scope) -> dict[str, IndicatorValue]:
    """Anniversaries counted in SQL, by start year: the rows are the cohorts, not jobs."""
    started = persistence_base(scope)
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
        also=FTE_HOURS,
        weigh=fte,
    )
    rows = []
    for year, n in sorted(enterprises_by_year.items()):
        row = {"cohort": year, "enterprises": n}
        for offset, suffix in YEAR_ENDS:
            observable = date(year + offset, 12, 31) <= as_of
            counted = jobs[year][offset] if year in jobs else {"n": 0, "weight": 0}
            row[f"headcount_{suffix}"] = counted["n"] if observable else None
            row[f"fte_{suffix}"] = float(counted["weight"]) if observable else None
        rows.append(row)
    return {"jobs.cohort_employment": IndicatorValue("jobs.cohort_employment", rows=rows)}
