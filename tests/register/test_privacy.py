"""A viewer never sees who carries a project: no page of the register opens to them
(aggregates only), so no first or last name, no email, no history."""

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


def test_viewer_opens_no_page_that_names_a_holder(org_a, project_with_holder, viewer):
    for url in pages(org_a, project_with_holder):
        response = viewer.client.get(url)
        assert response.status_code == 403, url
        content = response.content.decode()
        assert SURNAME not in content, url
        assert "Zoé" not in content, url
        assert EMAIL not in content, url


def test_coach_sees_holder_name_and_email_on_the_project_page(org_a, project_with_holder, coach):
    response = coach.client.get(make.url("project", org_a, project_with_holder.pk))
    content = response.content.decode()
    assert f"Zoé {SURNAME}" in content
    assert EMAIL in content


def test_viewer_cannot_search_projects_at_all(org_a, project_with_holder, viewer):
    """Searching by a name would tell the viewer who holds which project."""
    response = viewer.client.get(make.url("project_search", org_a), {"q": "Boulangerie"})
    assert response.status_code == 403
    assert "P-1" not in response.content.decode()


def test_erased_holder_leaves_no_name_in_the_history(org_a, project_with_holder, manager):
    """A person is erasable (GDPR, docs/spec/domain.md): once the only project they held
    is deleted, their name and email must not survive in the previous versions either."""
    person = project_with_holder.holders.get()
    response = manager.client.post(
        make.url("project_delete", org_a, project_with_holder.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Person.history.filter(last_name=SURNAME).exists()
    assert not Person.history.filter(email=EMAIL).exists()
