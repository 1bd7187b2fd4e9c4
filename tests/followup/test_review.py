"""Review of answers: the Follow-up page and the project page, accepting and rejecting
each change or all of an answer, and the command line."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sillon.accounts.audit import EventKind
from sillon.accounts.models import AuditEvent
from sillon.followup.actions import submit_answer
from sillon.followup.choices import ChangeKind, ChangeStatus
from sillon.followup.models import Invitation, ProposedChange
from sillon.followup.sending import send_due
from sillon.outcomes.models import ImpactAssessment, Job, NonAccreditationReason
from tests.outcomes import factories as outcome

D = datetime.date


@pytest.fixture
def answered(followed, outbox):
    """`followed` sent on 1 July 2025 and answered: J1 ended, one new job, not sought."""
    send_due(followed.organisation, D(2025, 7, 1))
    outcome.impact(followed, date=D(2024, 6, 1))
    job = Job.objects.get()
    data = {
        "enterprise": {"still_active": "yes", "cessation_date": None},
        "jobs": {job.pk: {"still_in_post": "no", "end_date": D(2025, 3, 31)}},
        "new_jobs": [
            {
                "start_date": D(2025, 2, 3),
                "worker_status": "employee",
                "contract_type": "permanent",
                "weekly_hours": 19,
                "joint_committee": "200",
                "gender": "f",
            }
        ],
        "accreditation": {"accreditation": "not_sought", "reason": "not_relevant"},
        "impact": {"beneficiaries": 120, "social_impact": "Repas"},
    }
    return submit_answer(Invitation.objects.get(), data)


def page(organisation, name="followup", *args):
    return reverse(name, args=[organisation.slug, *args])


def test_coach_sees_answers_beside_the_records_and_accepts_each(answered, coach, org_a):
    response = coach.client.get(page(org_a))
    assert response.status_code == 200
    text = response.content.decode()
    assert "P-1" in text and "J1" in text
    ended = answered.changes.get(kind=ChangeKind.JOB_ENDED)
    response = coach.client.post(page(org_a, "followup_change_accept", ended.pk))
    assert response.status_code == 302
    job = Job.objects.get(job_ref="J1")
    assert job.end_date == D(2025, 3, 31)
    latest = job.history.latest()
    assert latest.history_change_reason == f"followup:{answered.pk}"
    assert latest.history_user == coach.user
    ended.refresh_from_db()
    assert (ended.status, ended.record) == (ChangeStatus.ACCEPTED, f"job:{job.pk}")
    assert AuditEvent.objects.filter(kind=EventKind.FOLLOWUP_REVIEWED).count() == 1


def test_accept_all_writes_every_record_with_its_source(answered, manager, org_a):
    response = manager.client.post(page(org_a, "followup_answer_settle", answered.pk, "accept"))
    assert response.status_code == 302
    new = Job.objects.get(job_ref="J2")
    assert (new.source, new.weekly_hours) == (f"followup:{answered.pk}", 19)
    assert NonAccreditationReason.objects.get().source == f"followup:{answered.pk}"
    assessment = ImpactAssessment.objects.get(beneficiaries=120)
    assert assessment.continuous_activity == "yes"  # the criteria of the latest assessment
    assert not ProposedChange.objects.to_review().exists()


def test_a_rejected_change_keeps_its_note_and_writes_nothing(answered, coach, org_a):
    new = answered.changes.get(kind=ChangeKind.NEW_JOB)
    coach.client.post(page(org_a, "followup_change_reject", new.pk), {"note": "Doublon"})
    new.refresh_from_db()
    assert (new.status, new.note) == (ChangeStatus.REJECTED, "Doublon")
    assert Job.objects.count() == 1
    again = coach.client.post(page(org_a, "followup_change_accept", new.pk), follow=True)
    assert "déjà été traitée" in again.content.decode()


def test_viewer_sees_counts_only_and_cannot_settle(answered, viewer, org_a):
    response = viewer.client.get(page(org_a))
    assert response.status_code == 200
    assert "P-1" not in response.content.decode()
    change = answered.changes.first()
    assert viewer.client.post(page(org_a, "followup_change_accept", change.pk)).status_code == 403


def test_outsider_gets_404_and_wrong_method_405(answered, outsider, coach, org_a):
    assert outsider.client.get(page(org_a)).status_code == 404
    change = answered.changes.first()
    assert outsider.client.post(page(org_a, "followup_change_accept", change.pk)).status_code == 404
    assert coach.client.get(page(org_a, "followup_change_accept", change.pk)).status_code == 405


def test_the_project_page_shows_the_questionnaire_and_its_changes(answered, coach, org_a):
    response = coach.client.get(
        reverse("project", args=[org_a.slug, answered.questionnaire.project_id])
    )
    text = response.content.decode()
    assert 'id="followup"' in text and "followup/changes/" in text


def test_command_plan_send_answers_accept_and_reject(followed, outbox, org_a):
    out = StringIO()
    call_command(
        "followup", "plan", "--organisation", "coop-a", "--as-of", "2025-07-01", stdout=out
    )
    assert json.loads(out.getvalue()) == {
        "as_of": "2025-07-01",
        "invitations": [
            {"project_ref": "P-1", "wave": "n1", "due_date": "2025-06-30", "recipients": 1}
        ],
        "reminders": [],
        "unreachable": [],
    }
    out = StringIO()
    call_command(
        "followup", "send", "--organisation", "coop-a", "--as-of", "2025-07-01", stdout=out
    )
    assert "1 invitation(s) and 0 reminder(s) sent" in out.getvalue() and len(outbox) == 1
    with pytest.raises(CommandError, match="not a date"):
        call_command("followup", "plan", "--organisation", "coop-a", "--as-of", "2025-13-01")
    job = Job.objects.get()
    answer = submit_answer(
        Invitation.objects.get(),
        {"jobs": {job.pk: {"still_in_post": "yes", "end_date": None}}, "impact": {}},
    )
    out = StringIO()
    call_command("followup", "answers", "--organisation", "coop-a", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0]["id"] == answer.pk
    assert [c["kind"] for c in rows[0]["changes"]] == ["job_confirmed"]
    out = StringIO()
    call_command("followup", "accept", str(answer.pk), stdout=out)
    assert "1 change(s) accepted" in out.getvalue()
    assert Job.objects.get().history.latest().history_change_reason == f"followup:{answer.pk}"
    out = StringIO()
    call_command("followup", "reject", str(answer.pk), "--note", "x", stdout=out)
    assert "0 change(s) rejected" in out.getvalue()
