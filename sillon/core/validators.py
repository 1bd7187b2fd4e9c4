"""The rules on dates and numbers that every way in shares — the forms (through the
model fields that name these validators), the workbook import (`workbook/cells.py`
calls the same functions on each cell) and the API to come (model validation).

- A date: from 1 January 1900 to ten years from today (a later one is a typing error:
  no record of Sillon is planned further ahead).
- A year of birth: from 1900 to this year.
- The hours of one session: more than 0 and at most 24.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
YEARS_AHEAD = 10
MOST_HOURS_A_SESSION = 24


def latest_date(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def validate_record_date(value: datetime.date) -> None:
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    last = latest_date()
    if not EARLIEST_DATE <= value <= last:
        raise ValidationError(
            _("Give a date from %(first)s to %(last)s (ten years from today)."),
            code="date_out_of_range",
            params={
                "first": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "last": date_format(last, "SHORT_DATE_FORMAT"),
            },
        )


def validate_birth_year(value: int) -> None:
    if value is None:
        return
    this_year = timezone.localdate().year
    if not EARLIEST_DATE.year <= value <= this_year:
        raise ValidationError(
            _("Give a year between %(first)d and this year (%(this)d)."),
            code="year_out_of_range",
            params={"first": EARLIEST_DATE.year, "this": this_year},
        )


def validate_session_hours(value) -> None:
    if value is None:
        return
    if not 0 < value <= MOST_HOURS_A_SESSION:
        raise ValidationError(
            _("Hours must be more than 0 and at most %(most)d for one session."),
            code="hours_out_of_range",
            params={"most": MOST_HOURS_A_SESSION},
        )
