"""The permission helper: 404 for outsiders, 403 for a role without the right, 405 for
a wrong method, login for the anonymous — on every organisation page."""

import pytest
from django.urls import reverse

from sillon.accounts.models import Membership
from sillon.accounts.roles import Ability, Role

# Every page of an organisation that takes GET, and who may open it.
READABLE_BY_EVERY_MEMBER = ["dashboard", "reports", "settings"]
RECORDS = ["projects", "activities", "enterprises", "data"]  # not a viewer
ADMIN_ONLY = ["members"]


def org_url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


@pytest.mark.parametrize("name", READABLE_BY_EVERY_MEMBER + RECORDS + ADMIN_ONLY)
def test_outsider_gets_404_on_every_page_of_another_organisation(name, org_a, outsider):
    response = outsider.client.get(org_url(name, org_a))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["member_role", "member_remove"])
def test_outsider_gets_404_when_acting_on_a_member_of_another_organisation(
    name, org_a, admin, outsider
):
    membership = Membership.objects.get(user=admin.user)
    response = outsider.client.post(org_url(name, org_a, membership.pk), {"role": "viewer"})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_admin_cannot_reach_a_membership_of_another_organisation_through_own_url(
    org_a, admin, outsider
):
    """The record lookup is scoped too: A's URL with B's membership id is a 404."""
    foreign = Membership.objects.get(user=outsider.user)
    response = admin.client.post(org_url("member_remove", org_a, foreign.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_unknown_organisation_is_404_like_a_foreign_one(admin):
    response = admin.client.get(reverse("dashboard", args=["no-such-organisation"]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", READABLE_BY_EVERY_MEMBER + RECORDS + ADMIN_ONLY)
def test_anonymous_visitor_is_sent_to_login(name, client, org_a):
    url = org_url(name, org_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", READABLE_BY_EVERY_MEMBER)
def test_every_role_reads_the_shared_pages(name, role, org_a, personas):
    response = personas[role].client.get(org_url(name, org_a))
    assert response.status_code == 200


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", RECORDS)
def test_every_role_but_the_viewer_opens_the_record_lists(name, role, org_a, personas):
    response = personas[role].client.get(org_url(name, org_a))
    assert response.status_code == (403 if role == Role.VIEWER else 200)


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ADMIN, 200), (Role.MANAGER, 403), (Role.COACH, 403), (Role.VIEWER, 403)],
)
def test_only_admin_manages_members(role, status, org_a, personas):
    response = personas[role].client.get(org_url("members", org_a))
    assert response.status_code == status


def test_forbidden_page_keeps_the_navigation(org_a, viewer):
    response = viewer.client.get(org_url("members", org_a))
    assert response.status_code == 403
    assert 'class="sections"' in response.content.decode()


def test_wrong_method_is_405(org_a, admin):
    assert admin.client.post(org_url("dashboard", org_a)).status_code == 405
    membership = Membership.objects.get(user=admin.user)
    assert admin.client.get(org_url("member_remove", org_a, membership.pk)).status_code == 405


def test_deactivated_user_loses_access(org_a, coach):
    coach.user.is_active = False
    coach.user.save()
    response = coach.client.get(org_url("dashboard", org_a))
    assert response.status_code == 302  # the session no longer authenticates


def test_member_of_two_organisations_reaches_both(org_a, org_b, coach):
    Membership.objects.create(organisation=org_b, user=coach.user, role=Role.VIEWER)
    assert coach.client.get(org_url("dashboard", org_a)).status_code == 200
    assert coach.client.get(org_url("dashboard", org_b)).status_code == 200
    # ...with the role of each: viewer in B, so no member management there either.
    assert coach.client.get(org_url("members", org_b)).status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, set(Ability)),
        (Role.MANAGER, set(Ability) - {Ability.MANAGE_ORGANISATION}),
        (
            Role.COACH,
            {
                Ability.VIEW,
                Ability.VIEW_RECORDS,
                Ability.VIEW_PERSONAL_DATA,
                Ability.EDIT_ACCOMPANIMENT,
            },
        ),
        (Role.VIEWER, {Ability.VIEW}),
    ],
)
def test_roles_grant_what_domain_md_says(role, expected):
    assert set(role.abilities) == expected


def test_viewer_never_has_personal_data_nor_records():
    assert Ability.VIEW_PERSONAL_DATA not in Role.VIEWER.abilities
    assert Ability.VIEW_RECORDS not in Role.VIEWER.abilities
