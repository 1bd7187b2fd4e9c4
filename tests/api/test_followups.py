"""The read-only `followups` endpoint (docs/spec/api.md): the columns of the workbook's
`followups` sheet, addressed by project_ref~wave or id, the list's filters and pages;
writes are 405 for every role, a viewer gets 403 and an outsider 404."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from sillon.accounts.roles import Role
from sillon.followup.actions import submit_answer
from sillon.followup.models import Invitation, Questionnaire
from sillon.followup.sending import send_due
from sillon.workbook.export import export_organisation
from tests.api.conftest import base
from tests.followup import factories as followup
from tests.followup.conftest import followed_project
from tests.register import factories as make

D = datetime.date
COLUMNS = {"id", "project_ref", "wave", "due_date", "sent_at", "answered_at", "status"}


def sent_and_answered(organisation):
    """P-1 sent on 1 July 2025 and answered; P-2 unreachable (no consent)."""
    followed_project(organisation, "P-1")
    followed_project(organisation, "P-2", consent=False, email="")
    send_due(organisation, D(2025, 7, 1))
    submit_answer(Invitation.objects.get(questionnaire__project__ref="P-1"), {"impact": {}})


def test_rows_are_the_workbooks_followups_sheet(api, org_a, mailoutbox):
    sent_and_answered(org_a)
    response = api[Role.COACH].get(base(org_a) + "followups/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows == [
        {
            "id": Questionnaire.objects.get(project__ref="P-1").pk,
            "project_ref": "P-1",
            "wave": "n1",
            "due_date": "2025-06-30",
            "sent_at": "2025-07-01",
            "answered_at": timezone.localdate().isoformat(),
            "status": "answered",
        },
        {
            "id": Questionnaire.objects.get(project__ref="P-2").pk,
            "project_ref": "P-2",
            "wave": "n1",
            "due_date": "2025-06-30",
            "sent_at": None,
            "answered_at": None,
            "status": "unreachable",
        },
    ]
    buffer = io.BytesIO()
    export_organisation(org_a, buffer, personal=False)
    header, *sheet = load_workbook(io.BytesIO(buffer.getvalue()))["followups"].iter_rows(
        values_only=True
    )
    assert set(header) | {"id"} == COLUMNS
    assert [(row[0], row[-1]) for row in sheet] == [
        (api_row["project_ref"], api_row["status"]) for api_row in rows
    ]


def test_a_questionnaire_is_read_by_key_or_id(api, org_a):
    questionnaire = followup.questionnaire(make.project(org_a, "P-1"), "n2")
    client = api[Role.MANAGER]
    by_key = client.get(base(org_a) + "followups/P-1~n2/")
    assert by_key.status_code == 200
    assert by_key.json() == client.get(base(org_a) + f"followups/{questionnaire.pk}/").json()
    assert client.get(base(org_a) + "followups/P-1~n1/").status_code == 404
    assert client.get(base(org_a) + "followups/P-1/").status_code == 404


def test_list_filters_and_pages(api, org_a):
    for number in range(4):
        project = make.project(org_a, f"P-{number}")
        followup.questionnaire(project, "n1", due_date=D(2025, 1 + number, 1))
    followup.questionnaire(
        Questionnaire.objects.get(project__ref="P-0").project,
        "n2",
        due_date=D(2026, 1, 1),
        status="unreachable",
        sent_on=None,
    )
    client = api[Role.COACH]

    def refs(query):
        response = client.get(base(org_a) + "followups/" + query)
        assert response.status_code == 200, response.json()
        return [(row["project_ref"], row["wave"]) for row in response.json()["results"]]

    assert refs("?wave=n2") == [("P-0", "n2")]
    assert refs("?status=unreachable") == [("P-0", "n2")]
    assert refs("?project_ref=P-0") == [("P-0", "n1"), ("P-0", "n2")]
    assert refs("?due_from=2025-02-01&due_to=2025-03-01") == [("P-1", "n1"), ("P-2", "n1")]
    assert refs("?page_size=2&page=2") == [("P-1", "n1"), ("P-2", "n1")]
    bad = client.get(base(org_a) + "followups/?wave=n9")
    assert bad.status_code == 400 and "wave" in bad.json()


def test_every_write_is_405_and_changes_nothing(api, org_a):
    questionnaire = followup.questionnaire(make.project(org_a, "P-1"))
    before = list(Questionnaire.objects.values())
    for role in (Role.ADMIN, Role.MANAGER, Role.COACH, Role.VIEWER):
        client = api[role]
        url = base(org_a) + "followups/"
        detail = f"{url}{questionnaire.pk}/"
        assert client.post(url, {"project_ref": "P-1"}, format="json").status_code == 405
        assert client.patch(detail, {"status": "answered"}, format="json").status_code == 405
        assert client.put(detail, {"status": "answered"}, format="json").status_code == 405
        assert client.delete(detail).status_code == 405
    assert list(Questionnaire.objects.values()) == before


def test_viewer_gets_403_and_outsider_404(api, api_outsider, org_a):
    questionnaire = followup.questionnaire(make.project(org_a, "P-1"))
    url = base(org_a) + "followups/"
    assert api[Role.VIEWER].get(url).status_code == 403
    assert api[Role.VIEWER].get(f"{url}{questionnaire.pk}/").status_code == 403
    assert api_outsider.get(url).status_code == 404
    assert api_outsider.get(f"{url}{questionnaire.pk}/").status_code == 404
    assert api_outsider.post(url, {}, format="json").status_code == 404
    assert api_outsider.delete(f"{url}{questionnaire.pk}/").status_code == 404


def test_listing_questionnaires_in_constant_queries(api, org_a):
    client = api[Role.COACH]
    client.get(base(org_a) + "followups/")  # the token's first use is written once

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(base(org_a) + "followups/?page_size=500").status_code == 200
        return len(captured)

    followup.questionnaire(make.project(org_a, "P-0"))
    few = queries()
    for number in range(1, 30):
        followup.questionnaire(make.project(org_a, f"P-{number}"))
    assert queries() == few <= 5
