"""The rules of docs/spec/followup.md on dates, as pure functions.

- Exit date: the latest end date of the project's enrolments, provided none is ongoing
  (and the project has at least one); a stopped project is not followed up.
- Wave n1 is due on the exit date's first anniversary, n2 on its second (29 February →
  28 February).
- A wave is due on day A when due_date ≤ A < due_date + 90 days and not sent; missed
  once that window closed unsent.
- Reminders at sent + 14 and sent + 28 days while unanswered; the links expire at
  sent + 60 days (on that day they no longer open the form).
"""

import datetime
from collections.abc import Iterable

from sillon.core.dates import anniversary
from sillon.followup.choices import WAVE_YEARS, Wave
from sillon.followup.models import EXPIRY_DAYS, REMINDER_DAYS, WINDOW_DAYS
from sillon.register.choices import ProjectStatus

DAY = datetime.timedelta(days=1)


def exit_date(end_dates: Iterable[datetime.date | None], status: str) -> datetime.date | None:
    ends = list(end_dates)
    if status == ProjectStatus.STOPPED or not ends or any(end is None for end in ends):
        return None
    return max(ends)


def due_date(exit: datetime.date, wave: str) -> datetime.date:
    return anniversary(exit, WAVE_YEARS[Wave(wave)])


def window_end(due: datetime.date) -> datetime.date:
    """The first day after the window (due + 90 days)."""
    return due + WINDOW_DAYS * DAY


def in_window(due: datetime.date, day: datetime.date) -> bool:
    return due <= day < window_end(due)


def window_closed(due: datetime.date, day: datetime.date) -> bool:
    return day >= window_end(due)


def expires_on(sent_on: datetime.date) -> datetime.date:
    return sent_on + EXPIRY_DAYS * DAY


def expired(sent_on: datetime.date, day: datetime.date) -> bool:
    return day >= expires_on(sent_on)


def reminder_due(sent_on: datetime.date, day: datetime.date, already_sent: int) -> int | None:
    """The number (1 or 2) of the reminder to send on that day, if any: the latest one
    whose day has come, when not sent yet and the link has not expired. A reminder
    whose day passed while a later one is due is skipped, never sent late."""
    if expired(sent_on, day):
        return None
    reached = [n for n, days in enumerate(REMINDER_DAYS, 1) if day >= sent_on + days * DAY]
    if not reached or reached[-1] <= already_sent:
        return None
    return reached[-1]
