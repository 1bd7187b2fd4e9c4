"""Dates of docs/spec/indicators.md: anniversaries and "active on a day"."""

import datetime

from sillon.core.dates import anniversary

__all__ = ["active_on", "anniversary"]


def active_on(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    """Started on or before the day, and not ended before it (the end is the last day)."""
    return (start is None or start <= day) and (end is None or end >= day)
