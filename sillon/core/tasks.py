"""Background tasks: Django's Tasks framework (`django.tasks`) on the database backend
of django-tasks-db, run by `sillon worker` (sillon/core/worker.py).

`retried_task` declares a task that is retried with backoff when it fails:

    from sillon.core.tasks import retried_task

    @retried_task
    def produce_report(report_pk: int) -> None: ...

    produce_report.enqueue(report.pk)       # from a view, inside transaction.on_commit

Each attempt is one row of django-tasks-db (`DBTaskResult`) whose kwargs carry its
number (`attempt`); an attempt that raises is recorded as failed, with its error, and
the next one is enqueued to run after a delay (1, 5, then 25 minutes) until
MAX_ATTEMPTS. An attempt whose worker stopped (killed, machine restarted) is found by
the worker's heartbeat and retried the same way. A task may ask `is_last_attempt()` to
record a failure its users see only when no attempt is left.
"""

import contextvars
import functools
import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
# Seconds before attempt n + 1 (index n - 1).
BACKOFF = (60, 300, 1500)

_attempt = contextvars.ContextVar("sillon_task_attempt", default=(1, 1))


class WorkerStopped(Exception):
    """The worker running the attempt stopped before it finished."""


def backoff(attempt: int) -> timedelta:
    return timedelta(seconds=BACKOFF[min(attempt, len(BACKOFF)) - 1])


def is_last_attempt() -> bool:
    attempt, most = _attempt.get()
    return attempt >= most


def current_attempt() -> int:
    return _attempt.get()[0]


def is_retried(task_object) -> bool:
    return getattr(task_object.func, "retried", False)


def enqueue_retry(task_object, args, kwargs, attempt: int) -> bool:
    """Enqueue attempt `attempt + 1` after its delay, if attempts are left."""
    if attempt >= MAX_ATTEMPTS or not is_retried(task_object):
        return False
    task_object.using(run_after=timezone.now() + backoff(attempt)).enqueue(
        *args, **{**kwargs, "attempt": attempt + 1}
    )
    return True


def retried_task(function=None, *, priority: int = 0):
    """A task of `django.tasks` retried with backoff (see the module's docstring)."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt: int = 1, **kwargs):
            token = _attempt.set((attempt, MAX_ATTEMPTS))
            try:
                return function(*args, **kwargs)
            except Exception:
                retried = enqueue_retry(declared, args, kwargs, attempt)
                logger.exception(
                    "Task %s failed (attempt %s of %s)%s",
                    declared.name,
                    attempt,
                    MAX_ATTEMPTS,
                    ", retried later" if retried else "",
                )
                raise
            finally:
                _attempt.reset(token)

        run.retried = True
        declared = task(run, priority=priority)
        return declared

    return decorate(function) if function else decorate
