"""`sillon worker`: runs the background tasks (django-tasks-db's worker, every queue),
with a heartbeat, the retry of abandoned attempts and the daily jobs
(sillon/core/worker.py)."""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from sillon.core.worker import Housekeeper


class Command(DbWorkerCommand):
    help = "Run Sillon's background tasks and daily jobs (stop with Ctrl+C or SIGTERM)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args, **options):
        housekeeper = Housekeeper(options["worker_id"])
        housekeeper.start()
        try:
            super().handle(*args, **options)
        finally:
            housekeeper.stopping.set()
            housekeeper.join(10)
