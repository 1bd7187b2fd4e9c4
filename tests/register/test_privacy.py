"""A viewer reads the register without ever seeing who carries a project: no first or
last name, no email, no history (which would name the coaches and the changes)."""

import pytest

from sillon.register.models import Person
from tests.register import factories as make

SURNAME = "Vanderelst"
EMAIL = "zoe.vanderelst@example.org"


@pytest.fixture
def project_with_holder(org_a):
    project = make.project(org_a, "P-1", name="Boulangerie solidaire")
    make.holder(project, "Zoé", SURNAME, email=EMAIL)
    make.activity(org_a, [project], note="Plan financier")
    return project


def pages(organisation, project) -> list[str]:
    return [
        make.url("projects", organisation),
        make.url("project", organisation, project.pk),
        make.url("activities", organisation),
        make.url("activities", organisation) + "?project=P-1",
    ]


def test_viewer_cannot_see_holder_names_or_email(org_a, project_with_holder, viewer):
    for url in pages(org_a, project_with_holder):
        response = viewer.client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert SURNAME not in content, url
        assert "Zoé" not in content, url
        assert EMAIL not in content, url


def test_viewer_is_told_how_many_holders_without_their_names(org_a, project_with_holder, viewer):
    response = viewer.client.get(make.url("project", org_a, project_with_holder.pk))
    assert response.context["holders"] is None
    assert response.context["holder_count"] == 1


def test_coach_sees_holder_name_and_email_on_the_project_page(org_a, project_with_holder, coach):
    response = coach.client.get(make.url("project", org_a, project_with_holder.pk))
    content = response.content.decode()
    assert f"Zoé {SURNAME}" in content
    assert EMAIL in content


def test_viewer_does_not_see_the_history_of_a_project(org_a, project_with_holder, coach, viewer):
    coach.client.post(
        make.url("project_edit", org_a, project_with_holder.pk),
        make.project_data(ref="P-1", name="Boulangerie coopérative"),
    )
    response = viewer.client.get(make.url("project", org_a, project_with_holder.pk))
    assert response.context["history"] is None
    assert coach.user.username not in response.content.decode()


def test_viewer_cannot_find_a_project_by_its_holder_name(org_a, project_with_holder, viewer):
    """Searching by a name would tell the viewer who holds which project."""
    response = viewer.client.get(make.url("project_search", org_a), {"q": SURNAME})
    assert response.json() == {"results": []}
    response = viewer.client.get(make.url("projects", org_a), {"q": SURNAME})
    assert list(response.context["page"]) == []


def test_erased_holder_leaves_no_name_in_the_history(org_a, project_with_holder, coach):
    """A person is erasable (GDPR, docs/spec/domain.md): once removed from their only project and
    deleted, their name and email must not survive in the previous versions either."""
    person = project_with_holder.holders.get()
    response = coach.client.post(
        make.url("holder_remove", org_a, project_with_holder.pk, person.pk)
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Person.history.filter(last_name=SURNAME).exists()
    assert not Person.history.filter(email=EMAIL).exists()
