"""What `sillon worker` does beside running tasks, every HEARTBEAT_SECONDS on a
thread of its own: it writes its heartbeat, retries the attempts of workers that
stopped mid-task, and enqueues the daily jobs when they are due."""

import logging
import threading
from datetime import timedelta

from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sillon.core import daily
from sillon.core.models import WorkerHeartbeat
from sillon.core.tasks import WorkerStopped, enqueue_retry

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# A worker not seen for this long has stopped: /health/ fails and its running attempts
# are retried.
STALE_AFTER = timedelta(seconds=30)


def beat(worker_id: str, started_at) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"started_at": started_at, "seen_at": timezone.now()}
    )


def alive_workers() -> set[str]:
    limit = timezone.now() - STALE_AFTER
    return set(
        WorkerHeartbeat.objects.filter(seen_at__gte=limit).values_list("worker_id", flat=True)
    )


def worker_is_alive() -> bool:
    return WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - STALE_AFTER).exists()


def recover_abandoned() -> int:
    """Mark failed the attempts left running by a worker that stopped, and enqueue
    their next attempt; returns how many."""
    alive = alive_workers()
    recovered = 0
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        if result.started_at and result.started_at > timezone.now() - STALE_AFTER:
            continue  # claimed a moment ago: its worker's first heartbeat may be coming
        with transaction.atomic():
            claimed = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.FAILED)
            if not claimed:
                continue
            result.refresh_from_db()
            result.set_failed(
                WorkerStopped(f"The worker {result.worker_ids[-1:]} stopped during this attempt.")
            )
            arguments = result.args_kwargs
            kwargs = dict(arguments["kwargs"])
            attempt = kwargs.pop("attempt", 1)
            try:
                enqueue_retry(result.task, arguments["args"], kwargs, attempt)
            except ImportError:
                logger.warning("Task %s no longer exists: not retried", result.task_path)
        recovered += 1
    return recovered


def housekeeping(worker_id: str, started_at) -> None:
    beat(worker_id, started_at)
    if recovered := recover_abandoned():
        logger.warning("Retried %s task(s) left by a stopped worker.", recovered)
    daily.enqueue_if_due()


class Housekeeper(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name="sillon-housekeeper", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                housekeeping(self.worker_id, self.started_at)
            except Exception:  # the worker keeps running; the next beat tries again
                logger.exception("The worker's housekeeping failed")
            self.stopping.wait(HEARTBEAT_SECONDS)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        connection.close()
