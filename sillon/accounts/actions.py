"""Writes to organisations and memberships, shared by views, commands and tests."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role

User = get_user_model()


def new_password() -> str:
    """A password to hand over once; the member changes it after logging in."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def add_member(
    organisation: Organisation, username: str, role: Role, email: str = ""
) -> tuple[Membership, str | None]:
    """Give a user a role in the organisation, creating the account when it is new.

    Returns the membership and, for a new account, its initial password.
    """
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = new_password()
        user = User.objects.create_user(username=username, email=email, password=password)
    elif Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            _("%(username)s is already a member of this organisation."),
            params={"username": username},
        )
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    return membership, password


def _ensure_another_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.ADMIN, user__is_active=True
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMIN and not others.exists():
        raise ValidationError(_("An organisation needs at least one administrator."))


@transaction.atomic
def change_role(membership: Membership, role: Role) -> Membership:
    # Lock the organisation's memberships so two admins cannot demote each other at once.
    list(Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id))
    if role != Role.ADMIN:
        _ensure_another_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    list(Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id))
    _ensure_another_admin(membership)
    membership.delete()
