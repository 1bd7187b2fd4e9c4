"""Time and query count of the interface shell's pages for a logged-in member."""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from sillon.accounts.demo import demo_logins  # noqa: E402
from sillon.accounts.models import Organisation  # noqa: E402
from sillon.accounts.roles import Role  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402

ROUNDS = 50
PROJECTS = 2000
PAGES = [
    "dashboard",
    "projects",
    "activities",
    "enterprises",
    "jobs",
    "programmes",
    "settings",
    "members",
]


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("demo", organisation="bench-pages", projects=PROJECTS, seed=1, verbosity=0)
    organisation = Organisation.objects.get(slug="bench-pages")
    admin = next(login for login in demo_logins(organisation.slug) if login.role == Role.ADMIN)
    client = Client()
    client.login(username=admin.username, password=admin.password)
    print(f"{'page':<12}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for name in PAGES:
        url = reverse(name, args=[organisation.slug])
        assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:<12}{statistics.median(timings):>10.1f}{p95:>10.1f}{len(queries):>9}")
    purge_organisation(organisation)


if __name__ == "__main__":
    main()
