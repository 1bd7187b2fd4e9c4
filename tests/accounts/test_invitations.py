"""Joining an organisation: nobody is attached without accepting."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sillon.accounts import actions
from sillon.accounts.models import AuditEvent, InitialPassword, Invitation, Membership
from sillon.accounts.roles import Role
from tests.conftest import PASSWORD


def members_url(organisation):
    return reverse("members", args=[organisation.slug])


def invite_by_email(admin, organisation, email="new@example.org", role="coach"):
    admin.client.post(members_url(organisation), {"way": "email", "email": email, "role": role})
    (message,) = mail.outbox
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_email_invitation_sends_a_single_use_link(org_a, admin):
    link = invite_by_email(admin, org_a)
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert org_a.name in message.subject
    assert link.startswith("http://testserver/accounts/invitation/")
    invitation = Invitation.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Only a hash of the token is kept.
    assert token not in invitation.token_hash
    assert invitation.expires_at > timezone.now() + timedelta(days=6)


def test_the_link_uses_the_configured_base_url(org_a, admin, settings):
    settings.SILLON_BASE_URL = "https://sillon.example.org/"
    link = invite_by_email(admin, org_a)
    assert link.startswith("https://sillon.example.org/accounts/invitation/")


def test_the_invitee_creates_an_account_and_joins_once(org_a, admin):
    link = invite_by_email(admin, org_a, role="manager")
    path = link.replace("http://testserver", "")
    visitor = Client()
    assert org_a.name in visitor.get(path).content.decode()
    response = visitor.post(
        path,
        {
            "answer": "create",
            "username": "nadia",
            "new_password1": "a-long-chosen-passphrase",
            "new_password2": "a-long-chosen-passphrase",
        },
    )
    assert response["Location"] == reverse("dashboard", args=[org_a.slug])
    membership = Membership.objects.get(organisation=org_a, user__username="coop-a.nadia")
    assert membership.role == Role.MANAGER
    assert membership.user.email == "new@example.org"
    assert not InitialPassword.objects.filter(user=membership.user).exists()
    # The link is spent.
    assert Client().get(path).status_code == 404
    assert AuditEvent.objects.filter(kind="invitation.accepted", organisation=org_a).exists()


def test_a_signed_in_person_accepts_the_link_with_their_account(org_a, admin, outsider):
    path = invite_by_email(admin, org_a, email="olga@example.org").replace("http://testserver", "")
    outsider.client.post(path, {"answer": "accept"})
    assert Membership.objects.get(organisation=org_a, user=outsider.user).role == Role.COACH


def test_the_invitee_may_decline_the_link(org_a, admin):
    path = invite_by_email(admin, org_a).replace("http://testserver", "")
    Client().post(path, {"answer": "decline"})
    assert Invitation.objects.get().answer == "declined"
    assert Membership.objects.filter(organisation=org_a).count() == 1


def test_an_expired_or_unknown_link_is_refused(org_a, admin):
    path = invite_by_email(admin, org_a).replace("http://testserver", "")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(path).status_code == 404
    assert Client().get(reverse("accounts:invitation_link", args=["made-up"])).status_code == 404


def test_an_invited_account_sees_the_invitation_when_it_signs_in(org_a, admin, outsider):
    actions.invite_account(org_a, outsider.user.username, Role.VIEWER, by=admin.user)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": outsider.user.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:invitations")
    assert org_a.name in client.get(reverse("accounts:invitations")).content.decode()
    assert not Membership.objects.filter(organisation=org_a, user=outsider.user).exists()
    (invitation,) = Invitation.objects.for_account(outsider.user)
    client.post(reverse("accounts:invitation_accept", args=[invitation.pk]))
    assert Membership.objects.get(organisation=org_a, user=outsider.user).role == Role.VIEWER


def test_an_invited_account_may_decline(org_a, admin, outsider):
    invitation = actions.invite_account(org_a, outsider.user.username, Role.ADMIN, by=admin.user)
    outsider.client.post(reverse("accounts:invitation_decline", args=[invitation.pk]))
    assert not Membership.objects.filter(organisation=org_a, user=outsider.user).exists()
    invitation.refresh_from_db()
    assert invitation.answer == "declined"


def test_nobody_else_can_answer_an_invitation(org_a, admin, coach, outsider):
    invitation = actions.invite_account(org_a, outsider.user.username, Role.ADMIN, by=admin.user)
    for url in ("accounts:invitation_accept", "accounts:invitation_decline"):
        assert coach.client.post(reverse(url, args=[invitation.pk])).status_code == 404
    assert (
        coach.client.get(reverse("accounts:invitation_accept", args=[invitation.pk])).status_code
        == 405
    )
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_an_admin_withdraws_an_invitation_and_an_outsider_cannot(org_a, admin, outsider):
    invitation = actions.invite_account(org_a, "someone", Role.COACH, by=admin.user)
    url = reverse("invitation_cancel", args=[org_a.slug, invitation.pk])
    assert outsider.client.post(url).status_code == 404
    admin.client.post(url)
    invitation.refresh_from_db()
    assert invitation.answer == "cancelled"


def test_a_first_password_must_be_changed_at_first_sign_in(org_a, admin):
    membership, password = actions.create_account(org_a, "nadia", Role.COACH, by=admin.user)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "coop-a.nadia", "password": password})
    response = client.get(reverse("dashboard", args=[org_a.slug]))
    assert response["Location"] == reverse("accounts:password_change")
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "my-own-long-passphrase",
            "new_password2": "my-own-long-passphrase",
        },
    )
    assert client.get(reverse("dashboard", args=[org_a.slug])).status_code == 200
    assert not InitialPassword.objects.filter(user=membership.user).exists()
    assert AuditEvent.objects.filter(kind="password.changed", actor_id=membership.user.pk).exists()


def test_a_failed_email_shows_the_link_once_instead(org_a, admin, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("sillon.accounts.emails.send_mail", unreachable)
    response = admin.client.post(
        members_url(org_a), {"way": "email", "email": "new@example.org", "role": "coach"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = response.context["shown_once"]["link"]
    assert "/accounts/invitation/" in link
    assert link not in str(dict(admin.client.session))


def test_members_page_never_shows_an_invited_accounts_own_email(org_a, admin, outsider):
    actions.invite_account(org_a, outsider.user.username, Role.VIEWER, by=admin.user)
    content = admin.client.get(members_url(org_a)).content.decode()
    assert outsider.user.username in content  # what the admin typed
    assert outsider.user.email not in content


def test_membership_changes_are_audit_events(org_a, admin, coach):
    membership = Membership.objects.get(user=coach.user)
    admin.client.post(reverse("member_role", args=[org_a.slug, membership.pk]), {"role": "manager"})
    admin.client.post(reverse("member_remove", args=[org_a.slug, membership.pk]))
    events = AuditEvent.objects.filter(organisation=org_a)
    changed = events.get(kind="member.role_changed")
    assert changed.actor_id == admin.user.pk
    assert changed.details == {"member": coach.user.pk, "role": "manager", "previous": "coach"}
    assert events.get(kind="member.removed").target == f"membership:{membership.pk}"


def test_a_new_account_with_a_taken_name_in_the_organisation_is_refused(org_a, admin):
    get_user_model().objects.create_user("coop-a.nadia")
    response = admin.client.post(
        members_url(org_a), {"way": "password", "username": "nadia", "role": "coach"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
