import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from sillon.accounts.demo import (
    DEMO_PASSWORD,
    DEMO_SLUG,
    create_demo_members,
    demo_enterprise_number,
    demo_logins,
    demo_name,
)
from sillon.accounts.models import Organisation
from sillon.core.bulk import refresh_statistics
from sillon.demo import applications, followup, mission, outcomes, register, register_entries
from sillon.demo.purge import is_demo_organisation, purge_organisation


def own_passwords(usernames: list[str]) -> set[str]:
    """Those of the existing accounts whose password is no longer the demo's."""
    users = get_user_model().objects.filter(username__in=usernames)
    return {u.username for u in users if not check_password(DEMO_PASSWORD, u.password)}


class Command(BaseCommand):
    help = (
        "Create (or recreate) a demo organisation with realistic, deterministic records "
        "and one user per role, and print their logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            default=DEMO_SLUG,
            help=f"Short name (slug) of the demo organisation (default: {DEMO_SLUG}).",
        )
        parser.add_argument(
            "--projects", type=int, default=300, help="Number of projects (default: 300)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random generator (default: 1)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Allow replacing an existing organisation that holds records not made by "
            "the demo (they are deleted).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only create it when the database holds no organisation at all "
            "(used by `make run`); the logins are printed either way.",
        )

    def handle(self, *args, organisation, projects, seed, if_empty, replace, verbosity, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "sillon demo does not run under the production profile "
                "(SILLON_PROFILE=production): the demo's passwords are published. "
                "Try the demo on a development installation."
            )
        if slugify(organisation) != organisation:
            raise CommandError(
                f"{organisation!r} is not a valid short name: use lowercase letters, "
                "digits and hyphens."
            )
        if projects < 0:
            raise CommandError("--projects must be zero or more.")
        existing = Organisation.objects.filter(slug=organisation).first()
        # With --if-empty an existing organisation is never touched, so no need to ask.
        if existing and not (replace or if_empty) and not is_demo_organisation(existing):
            raise CommandError(
                f"The organisation {organisation!r} holds records or members that the demo "
                "did not make: it is left alone. Give --replace to delete it and make the "
                "demo in its place, or choose another --organisation."
            )
        kept: list[str] = []  # existing accounts the demo left as they were
        if if_empty and Organisation.objects.exists():
            if not Organisation.objects.filter(slug=organisation).exists():
                self.stdout.write("The database already holds organisations; no demo created.")
                return
        else:
            started = time.monotonic()
            created, kept = self.create(organisation, projects, seed)
            refresh_statistics()
            if verbosity >= 1:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo organisation “{created.name}” created with {projects} projects "
                        f"in {time.monotonic() - started:.1f} s."
                    )
                )
        if verbosity < 1:
            return
        self.stdout.write("Demo logins (one per role):")
        own = own_passwords(kept)
        for login in demo_logins(organisation):
            password = (
                "(an existing account, left with its own password)"
                if login.username in own
                else login.password
            )
            self.stdout.write(f"  {login.role.value:<8} {login.username:<24} {password}")

    @transaction.atomic
    def create(self, slug: str, projects: int, seed: int) -> tuple[Organisation, list[str]]:
        existing = Organisation.objects.filter(slug=slug).first()
        if existing is not None:
            purge_organisation(existing)
        organisation = Organisation.objects.create(
            slug=slug, name=demo_name(slug), enterprise_number=demo_enterprise_number(slug)
        )
        kept = create_demo_members(organisation)
        register.populate(organisation, projects, seed, progress=self.progress(projects))
        outcomes.populate(organisation, projects, seed)
        applications.populate(organisation, seed)
        mission.populate(organisation, seed)
        followup.populate(organisation, seed)
        register_entries.populate(organisation, seed)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        return organisation, kept

    def progress(self, total: int):
        """A progress line on a terminal; nothing when the output is not one."""
        if not sys.stderr.isatty() or total == 0:
            return None

        def show(done: int) -> None:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} projects")
            sys.stderr.flush()

        return show
