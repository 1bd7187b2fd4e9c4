"""Dates of docs/spec/indicators.md: anniversaries and "active on a day"."""

import datetime


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """Same day and month `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def active_on(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    """Started on or before the day, and not ended before it (the end is the last day)."""
    return (start is None or start <= day) and (end is None or end >= day)
