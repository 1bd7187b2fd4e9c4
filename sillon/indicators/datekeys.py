"""Anniversaries and "active on a day" of indicators.md, in SQL.

A date becomes the integer yyyymmdd, which both databases compare, add to and divide
natively: its k-year anniversary is key + k × 10000 (29 February → 28 February: minus
one), its year is key / 10000, and 31 December of year Y is Y × 10000 + 1231. SQLite
would otherwise call a Python function per row to extract a year or a month.
"""

import datetime

from django.db.models import Case, Func, IntegerField, Q, Sum, When
from django.db.models import Value as V
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual


class DateKey(Func):
    """A date column as the integer yyyymmdd (NULL stays NULL)."""

    arity = 1
    output_field = IntegerField()
    template = "CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores dates as 'YYYY-MM-DD' text.
        template = "CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


def key(day: datetime.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def year_of(field: str):
    return DateKey(field) / V(10000)


def anniversary_key(field: str, years: int):
    start = DateKey(field)
    leap_day = Case(When(Exact(start % V(10000), V(229)), then=V(1)), default=V(0))
    return start + V(years * 10000) - leap_day


def anniversary_aggregates(start: str, end: str, years, as_of: datetime.date) -> dict:
    """Per k: `reached_k`, the records whose k-year anniversary is on or before A, and
    `alive_k`, those of them still active on it (end empty or on or after it)."""
    aggregates = {}
    for k in years:
        day = anniversary_key(start, k)
        reached = Q(LessThanOrEqual(day, V(key(as_of))))
        alive = Q(**{f"{end}__isnull": True}) | Q(GreaterThanOrEqual(DateKey(end), day))
        aggregates[f"reached_{k}"] = count_if(reached)
        aggregates[f"alive_{k}"] = count_if(reached & alive)
    return aggregates


def active_on_year_end(start: str, end: str, year_expression):
    """Active on 31 December of the year that the expression gives (per row)."""
    last_day = year_expression * V(10000) + V(1231)
    return Q(LessThanOrEqual(DateKey(start), last_day)) & (
        Q(**{f"{end}__isnull": True}) | Q(GreaterThanOrEqual(DateKey(end), last_day))
    )


def count_if(condition):
    return Sum(Case(When(condition, then=V(1)), default=V(0)), output_field=IntegerField())


def sum_if(condition, expression):
    return Sum(Case(When(condition, then=expression), default=None))


def pooled_rate(rows: list[dict], years: int) -> tuple[int, int]:
    """(alive, reached) at the k-year anniversary over every cohort row."""
    return sum(row[f"alive_{years}"] for row in rows), sum(row[f"reached_{years}"] for row in rows)


def cohort_rate(row: dict, years: int) -> float | None:
    reached = row[f"reached_{years}"]
    return row[f"alive_{years}"] / reached if reached else None
