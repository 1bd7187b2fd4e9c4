"""Bad input: a clear, located, translated 400 (or 413), never a 500, nothing written."""

import pytest

from sillon.accounts.roles import Role
from sillon.register.models import Activity, Project
from tests.api.conftest import base

GOOD = {
    "project_ref": "P-NEW",
    "name": "Épicerie",
    "project_type": "creation",
    "sector_type": "market",
    "intake_date": "2024-02-01",
}


def post(client, org, kind, body, **extra):
    return client.post(base(org) + f"{kind}/", body, format="json", **extra)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (GOOD | {"surprise": 1}, "surprise"),
        (GOOD | {"id": 12}, "id"),
        (GOOD | {"intake_date": 20240201}, "intake_date"),
        (GOOD | {"intake_date": "2024-02-30"}, "intake_date"),
        (GOOD | {"name": ["a", "list"]}, "name"),
        (GOOD | {"themes": "not a list"}, "themes"),
        (GOOD | {"project_type": "unheard-of"}, "project_type"),
        (GOOD | {"nace_code": "99999"}, "nace_code"),
        (GOOD | {"project_ref": "P 1, P 2"}, "project_ref"),
        (GOOD | {"project_ref": "P-1"}, "project_ref"),  # taken
        (GOOD | {"status": "stopped", "status_date": "2024-03-01"}, "stop_reason"),
        ({k: v for k, v in GOOD.items() if k != "name"}, "name"),
    ],
)
def test_bad_project_is_400_per_field_and_writes_nothing(api, records_a, org_a, body, field):
    before = Project.objects.count()
    response = post(api[Role.ADMIN], org_a, "projects", body)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors and all(isinstance(m, str) and m for m in errors[field])
    assert Project.objects.count() == before


def test_malformed_json_is_400(api, org_a):
    response = api[Role.ADMIN].generic(
        "POST", base(org_a) + "projects/", '{"name": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize("body", [[], "text", 12, None])
def test_not_an_object_is_400(api, org_a, body):
    response = post(api[Role.ADMIN], org_a, "projects", body)
    assert response.status_code == 400


def test_messages_follow_accept_language(api, records_a, org_a):
    body = GOOD | {"project_ref": "P-1"}
    french = post(api[Role.ADMIN], org_a, "projects", body, HTTP_ACCEPT_LANGUAGE="fr")
    dutch = post(api[Role.ADMIN], org_a, "projects", body, HTTP_ACCEPT_LANGUAGE="nl")
    english = post(api[Role.ADMIN], org_a, "projects", body, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["project_ref"] == ["A project already has the reference P-1."]
    assert french.json()["project_ref"] != english.json()["project_ref"]
    assert dutch.json()["project_ref"] != english.json()["project_ref"]
    assert "P-1" in french.json()["project_ref"][0]


def test_keys_of_another_organisation_are_unknown(api, records_a, records_b, org_a):
    """P-B1 and its programme live in organisation B: for A they do not exist."""
    client = api[Role.ADMIN]
    before = Activity.objects.count()
    response = post(
        client,
        org_a,
        "activities",
        {"date": "2024-03-01", "kind": "coaching", "hours": 1, "project_refs": ["P-B1"]},
    )
    assert response.status_code == 400 and "project_refs" in response.json()
    response = post(
        client,
        org_a,
        "enrolments",
        {"project_ref": "P-B1", "programme": "seeds", "start_date": "2024-03-01"},
    )
    assert response.status_code == 400 and "project_ref" in response.json()
    assert Activity.objects.count() == before


def test_the_forms_rules_apply(api, records_a, org_a):
    """Expert fields only on an expert intervention (register/forms.py ActivityForm)."""
    response = post(
        api[Role.COACH],
        org_a,
        "activities",
        {
            "date": "2024-03-01",
            "kind": "coaching",
            "hours": 1,
            "project_refs": ["P-1"],
            "expert_name": "Cabinet X",
        },
    )
    assert response.status_code == 400
    assert response.json()["expert_name"] == ["Only for an expert intervention."]
    response = post(
        api[Role.COACH],
        org_a,
        "activities",
        {"date": "2024-03-01", "kind": "coaching", "hours": 30, "project_refs": ["P-1"]},
    )
    assert response.status_code == 400 and "hours" in response.json()


def test_a_patch_is_checked_as_a_whole(api, records_a, org_a):
    client = api[Role.ADMIN]
    response = client.patch(
        base(org_a) + "projects/P-1/",
        {"status": "stopped", "status_date": "2024-06-01"},
        format="json",
    )
    assert response.status_code == 400 and "stop_reason" in response.json()
    response = client.patch(base(org_a) + "projects/P-1/", ["x"], format="json")
    assert response.status_code == 400
    response = client.patch(base(org_a) + "jobs/P-1~J1/", {"project_ref": "P-2"}, format="json")
    assert response.status_code == 400 and "project_ref" in response.json()
    assert Project.objects.get(organisation=org_a, ref="P-1").status == "active"


def test_a_20_mb_body_is_413_and_writes_nothing(api, org_a):
    body = '{"name": "' + "x" * (20 * 1024 * 1024) + '"}'
    response = api[Role.ADMIN].generic(
        "POST", base(org_a) + "projects/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert not Project.objects.exists()


def test_a_workbook_over_the_limit_is_413(api, org_a):
    big = b"x" * (21 * 1024 * 1024)
    response = api[Role.ADMIN].generic(
        "POST",
        base(org_a) + "import/",
        big,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 413
