"""The indicators endpoint against the command line's catalogue: the same work (the
engine, then the JSON), plus the token's check and the HTTP layer.

Target (API issue): the endpoint within 10 % of the command line at 100,000 projects.
"""

import os
import time
from io import StringIO

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from sillon.accounts.models import Membership, Organisation  # noqa: E402
from sillon.accounts.roles import Role  # noqa: E402
from sillon.api.actions import create_token  # noqa: E402
from sillon.demo.purge import purge_organisation  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_API_SIZES", "1000,100000").split(",")]
ROUNDS = 3


def best(run) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    call_command("migrate", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"{'projects':>9}{'CLI s':>8}{'API s':>8}{'API/CLI':>9}  identical")
    user, _ = get_user_model().objects.get_or_create(username="bench-api")
    for size in SIZES:
        slug = f"bench-api-{size}"
        call_command("demo", organisation=slug, projects=size, seed=1, verbosity=0, replace=True)
        organisation = Organisation.objects.get(slug=slug)
        Membership.objects.get_or_create(organisation=organisation, user=user, role=Role.VIEWER)
        _token, secret = create_token(user, "bench")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="fr")
        url = f"/api/v1/organisations/{slug}/indicators/?period=2025"
        args = ["indicators", "--organisation", slug, "--period", "2025"]

        def cli(args=args) -> bytes:
            out = StringIO()
            call_command(*args, stdout=out)
            return out.getvalue().encode()

        def api(client=client, url=url) -> bytes:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response.content

        identical = cli() == api()
        cli_time, api_time = best(cli), best(api)
        print(
            f"{size:>9}{cli_time:>8.2f}{api_time:>8.2f}{api_time / cli_time:>9.2f}  {identical}",
            flush=True,
        )
        purge_organisation(organisation)


if __name__ == "__main__":
    main()
