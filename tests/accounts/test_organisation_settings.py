"""The organisation's enterprise number and its "share figures with peers" switch
(docs/spec/comparison.md): validated, admin only, who and when kept."""

from django.urls import reverse

from sillon.accounts.audit import EventKind
from sillon.accounts.demo import demo_enterprise_number
from sillon.accounts.models import AuditEvent
from sillon.codes import enterprise_numbers


def post(persona, organisation, **data):
    return persona.client.post(
        reverse("settings", args=[organisation.slug]), {"name": organisation.name, **data}
    )


def test_admin_saves_a_normalised_enterprise_number_and_turns_sharing_on(admin, org_a):
    response = post(admin, org_a, enterprise_number="BE 0123.456.749", shares_with_peers="on")
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.enterprise_number == "0123456749"
    assert org_a.shares_with_peers
    assert org_a.sharing_by == admin.user
    assert org_a.sharing_since is not None
    event = AuditEvent.objects.get(kind=EventKind.SHARING_CHANGED)
    assert event.details == {"shares": True}
    # Turned off: who and when are forgotten, the change audited.
    post(admin, org_a, enterprise_number="0123456749")
    org_a.refresh_from_db()
    assert not org_a.shares_with_peers
    assert org_a.sharing_by is None and org_a.sharing_since is None
    assert AuditEvent.objects.filter(kind=EventKind.SHARING_CHANGED).count() == 2


def test_a_bad_check_digit_is_refused_and_nothing_saved(admin, org_a):
    response = post(admin, org_a, enterprise_number="0123456748", shares_with_peers="on")
    assert response.status_code == 200
    assert "0123456748" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.enterprise_number == "" and not org_a.shares_with_peers


def test_sharing_is_off_by_default_and_only_an_admin_turns_it_on(manager, viewer, org_a):
    assert not org_a.shares_with_peers
    assert post(manager, org_a, shares_with_peers="on").status_code == 403
    assert post(viewer, org_a, shares_with_peers="on").status_code == 403
    org_a.refresh_from_db()
    assert not org_a.shares_with_peers


def test_each_demo_organisation_gets_a_valid_number_of_its_own():
    numbers = {demo_enterprise_number(slug) for slug in ["coopcity", "peer-1", "peer-2", "x"]}
    assert len(numbers) == 4
    assert all(enterprise_numbers.normalise(number) == number for number in numbers)
    assert demo_enterprise_number("coopcity") == demo_enterprise_number("coopcity")
