"""The demo organisation and its four users, one per role."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role

User = get_user_model()

DEMO_SLUG = "coopcity"
DEMO_NAME = "COOPCITY (démo)"
# Known on purpose: the demo exists to be tried. Never load it on a public server.
DEMO_PASSWORD = "sillon-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role


def demo_logins(slug: str) -> list[DemoLogin]:
    return [DemoLogin(f"{slug}-{role.value}", DEMO_PASSWORD, role) for role in Role]


@transaction.atomic
def create_demo_organisation(slug: str = DEMO_SLUG, name: str | None = None) -> Organisation:
    """(Re)create the organisation from scratch, with one user per role."""
    Organisation.objects.filter(slug=slug).delete()
    organisation = Organisation.objects.create(
        slug=slug, name=name or (DEMO_NAME if slug == DEMO_SLUG else f"{slug} (démo)")
    )
    for login in demo_logins(slug):
        user, _ = User.objects.get_or_create(username=login.username)
        user.is_active = True
        user.set_password(login.password)
        user.save()
        Membership.objects.create(organisation=organisation, user=user, role=login.role)
    return organisation
