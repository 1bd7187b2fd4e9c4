"""The `followups` sheet (docs/spec/workbook.md): the export writes the follow-up's
questionnaires — project, wave, days and status, never a token — and the import skips
it, so that an exported workbook still imports and leaves the questionnaires as they
were."""

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from sillon.followup.actions import submit_answer
from sillon.followup.models import Invitation, Message, Questionnaire
from sillon.followup.sending import send_due
from sillon.workbook.actions import import_workbook
from sillon.workbook.export import export_organisation
from tests.followup.conftest import followed_project

D = datetime.date
COLUMNS = ["project_ref", "wave", "due_date", "sent_at", "answered_at", "status"]


def small_organisation(organisation):
    """P-1 sent on 1 July 2025 and answered; P-2 without consent: unreachable; P-3's
    wave is not due yet (no questionnaire)."""
    followed_project(organisation, "P-1")  # exit 30 June 2024: n1 due 30 June 2025
    followed_project(organisation, "P-2", consent=False, email="")
    followed_project(organisation, "P-3", exit=D(2025, 3, 31))
    send_due(organisation, D(2025, 7, 1))
    submit_answer(Invitation.objects.get(questionnaire__project__ref="P-1"), {"impact": {}})


def exported(organisation, personal=True) -> bytes:
    buffer = io.BytesIO()
    export_organisation(organisation, buffer, personal=personal)
    return buffer.getvalue()


def followups_sheet(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))["followups"].iter_rows(values_only=True))


def test_export_holds_a_row_per_questionnaire_without_tokens(org_a, mailoutbox):
    small_organisation(org_a)
    content = exported(org_a)
    header, *rows = followups_sheet(content)
    assert list(header) == COLUMNS
    today = timezone.localdate()
    day = datetime.datetime.combine  # the workbook's dates come back as datetimes
    assert rows == [
        ("P-1", "n1", day(D(2025, 6, 30), datetime.time()), day(D(2025, 7, 1), datetime.time()),
         day(today, datetime.time()), "answered"),
        ("P-2", "n1", day(D(2025, 6, 30), datetime.time()), None, None, "unreachable"),
    ]  # fmt: skip
    # No token, no hash, no address anywhere in the sheet.
    text = repr(followups_sheet(content))
    for message in Message.objects.all():
        assert message.token_hash not in text
    assert "@" not in text


def test_a_viewers_export_has_the_same_followups_sheet(org_a, mailoutbox):
    """Nothing of the sheet is personal in core/personal_data.py's declaration."""
    small_organisation(org_a)
    assert followups_sheet(exported(org_a, personal=False)) == followups_sheet(exported(org_a))


def test_reimporting_the_export_succeeds_and_leaves_the_questionnaires(org_a, mailoutbox):
    small_organisation(org_a)
    before = list(Questionnaire.objects.order_by("pk").values())
    result = import_workbook(org_a, exported(org_a), "export.xlsx")
    assert result.problems == []
    assert result.applied
    assert "followups" not in result.counts
    assert all(c["created"] == 0 and c["updated"] == 0 for c in result.counts.values())
    assert list(Questionnaire.objects.order_by("pk").values()) == before


def test_import_into_an_empty_organisation_skips_the_followups(org_a, org_b, mailoutbox):
    small_organisation(org_a)
    result = import_workbook(org_b, exported(org_a), "export.xlsx")
    assert result.problems == []
    assert result.counts["projects"]["created"] == 3
    assert not Questionnaire.objects.filter(organisation=org_b).exists()
    assert Questionnaire.objects.filter(organisation=org_a).count() == 2
