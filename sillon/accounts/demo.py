"""The demo organisation's members: one user per role, with a published password."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role
from sillon.codes import enterprise_numbers

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


def demo_enterprise_number(slug: str) -> str:
    """A valid enterprise number of the demo organisation, derived from its slug, so that
    demo installations can exchange statements (docs/spec/comparison.md): "0" and seven
    digits of the slug's hash, then the mod-97 check."""
    digest = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
    for attempt in range(100):
        base = f"0{(digest + attempt) % 10_000_000:07d}"
        number = f"{base}{97 - int(base) % 97:02d}"
        if enterprise_numbers.normalise(number) == number:
            return number
    raise AssertionError("no valid enterprise number")  # pragma: no cover


def create_demo_members(organisation: Organisation) -> list[str]:
    """One user per role, named after the organisation, with the demo password.

    An account that already exists is never touched: not its password, not whether it
    is active, not its role where it is already a member. Returns the names of those
    accounts (their password is their own, not the demo's)."""
    kept = []
    for login in demo_logins(organisation.slug):
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User.objects.create_user(username=login.username, password=login.password)
        else:
            kept.append(login.username)
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": login.role}
        )
    return kept
