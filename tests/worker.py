"""Running the task queue inside a test, as `sillon worker` would."""

from unittest import mock

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
