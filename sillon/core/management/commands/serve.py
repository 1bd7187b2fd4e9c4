"""`sillon serve`: the production web server, gunicorn on sillon.wsgi.

Workers from the core count (2 × cores + 1, at most 8; SILLON_WEB_WORKERS or
--workers to choose), requests cut after --timeout seconds, the access log on standard
output. Static files are served by WhiteNoise from the application (run
`sillon collectstatic` first in production). The system checks run first, so a
production with the demo's passwords refuses to start (sillon.E001).
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def default_workers() -> int:
    raw = os.environ.get("SILLON_WEB_WORKERS", "").strip()
    if raw:
        if not raw.isdigit() or not 1 <= int(raw) <= 64:
            raise CommandError(
                f"SILLON_WEB_WORKERS must be a whole number from 1 to 64, not {raw!r}."
            )
        return int(raw)
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def gunicorn_arguments(bind: str, workers: int, timeout: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "sillon.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    ]


class Command(BaseCommand):
    help = "Serve Sillon with gunicorn (production); the worker runs apart (sillon worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="HOST:PORT or unix:PATH (127.0.0.1:8000)"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="processes (2 × cores + 1, at most 8)"
        )
        parser.add_argument(
            "--timeout", type=int, default=120, help="seconds before a request is cut (120)"
        )

    def handle(self, *args, bind, workers, timeout, **options):
        workers = workers or default_workers()
        if workers < 1 or timeout < 1:
            raise CommandError("--workers and --timeout must be at least 1.")
        if not bind.startswith("unix:") and ":" not in bind:
            raise CommandError(f"--bind must be HOST:PORT or unix:PATH, not {bind!r}.")
        arguments = gunicorn_arguments(bind, workers, timeout)
        sys.stdout.flush()
        os.execv(sys.executable, arguments)
