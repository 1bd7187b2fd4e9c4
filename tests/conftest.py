"""Shared fixtures: the personas every test speaks of.

Organisation A ("coop-a") has an admin, a manager, a coach and a viewer; the
outsider is the admin of organisation B ("coop-b") and of nothing in A.
"""

import os
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role

PASSWORD = "correct horse battery staple"


# The commands the tests run as a user would (tests/test_cli.py) run as `make test`
# runs them; this process's settings are loaded before this file is read.
os.environ.setdefault("SILLON_PROFILE", "development")


def pytest_configure(config):
    from django.conf import settings

    # Hashing passwords properly is slow on purpose; tests need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests clear the cache before and after each test, even those without a database:
    # a cache in memory (the database cache has its own test, tests/core/test_config.py).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Figures are cached; each test starts without another test's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class Persona:
    user: object
    client: Client


def make_member(organisation: Organisation, username: str, role: Role):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.create(slug="coop-a", name="Coopérative A")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.create(slug="coop-b", name="Structure B")


def _persona(organisation, username, role) -> Persona:
    user = make_member(organisation, username, role)
    return Persona(user=user, client=logged_in(user))


@pytest.fixture
def admin(org_a) -> Persona:
    return _persona(org_a, "alice-admin", Role.ADMIN)


@pytest.fixture
def manager(org_a) -> Persona:
    return _persona(org_a, "marc-manager", Role.MANAGER)


@pytest.fixture
def coach(org_a) -> Persona:
    return _persona(org_a, "chloe-coach", Role.COACH)


@pytest.fixture
def viewer(org_a) -> Persona:
    return _persona(org_a, "victor-viewer", Role.VIEWER)


@pytest.fixture
def outsider(org_b) -> Persona:
    return _persona(org_b, "olga-outsider", Role.ADMIN)


@pytest.fixture
def personas(admin, manager, coach, viewer) -> dict[Role, Persona]:
    return {Role.ADMIN: admin, Role.MANAGER: manager, Role.COACH: coach, Role.VIEWER: viewer}
