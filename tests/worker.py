"""Running the task queue inside a test, as `sillon worker` would."""

import threading
from contextlib import contextmanager
from unittest import mock

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker


def run_worker(worker_id: str = "test-worker") -> None:
    """Run every task that is due, then stop (the worker of `sillon worker`). Inside
    the test's transaction, as Django's test client does for requests, the worker must
    not close the connection it shares with the test."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        _run_worker(worker_id)


def _run_worker(worker_id: str) -> None:
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


@contextmanager
def worker_beside():
    """A worker polling the queue beside a live server (browser tests, whose data is
    committed), as `make run` starts one beside the development server."""
    worker = Worker(
        queue_names=["*"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-beside",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="worker-beside", daemon=True)
    thread.start()
    try:
        yield worker
    finally:
        worker.running = False
        thread.join(60)
