import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sillon.accounts.models import Invitation, Membership
from sillon.accounts.roles import Role


def members_url(organisation):
    return reverse("members", args=[organisation.slug])


def test_admin_creates_an_account_whose_first_password_is_shown_once_on_the_page(
    client, org_a, admin
):
    response = admin.client.post(
        members_url(org_a),
        {"way": "password", "username": "nadia", "email": "nadia@example.org", "role": "coach"},
    )
    # Shown in this response only: not a redirect, not a message kept in the session
    # or a cookie, not cacheable.
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["shown_once"]["password"]
    assert password in response.content.decode()
    assert not list(response.context["messages"])
    assert password not in str(dict(admin.client.session))
    assert all(password not in morsel.value for morsel in response.cookies.values())
    assert password not in admin.client.get(members_url(org_a)).content.decode()
    membership = Membership.objects.get(organisation=org_a, user__username="coop-a.nadia")
    assert membership.role == Role.COACH
    assert membership.user.check_password(password)


def test_an_existing_account_is_invited_never_attached(org_a, admin, outsider):
    response = admin.client.post(
        members_url(org_a),
        {"way": "account", "username": outsider.user.username, "role": "viewer"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(organisation=org_a, user=outsider.user).exists()
    invitation = Invitation.objects.get(organisation=org_a)
    assert invitation.user == outsider.user and invitation.is_pending
    # Nothing of the account is shown back: neither its e-mail nor whether it exists.
    content = response.content.decode()
    assert outsider.user.email not in content
    outsider.user.refresh_from_db()
    assert outsider.user.check_password("correct horse battery staple")


def test_inviting_a_name_that_exists_elsewhere_or_nowhere_answers_the_same(org_a, admin, outsider):
    def answer(username):
        Invitation.objects.all().delete()  # each answer from the same page state
        response = admin.client.post(
            members_url(org_a),
            {"way": "account", "username": username, "role": "viewer"},
            follow=True,
        )
        content = response.content.decode().replace(username, "<name>")
        content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)
        content = re.sub(r"/invitations/\d+/", "/invitations/<id>/", content)
        return content, response.status_code

    assert answer(outsider.user.username) == answer("nobody-by-this-name")


def test_creating_an_account_never_collides_with_another_organisations_names(
    org_a, admin, outsider
):
    """New accounts are named <organisation>.<name>: the name of an account of B is free
    in A, so the page cannot tell that it exists."""
    response = admin.client.post(
        members_url(org_a), {"way": "password", "username": outsider.user.username, "role": "coach"}
    )
    assert response.status_code == 200
    assert response.context["shown_once"]["username"] == f"coop-a.{outsider.user.username}"
    assert not Membership.objects.filter(organisation=org_a, user=outsider.user).exists()


def test_adding_someone_twice_is_refused_with_a_message(org_a, admin, coach):
    response = admin.client.post(
        members_url(org_a), {"way": "account", "username": coach.user.username, "role": "viewer"}
    )
    assert response.status_code == 200
    assert "déjà membre" in response.content.decode()
    assert Membership.objects.get(user=coach.user).role == Role.COACH


def test_add_member_rejects_a_bad_username_and_an_unknown_role(org_a, admin):
    response = admin.client.post(
        members_url(org_a), {"way": "password", "username": "no spaces!", "role": "boss"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"username", "role"}
    assert not get_user_model().objects.filter(username="no spaces!").exists()


def test_admin_changes_a_role(org_a, admin, coach):
    membership = Membership.objects.get(user=coach.user)
    admin.client.post(reverse("member_role", args=[org_a.slug, membership.pk]), {"role": "manager"})
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


def test_the_last_admin_can_be_neither_demoted_nor_removed(org_a, admin):
    membership = Membership.objects.get(user=admin.user)
    response = admin.client.post(
        reverse("member_role", args=[org_a.slug, membership.pk]), {"role": "viewer"}, follow=True
    )
    assert "au moins un administrateur" in response.content.decode()
    admin.client.post(reverse("member_remove", args=[org_a.slug, membership.pk]))
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_an_admin_can_leave_when_another_admin_remains(org_a, admin):
    other = get_user_model().objects.create_user("second-admin")
    Membership.objects.create(organisation=org_a, user=other, role=Role.ADMIN)
    membership = Membership.objects.get(user=admin.user)
    admin.client.post(reverse("member_remove", args=[org_a.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COACH, Role.VIEWER])
def test_other_roles_cannot_change_roles(role, org_a, personas):
    target = Membership.objects.get(user=personas[Role.VIEWER].user)
    response = personas[role].client.post(
        reverse("member_role", args=[org_a.slug, target.pk]), {"role": "admin"}
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.role == Role.VIEWER


def test_admin_renames_the_organisation_and_a_viewer_cannot(org_a, admin, viewer):
    url = reverse("settings", args=[org_a.slug])
    assert viewer.client.post(url, {"name": "Pirate"}).status_code == 403
    admin.client.post(url, {"name": "Coopérative A renommée"})
    org_a.refresh_from_db()
    assert org_a.name == "Coopérative A renommée"


def test_members_page_lists_members_of_this_organisation_only(org_a, admin, outsider):
    content = admin.client.get(members_url(org_a)).content.decode()
    assert admin.user.username in content
    assert outsider.user.username not in content


def test_members_page_query_count_does_not_grow_with_members(org_a, admin, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin.client.get(members_url(org_a)).status_code == 200
        return len(queries)

    count_queries()  # the session settles on the first visit
    few = count_queries()
    for index in range(20):
        user = django_user_model.objects.create_user(f"member-{index}")
        Membership.objects.create(organisation=org_a, user=user, role=Role.COACH)
    assert count_queries() == few
