from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from sillon.accounts.demo import DEMO_SLUG, create_demo_organisation, demo_logins
from sillon.accounts.models import Organisation


class Command(BaseCommand):
    help = (
        "Create (or recreate) a demo organisation with one user per role, and print their logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            default=DEMO_SLUG,
            help=f"Short name (slug) of the demo organisation (default: {DEMO_SLUG}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only create it when the database holds no organisation at all "
            "(used by `make run`); the logins are printed either way.",
        )

    def handle(self, *args, organisation: str, if_empty: bool, **options):
        if slugify(organisation) != organisation:
            raise CommandError(
                f"{organisation!r} is not a valid short name: use lowercase letters, "
                "digits and hyphens."
            )
        if if_empty and Organisation.objects.exists():
            if not Organisation.objects.filter(slug=organisation).exists():
                self.stdout.write("The database already holds organisations; no demo created.")
                return
        else:
            created = create_demo_organisation(organisation)
            self.stdout.write(self.style.SUCCESS(f"Demo organisation “{created.name}” created."))
        self.stdout.write("Demo logins (one per role):")
        for login in demo_logins(organisation):
            self.stdout.write(f"  {login.role.value:<8} {login.username:<24} {login.password}")
