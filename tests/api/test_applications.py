"""Applications through the API (docs/spec/api.md, comparison.md §4): by application_ref
or id, written through the interface's form, filtered as the interface's list."""

from sillon.accounts.roles import Role
from sillon.register.models import Application
from tests.api.conftest import base

APPLICATION = {
    "application_ref": "C-API-1",
    "date": "2025-01-06",
    "programme": "seeds",
    "name": "Recyclerie",
    "enterprise_number": "0417497106",
    "decision": "rejected",
    "decision_date": "2025-01-20",
    "reason": "capacity",
}


def url(organisation, key=""):
    return base(organisation) + "applications/" + (f"{key}/" if key else "")


def test_create_read_patch_and_delete_an_application(api, records_a, org_a):
    client = api[Role.COACH]
    created = client.post(url(org_a), APPLICATION, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["application_ref"] == "C-API-1"
    assert body["programme"] == "seeds"
    assert body["project_ref"] == ""
    assert body["reason"] == "capacity"
    application = Application.objects.get(organisation=org_a, ref="C-API-1")
    assert application.programme == records_a["register"].programme
    # By key and by id, the same record.
    assert client.get(url(org_a, "C-API-1")).json() == body
    assert client.get(url(org_a, application.pk) + "?by=id").json()["id"] == application.pk
    # Accepted: it became the fixture's project, named by its reference.
    patched = client.patch(
        url(org_a, "C-API-1"),
        {"decision": "accepted", "reason": "", "project_ref": "P-1"},
        format="json",
    )
    assert patched.status_code == 200, patched.json()
    application.refresh_from_db()
    assert application.project == records_a["register"].project
    assert application.history.first().history_user.username == "chloe-coach"
    assert client.delete(url(org_a, "C-API-1")).status_code == 204
    assert not Application.objects.filter(pk=application.pk).exists()


def test_a_viewer_reads_no_application(api, records_a, org_a):
    assert api[Role.VIEWER].get(url(org_a)).status_code == 403
    assert api[Role.VIEWER].post(url(org_a), APPLICATION, format="json").status_code == 403


def test_a_project_of_another_organisation_is_refused(api, records_a, records_b, org_a):
    client = api[Role.ADMIN]
    response = client.post(
        url(org_a),
        APPLICATION | {"decision": "accepted", "reason": "", "project_ref": "P-B1"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"project_ref"}
    assert not Application.objects.filter(organisation=org_a, ref="C-API-1").exists()


def test_the_forms_rules_answer_in_the_requests_language(records_a, org_a, manager):
    from tests.api.conftest import token_client

    client = token_client(manager.user, language="fr")
    response = client.post(
        url(org_a),
        APPLICATION
        | {"enterprise_number": "0417497107", "decision_date": "2025-01-01", "project_ref": "P-1"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert "enterprise_number" in errors
    messages = " ".join(message for found in errors.values() for message in found)
    assert "Seule une candidature acceptée devient un projet." in messages
    assert "La date de la décision ne peut précéder la date de la candidature." in messages


def test_the_list_has_the_interfaces_filters(api, records_a, org_a):
    client = api[Role.COACH]
    assert client.post(url(org_a), APPLICATION, format="json").status_code == 201
    every = [row["application_ref"] for row in client.get(url(org_a)).json()["results"]]
    assert every == ["C-1", "C-API-1"]  # ordered by the key
    rejected = client.get(url(org_a) + "?decision=rejected").json()["results"]
    assert [row["application_ref"] for row in rejected] == ["C-API-1"]
    programme = records_a["register"].programme.pk
    of_programme = client.get(url(org_a) + f"?programme={programme}&year=2025").json()
    assert [row["application_ref"] for row in of_programme["results"]] == ["C-API-1"]
    assert client.get(url(org_a) + "?decision=maybe").status_code == 400
