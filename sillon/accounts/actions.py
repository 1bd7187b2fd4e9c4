"""Writes to organisations, memberships and invitations, shared by views, commands and
tests. Each records its audit event in the same transaction."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import (
    InitialPassword,
    Invitation,
    InvitationAnswer,
    Membership,
    Organisation,
)
from sillon.accounts.roles import Role

User = get_user_model()


def new_password() -> str:
    """A password to hand over once; the member changes it after logging in."""
    return secrets.token_urlsafe(12)


def account_name(organisation: Organisation, name: str) -> str:
    """The username of an account created for an organisation: its short name, a dot,
    the name typed. A short name holds no dot, so two organisations never compete for
    a username and a taken name tells nothing about other organisations' accounts."""
    return f"{organisation.slug}.{name}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expiry():
    return timezone.now() + timedelta(days=settings.SILLON_INVITATION_DAYS)


def _ensure_not_member(organisation: Organisation, user) -> None:
    if (
        user is not None
        and Membership.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise ValidationError(
            _("%(username)s is already a member of this organisation."),
            params={"username": user.get_username()},
        )


@transaction.atomic
def create_account(
    organisation: Organisation, name: str, role: Role, email: str = "", by=None
) -> tuple[Membership, str]:
    """A new account, member of the organisation, with a first password to show once;
    the member must change it at their first sign-in. Returns the membership and that
    password (kept nowhere)."""
    username = account_name(organisation, name)
    if User.objects.filter(username__iexact=username).exists():
        # Only this organisation creates names under its short name.
        raise ValidationError(
            _("The account %(username)s already exists: choose another name."),
            params={"username": username},
        )
    password = new_password()
    user = User.objects.create_user(username=username, email=email, password=password)
    InitialPassword.objects.create(user=user)
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    record_event(
        EventKind.MEMBER_ADDED,
        organisation=organisation,
        actor=by,
        target=f"membership:{membership.pk}",
        member=user.pk,
        role=role.value,
        way="initial_password",
    )
    return membership, password


@transaction.atomic
def invite_account(organisation: Organisation, username: str, role: Role, by=None) -> Invitation:
    """Invite an existing account by its username: it sees the invitation when it signs
    in and becomes a member only if it accepts. Whether such an account exists is not
    told (an invitation to nobody simply expires)."""
    user = User.objects.filter(username=username, is_active=True).first()
    _ensure_not_member(organisation, user)
    invitation = Invitation.objects.create(
        organisation=organisation,
        role=role,
        user=user,
        invited_as=username,
        invited_by=by,
        expires_at=_expiry(),
    )
    record_event(
        EventKind.INVITATION_SENT,
        organisation=organisation,
        actor=by,
        target=f"invitation:{invitation.pk}",
        role=role.value,
        way="account",
    )
    return invitation


@transaction.atomic
def invite_by_email(
    organisation: Organisation, email: str, role: Role, by=None
) -> tuple[Invitation, str]:
    """An invitation whose single-use link goes to an e-mail address. Returns it with the
    link's token, which is stored only as its hash."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        role=role,
        email=email,
        invited_as=email,
        token_hash=token_hash(token),
        invited_by=by,
        expires_at=_expiry(),
    )
    record_event(
        EventKind.INVITATION_SENT,
        organisation=organisation,
        actor=by,
        target=f"invitation:{invitation.pk}",
        role=role.value,
        way="email",
    )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The pending invitation of a link, or None (unknown, used, withdrawn or expired)."""
    if not token:
        return None
    return (
        Invitation.objects.pending()
        .select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _locked_pending(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending:
        raise ValidationError(_("This invitation was already answered, withdrawn or has expired."))
    return locked


def _answer(invitation: Invitation, answer: InvitationAnswer) -> None:
    invitation.answer = answer
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> Membership:
    """The addressee accepts: their account becomes a member with the invited role."""
    invitation = _locked_pending(invitation)
    if invitation.user_id is not None and invitation.user_id != user.pk:
        raise ValidationError(_("This invitation is for another account."))
    _answer(invitation, InvitationAnswer.ACCEPTED)
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    record_event(
        EventKind.INVITATION_ACCEPTED,
        organisation=invitation.organisation_id,
        actor=user,
        target=f"invitation:{invitation.pk}",
    )
    if created:
        record_event(
            EventKind.MEMBER_ADDED,
            organisation=invitation.organisation_id,
            actor=user,
            target=f"membership:{membership.pk}",
            member=user.pk,
            role=membership.role,
            way="invitation",
        )
    return membership


@transaction.atomic
def accept_invitation_with_new_account(invitation: Invitation, name: str, password: str):
    """The addressee of an e-mail invitation creates their account (named like every
    account made for the organisation) with the password they chose, and joins."""
    invitation = _locked_pending(invitation)
    if invitation.user_id is not None:
        raise ValidationError(_("This invitation is for an existing account: sign in to answer."))
    username = account_name(invitation.organisation, name)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            _("The account %(username)s already exists: choose another name."),
            params={"username": username},
        )
    user = User.objects.create_user(username=username, email=invitation.email, password=password)
    membership = accept_invitation(invitation, user)
    return user, membership


@transaction.atomic
def decline_invitation(invitation: Invitation, user=None) -> None:
    invitation = _locked_pending(invitation)
    if invitation.user_id is not None and (user is None or invitation.user_id != user.pk):
        raise ValidationError(_("This invitation is for another account."))
    _answer(invitation, InvitationAnswer.DECLINED)
    record_event(
        EventKind.INVITATION_DECLINED,
        organisation=invitation.organisation_id,
        actor=user,
        target=f"invitation:{invitation.pk}",
    )


@transaction.atomic
def cancel_invitation(invitation: Invitation, by=None) -> None:
    invitation = _locked_pending(invitation)
    _answer(invitation, InvitationAnswer.CANCELLED)
    record_event(
        EventKind.INVITATION_CANCELLED,
        organisation=invitation.organisation_id,
        actor=by,
        target=f"invitation:{invitation.pk}",
    )


def _ensure_another_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.ADMIN, user__is_active=True
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMIN and not others.exists():
        raise ValidationError(_("An organisation needs at least one administrator."))


@transaction.atomic
def change_role(membership: Membership, role: Role, by=None) -> Membership:
    # Lock the organisation's memberships so two admins cannot demote each other at once.
    list(Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id))
    if role != Role.ADMIN:
        _ensure_another_admin(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record_event(
        EventKind.ROLE_CHANGED,
        organisation=membership.organisation_id,
        actor=by,
        target=f"membership:{membership.pk}",
        member=membership.user_id,
        role=role.value,
        previous=previous,
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership, by=None) -> None:
    list(Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id))
    _ensure_another_admin(membership)
    pk = membership.pk
    membership.delete()
    record_event(
        EventKind.MEMBER_REMOVED,
        organisation=membership.organisation_id,
        actor=by,
        target=f"membership:{pk}",
        member=membership.user_id,
        role=membership.role,
    )


@transaction.atomic
def save_organisation(form, user, *, was_sharing: bool) -> Organisation:
    """Save the organisation's settings; turning sharing on keeps who and when
    (docs/spec/comparison.md), turning it off forgets them; both are audited."""
    organisation = form.save(commit=False)
    if organisation.shares_with_peers != was_sharing:
        organisation.sharing_since = timezone.now() if organisation.shares_with_peers else None
        organisation.sharing_by = user if organisation.shares_with_peers else None
        record_event(
            EventKind.SHARING_CHANGED,
            organisation=organisation,
            actor=user,
            target=f"organisation:{organisation.pk}",
            shares=organisation.shares_with_peers,
        )
    organisation.save()
    return organisation
