"""Periods of spec/indicators.md: "2025", "2025-S1", "2025-S2" or "2024-07-01..2025-06-30"."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YEAR = re.compile(r"^(\d{4})$")
SEMESTER = re.compile(r"^(\d{4})-S([12])$")
RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    id: str
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_period(text: str) -> Period:
    """The period a text names, or a ValidationError that says what is expected."""
    text = (text or "").strip()
    if match := YEAR.match(text):
        year = int(match.group(1))
        return Period(text, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if match := SEMESTER.match(text):
        year, half = int(match.group(1)), match.group(2)
        if half == "1":
            return Period(text, datetime.date(year, 1, 1), datetime.date(year, 6, 30))
        return Period(text, datetime.date(year, 7, 1), datetime.date(year, 12, 31))
    if match := RANGE.match(text):
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2))
        except ValueError:
            start = end = None
        if start and end and start <= end:
            return Period(text, start, end)
    raise ValidationError(
        _("%(value)s is not a period: write 2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30."),
        params={"value": text},
        code="period",
    )
