"""Daily jobs: tasks `sillon worker` enqueues once a day, at SILLON_DAILY_HOUR (local
time, default 3). A higher app registers its own from its `AppConfig.ready()`:

    from sillon.core.daily import register_daily_job
    from sillon.followup.tasks import send_due_followups   # a django.tasks Task

    class FollowupConfig(AppConfig):
        def ready(self):
            register_daily_job(send_due_followups)

The task is enqueued with no arguments; make it idempotent (it may run late, after a
worker was down, but runs once per day). Declare it with
`sillon.core.tasks.retried_task` to have failures retried.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

_jobs: dict[str, object] = {}


def register_daily_job(task) -> None:
    """Enqueue this task (a `django.tasks` Task taking no arguments) once a day."""
    _jobs[task.module_path] = task


def daily_jobs() -> list:
    return list(_jobs.values())


def enqueue_if_due(now: datetime | None = None) -> list:
    """Enqueue the daily jobs when today's are due and not enqueued yet (by this or
    any other worker); returns the tasks enqueued."""
    from sillon.core.models import DailyRun

    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.SILLON_DAILY_HOUR:
        return []
    if DailyRun.objects.filter(day=local.date()).exists():
        return []
    try:
        with transaction.atomic():
            DailyRun.objects.create(day=local.date())
            for job in daily_jobs():
                job.enqueue()
    except IntegrityError:  # another worker enqueued them at the same moment
        return []
    logger.info("Daily jobs enqueued for %s: %s", local.date(), len(_jobs))
    return daily_jobs()
