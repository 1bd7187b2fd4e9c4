import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from sillon.accounts.demo import DEMO_PASSWORD
from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role


def test_demo_creates_coopcity_with_one_working_login_per_role(db, capsys):
    call_command("demo")
    organisation = Organisation.objects.get(slug="coopcity")
    assert organisation.name == "COOPCITY (démo)"
    roles = dict(organisation.memberships.values_list("user__username", "role"))
    assert roles == {f"coopcity-{role.value}": role.value for role in Role}
    printed = capsys.readouterr().out
    for username in roles:
        assert username in printed
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None
    assert DEMO_PASSWORD in printed


def test_demo_recreates_the_organisation_from_scratch(db):
    call_command("demo")
    first = Organisation.objects.get(slug="coopcity")
    call_command("demo")
    assert not Organisation.objects.filter(pk=first.pk).exists()
    assert Membership.objects.filter(organisation__slug="coopcity").count() == 4


def test_demo_if_empty_leaves_a_database_with_organisations_alone(org_a, capsys):
    call_command("demo", if_empty=True)
    assert not Organisation.objects.filter(slug="coopcity").exists()
    assert "no demo created" in capsys.readouterr().out


def test_demo_if_empty_creates_on_an_empty_database_and_then_only_prints(db, capsys):
    call_command("demo", if_empty=True)
    created = Organisation.objects.get(slug="coopcity")
    call_command("demo", if_empty=True)
    assert Organisation.objects.get(slug="coopcity").pk == created.pk
    assert "coopcity-viewer" in capsys.readouterr().out


def test_demo_refuses_a_short_name_that_is_not_a_slug(db):
    with pytest.raises(CommandError, match="not a valid short name"):
        call_command("demo", organisation="Bad Name")
