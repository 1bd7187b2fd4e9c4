"""Date arithmetic shared by the layers above: anniversaries (indicators.md,
followup.md)."""

import datetime


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """Same day and month `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
