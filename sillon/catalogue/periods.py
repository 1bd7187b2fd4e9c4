"""Periods of docs/spec/indicators.md: "2025", "2025-S1", "2025-S2" or "2024-07-01..2025-06-30"."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YEAR = re.compile(r"^(\d{4})$")
SEMESTER = re.compile(r"^(\d{4})-S([12])$")
FIRST_YEAR, LAST_YEAR = 1900, 2100
RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    id: str
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def year_period(year: int) -> Period:
    return Period(str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def semester_period(year: int, half: int) -> Period:
    if half == 1:
        return Period(f"{year}-S1", datetime.date(year, 1, 1), datetime.date(year, 6, 30))
    return Period(f"{year}-S2", datetime.date(year, 7, 1), datetime.date(year, 12, 31))


def parse_period(text: str) -> Period:
    """The period a text names, or a ValidationError that says what is expected.

    A range that is a whole year or semester gets that period's id, so that one period
    has one name ("2025-01-01..2025-12-31" is "2025").
    """
    text = (text or "").strip()
    period = None
    if (match := YEAR.match(text)) and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        period = year_period(int(match.group(1)))
    elif (match := SEMESTER.match(text)) and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        period = semester_period(int(match.group(1)), int(match.group(2)))
    elif match := RANGE.match(text):
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2))
        except ValueError:
            start = end = None
        if start and end and start <= end:
            period = Period(text, start, end)
            for candidate in (
                year_period(start.year),
                semester_period(start.year, 1),
                semester_period(start.year, 2),
            ):
                if (candidate.start, candidate.end) == (start, end):
                    period = candidate
    if period and period.start.year >= FIRST_YEAR and period.end.year <= LAST_YEAR:
        return period
    raise ValidationError(
        _("%(value)s is not a period: write 2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30."),
        params={"value": text},
        code="period",
    )


def year_to_date(period: Period) -> Period:
    """From 1 January of the period's last year to the period's end (a semester's year
    to date; the period itself when it starts on 1 January)."""
    start = datetime.date(period.end.year, 1, 1)
    if start == period.start:
        return period
    if (period.end.month, period.end.day) == (12, 31):
        return year_period(period.end.year)  # one period, one name: shared figures
    return Period(f"{start}..{period.end}", start, period.end)


def refuse_future(period: Period, today: datetime.date) -> Period:
    """A period starting after today has no figures yet: refused, with a message."""
    if period.start > today:
        raise ValidationError(
            _("%(period)s starts after today: choose a period that has begun."),
            params={"period": period.id},
            code="future",
        )
    return period
