"""The demo organisation's members: one user per role, with a published password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

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


def demo_name(slug: str) -> str:
    return DEMO_NAME if slug == DEMO_SLUG else f"{slug} (démo)"


def create_demo_members(organisation: Organisation) -> None:
    """One user per role, named after the organisation, with the demo password."""
    for login in demo_logins(organisation.slug):
        user, _ = User.objects.get_or_create(username=login.username)
        user.is_active = True
        user.set_password(login.password)
        user.save()
        Membership.objects.update_or_create(
            organisation=organisation, user=user, defaults={"role": login.role}
        )
