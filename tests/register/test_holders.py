"""A holder taken off their last project keeps a page, reachable from the holders' list
(and its "without project" filter), where a manager sees and corrects the person and an
administrator exports or erases them (docs/spec/domain.md, Organisation and Person)."""

import json

import pytest

from sillon.accounts.roles import Role
from sillon.register.models import Person
from tests.register import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_off(org_a, manager):
    """Zoé, taken off her only project by a manager; Ann still holds P-2."""
    project, other = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    person = make.holder(project, email="zoe@example.org")
    make.holder(other, "Ann", "Peeters")
    response = manager.client.post(
        make.url("holder_remove", org_a, project.pk, person.pk), {"reason": "Erreur"}
    )
    assert response.status_code == 302
    return person


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [person.last_name for person in response.context["page"]]


def test_a_holder_without_project_is_found_in_the_list_and_by_the_filter(
    taken_off, org_a, manager, django_assert_max_num_queries
):
    url = make.url("holders", org_a)
    assert listed(manager.client.get(url)) == ["Peeters", "Vanderelst"]
    response = manager.client.get(url, {"without_project": "on"})
    assert listed(response) == ["Vanderelst"]
    assert make.url("holder", org_a, taken_off.pk) in response.content.decode()
    assert listed(manager.client.get(url, {"q": "zoe@"})) == ["Vanderelst"]
    assert listed(manager.client.get(url, {"q": "P-2"})) == ["Peeters"]
    # The count of projects comes with the page, not one query per person.
    for number in range(5):
        make.holder(make.project(org_a, f"P-{number + 3}"), "Anne", f"Name{number}")
    with django_assert_max_num_queries(12):
        assert len(listed(manager.client.get(url))) == 7


def test_the_projects_list_and_the_project_page_lead_to_the_holders(org_a, coach):
    project = make.project(org_a, "P-1")
    person = make.holder(project)
    assert (
        make.url("holders", org_a) in coach.client.get(make.url("projects", org_a)).content.decode()
    )
    page = coach.client.get(make.url("project", org_a, project.pk)).content.decode()
    assert make.url("holder", org_a, person.pk) in page


def test_the_page_of_a_holder_without_project_shows_the_person_and_the_history(
    taken_off, org_a, manager
):
    response = manager.client.get(make.url("holder", org_a, taken_off.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vanderelst" in text and "zoe@example.org" in text
    assert make.url("person_edit", org_a, taken_off.pk) in text
    # Exporting and erasing are an administrator's.
    assert make.url("person_erase", org_a, taken_off.pk) not in text
    assert list(response.context["projects"]) == []


def test_a_manager_corrects_a_holder_without_project(taken_off, org_a, manager):
    data = make.person_data(first_name="Zoé", last_name="Vanderelst-Dubois")
    response = manager.client.post(make.url("person_edit", org_a, taken_off.pk), data)
    assert response.status_code == 302
    assert response["Location"] == make.url("holder", org_a, taken_off.pk)
    taken_off.refresh_from_db()
    assert taken_off.last_name == "Vanderelst-Dubois"
    assert taken_off.history.latest().history_user == manager.user


def test_an_admin_exports_and_erases_a_holder_without_project(taken_off, org_a, admin):
    page = admin.client.get(make.url("holder", org_a, taken_off.pk)).content.decode()
    assert make.url("person_erase", org_a, taken_off.pk) in page
    response = admin.client.get(make.url("person_export", org_a, taken_off.pk))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert (data["email"], data["projects"]) == ("zoe@example.org", [])
    response = admin.client.post(make.url("person_erase", org_a, taken_off.pk))
    assert response.status_code == 302
    assert response["Location"] == make.url("holder", org_a, taken_off.pk)
    taken_off.refresh_from_db()
    assert taken_off.email == "" and taken_off.last_name != "Vanderelst"
    assert not taken_off.history.filter(last_name="Vanderelst").exists()


@pytest.mark.parametrize("role", [Role.COACH, Role.MANAGER])
def test_only_an_admin_exports_or_erases(taken_off, org_a, personas, role):
    client = personas[role].client
    assert client.get(make.url("person_export", org_a, taken_off.pk)).status_code == 403
    assert client.post(make.url("person_erase", org_a, taken_off.pk)).status_code == 403
    assert Person.objects.get(pk=taken_off.pk).last_name == "Vanderelst"


def test_a_viewer_and_an_outsider_never_reach_a_holder(taken_off, org_a, org_b, viewer, outsider):
    for url in (make.url("holders", org_a), make.url("holder", org_a, taken_off.pk)):
        response = viewer.client.get(url)
        assert response.status_code == 403
        assert "Vanderelst" not in response.content.decode()
        assert outsider.client.get(url).status_code == 404
    # Nor through the outsider's own organisation.
    assert outsider.client.get(make.url("holder", org_b, taken_off.pk)).status_code == 404
    assert "Vanderelst" not in outsider.client.get(make.url("holders", org_b)).content.decode()


def test_the_holder_pages_refuse_other_methods(taken_off, org_a, admin):
    assert admin.client.post(make.url("holders", org_a)).status_code == 405
    assert admin.client.post(make.url("holder", org_a, taken_off.pk)).status_code == 405
    assert admin.client.delete(make.url("person_edit", org_a, taken_off.pk)).status_code == 405
