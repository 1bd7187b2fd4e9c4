"""Every endpoint of the API × every role × another organisation, generated from the
API's URL patterns: a token acts as its member, with the interface's abilities."""

import pytest

from sillon.accounts.roles import Role
from sillon.api import resources
from sillon.api.urls import router
from sillon.api.views import RecordViewSet
from tests.api.conftest import base

ROLES = [Role.ADMIN, Role.MANAGER, Role.COACH, Role.VIEWER]
VIEWSETS = [(prefix, viewset) for prefix, viewset, _basename in router.registry]


def test_every_record_kind_of_the_spec_is_routed():
    assert [prefix for prefix, _viewset in VIEWSETS] == [r.name for r in resources.RESOURCES]
    assert all(issubclass(viewset, RecordViewSet) for _prefix, viewset in VIEWSETS)


def expected(role: Role, ability) -> bool:
    return ability is not None and ability in role.abilities


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("prefix", "viewset"), VIEWSETS, ids=[p for p, _v in VIEWSETS])
def test_record_endpoints_follow_the_role(api, records_a, org_a, role, prefix, viewset):
    resource = viewset.resource
    client = api[role]
    url = base(org_a) + f"{prefix}/"
    record = resource.queryset(org_a).first()
    detail = f"{url}{record.pk}/"
    may_read = expected(role, resource.read)
    assert client.get(url).status_code == (200 if may_read else 403)
    assert client.get(detail).status_code == (200 if may_read else 403)
    # An empty record: refused by the gate (403), or by the rules (400) when allowed;
    # a kind the API only reads answers 405 to every role.
    assert client.post(url, {}, format="json").status_code == (
        405 if resource.create is None else 400 if expected(role, resource.create) else 403
    )
    assert client.patch(detail, {}, format="json").status_code == (
        405 if resource.update is None else 200 if expected(role, resource.update) else 403
    )
    allowed = "delete" in viewset.http_method_names and resource.delete is not None
    response = client.delete(detail)
    if not allowed:
        assert response.status_code == 405
    else:
        assert response.status_code == (204 if expected(role, resource.delete) else 403)
        assert resource.queryset(org_a).filter(pk=record.pk).exists() == (
            not expected(role, resource.delete)
        )


@pytest.mark.parametrize(("prefix", "viewset"), VIEWSETS, ids=[p for p, _v in VIEWSETS])
def test_outsider_gets_404_everywhere(api_outsider, records_a, org_a, prefix, viewset):
    url = base(org_a) + f"{prefix}/"
    record = viewset.resource.queryset(org_a).first()
    detail = f"{url}{record.pk}/"
    assert api_outsider.get(url).status_code == 404
    assert api_outsider.get(detail).status_code == 404
    assert api_outsider.post(url, {}, format="json").status_code == 404
    assert api_outsider.patch(detail, {"note": "x"}, format="json").status_code == 404
    assert api_outsider.delete(detail).status_code == 404
    assert viewset.resource.queryset(org_a).filter(pk=record.pk).exists()


@pytest.mark.parametrize(("prefix", "viewset"), VIEWSETS, ids=[p for p, _v in VIEWSETS])
def test_records_of_another_organisation_are_404(
    api, records_a, records_b, org_a, org_b, prefix, viewset
):
    """Another organisation's id, under one's own organisation, is not found."""
    theirs = viewset.resource.queryset(org_b).first()
    detail = base(org_a) + f"{prefix}/{theirs.pk}/"
    client = api[Role.ADMIN]
    assert client.get(detail).status_code == 404
    writable = viewset.resource.update is not None
    assert client.patch(detail, {}, format="json").status_code == (404 if writable else 405)
    deletable = "delete" in viewset.http_method_names
    assert client.delete(detail).status_code == (404 if deletable else 405)
    assert viewset.resource.queryset(org_b).filter(pk=theirs.pk).exists()
    listed = client.get(base(org_a) + f"{prefix}/").json()["results"]
    assert theirs.pk not in {row["id"] for row in listed}


@pytest.mark.parametrize("role", ROLES)
def test_indicators_for_every_member_even_a_viewer(api, org_a, role):
    response = api[role].get(base(org_a) + "indicators/?period=2024")
    assert response.status_code == 200


def test_indicators_and_import_404_to_an_outsider(api_outsider, org_a):
    assert api_outsider.get(base(org_a) + "indicators/?period=2024").status_code == 404
    assert api_outsider.post(base(org_a) + "import/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_import_needs_the_right_to_edit_every_record(api, org_a, role):
    response = api[role].post(base(org_a) + "import/", {}, format="multipart")
    assert response.status_code == (400 if role in (Role.ADMIN, Role.MANAGER) else 403)


def test_unknown_organisation_is_404(api, org_a):
    assert api[Role.ADMIN].get("/api/v1/organisations/nowhere/projects/").status_code == 404
