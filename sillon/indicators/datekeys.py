"""Anniversaries and year ends of docs/spec/indicators.md, counted in SQL by cohort.

A date becomes the integer yyyymmdd, which both databases compare, subtract and divide
natively: its k-year anniversary is key + k × 10000 (29 February → 28 February: minus
one), its year is key / 10000. SQLite would otherwise call a Python function per row.

Each record is reduced to a few small integers that the database groups on — how many
anniversaries it has reached by A, how many whole years it lasted, which year ends it
covers — so every expression is evaluated once per row and the rows returned are
bounded by the years, not by the data.
"""

import datetime
from collections.abc import Callable
from fractions import Fraction

from django.db.models import Case, Count, Func, IntegerField, Q, When
from django.db.models import Value as V
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import Exact


class DateKey(Func):
    """A date column as the integer yyyymmdd (NULL stays NULL)."""

    arity = 1
    output_field = IntegerField()
    template = "CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores dates as 'YYYY-MM-DD' text.
        template = "CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


def year_of(field: str):
    return DateKey(field) / V(10000)


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """The k-year anniversary of docs/spec/indicators.md: 29 February gives 28 February."""
    if (day.month, day.day) == (2, 29):
        return datetime.date(day.year + years, 2, 28)
    return day.replace(year=day.year + years)


def last_start_reaching(as_of: datetime.date, years: int) -> datetime.date:
    """The latest start date whose k-year anniversary is on or before A: anniversaries
    grow with the start date, so "reached by A" is "started on or before this day"."""
    day = datetime.date(as_of.year - years, as_of.month, min(as_of.day, 28))
    while anniversary(day + datetime.timedelta(days=1), years) <= as_of:
        day += datetime.timedelta(days=1)
    return day


def _lasted(start: str, end: str):
    """The whole years from start to end, as keys (29 February counts one day more)."""
    leap_day = Case(When(Exact(DateKey(start) % V(10000), V(229)), then=V(1)), default=V(0))
    return (DateKey(end) - DateKey(start) + leap_day) / V(10000)


def reached_and_alive(queryset, start: str, end: str, years: int, as_of):
    """(records whose k-year anniversary is on or before A, those of them active on
    it): the records behind a cell of anniversaries_by_cohort, by the same expressions."""
    reached = queryset.filter(**{f"{start}__lte": last_start_reaching(as_of, years)})
    alive = reached.annotate(lasted_years=_lasted(start, end)).filter(
        Q(**{f"{end}__isnull": True}) | Q(lasted_years__gte=years)
    )
    return reached, alive


def anniversaries_by_cohort(queryset, start: str, end: str, years: int, as_of) -> list[dict]:
    """Rows {cohort, n, reached_k, alive_k} for k = 1..years, one per start year, in order.

    `reached_k` counts the records whose k-year anniversary is on or before A, `alive_k`
    those of them still active on it (end empty or on or after it). A record is alive
    on its k-year anniversary when end − start + (1 for 29 February), as keys, is at
    least k × 10000: the whole years it lasted, capped at `years`, are grouped on.
    """
    reached = Case(
        *[
            When(Q(**{f"{start}__lte": last_start_reaching(as_of, k)}), then=V(k))
            for k in range(years, 0, -1)
        ],
        default=V(0),
    )
    lasted = _lasted(start, end)
    whole_years = Case(
        When(Q(**{f"{end}__isnull": True}), then=V(years)),
        default=Least(V(years), lasted),
        output_field=IntegerField(),
    )
    groups = (
        queryset.annotate(cohort=year_of(start), reached=reached, whole_years=whole_years)
        .order_by()
        .values_list("cohort", "reached", "whole_years")
        .annotate(n=Count("pk"))
    )
    rows: dict[int, dict] = {}
    for cohort, reached_count, lasted_years, n in groups:
        row = rows.setdefault(
            cohort,
            {"cohort": cohort, "n": 0}
            | {f"{name}_{k}": 0 for k in range(1, years + 1) for name in ("reached", "alive")},
        )
        row["n"] += n
        for k in range(1, reached_count + 1):
            row[f"reached_{k}"] += n
            if lasted_years >= k:
                row[f"alive_{k}"] += n
    return [rows[cohort] for cohort in sorted(rows)]


def year_ends_by_cohort(
    queryset,
    cohort_date: str,
    start: str,
    end: str,
    offsets: int,
    also: tuple[str, ...] = (),
    weigh: Callable[..., Fraction] | None = None,
):
    """{cohort: [{"n": …, "weight": …} for y = cohort, cohort + 1, …, cohort + offsets]}:
    the records active on 31 December of each year, counted per cohort year, and, with
    `weigh`, weighed: the rows are also grouped by the columns `also`, and
    `weigh(*their values, n)` is added (exact fractions: the sum is the same whatever
    the order the database returns the groups in).

    A record is active on 31 December of y when its start year ≤ y ≤ the last year
    whose 31 December it reaches (its end year, or the year before when it ends before
    31 December). Both are grouped on, as offsets from the cohort year, clipped to the
    window.
    """
    cohort = year_of(cohort_date)
    first = Greatest(V(0), Least(V(offsets + 1), year_of(start) - cohort))
    before_year_end = Case(When(Exact(DateKey(end) % V(10000), V(1231)), then=V(0)), default=V(1))
    last = Case(
        When(Q(**{f"{end}__isnull": True}), then=V(offsets)),
        default=Greatest(V(-1), Least(V(offsets), year_of(end) - before_year_end - cohort)),
        output_field=IntegerField(),
    )
    groups = (
        queryset.annotate(cohort=cohort, first=first, last=last)
        .order_by()
        .values_list("cohort", "first", "last", *also)
        .annotate(n=Count("pk"))
    )
    table: dict[int, list[dict]] = {}
    for cohort_year, first_offset, last_offset, *values, n in groups:
        year_ends = table.setdefault(
            cohort_year, [{"n": 0, "weight": Fraction(0)} for _ in range(offsets + 1)]
        )
        weight = weigh(*values, n) if weigh else 0
        for offset in range(first_offset, min(last_offset, offsets) + 1):
            year_ends[offset]["n"] += n
            year_ends[offset]["weight"] += weight
    return table


def pooled_rate(rows: list[dict], years: int) -> tuple[int, int]:
    """(alive, reached) at the k-year anniversary over every cohort row."""
    return sum(row[f"alive_{years}"] for row in rows), sum(row[f"reached_{years}"] for row in rows)


def cohort_rate(row: dict, years: int) -> float | None:
    reached = row[f"reached_{years}"]
    return row[f"alive_{years}"] / reached if reached else None
