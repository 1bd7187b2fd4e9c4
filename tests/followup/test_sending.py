"""`send`: one message per recipient with a personal link, idempotent, reminders,
and nothing marked sent when the mail server refuses."""

import datetime
import re
import socket

from sillon.accounts.audit import EventKind
from sillon.accounts.models import AuditEvent
from sillon.config import email_config
from sillon.followup import planning
from sillon.followup.choices import QuestionnaireStatus
from sillon.followup.models import Message, Questionnaire, token_hash
from sillon.followup.sending import send_due
from tests.followup.conftest import followed_project
from tests.register import factories as make

D = datetime.date
LINK = re.compile(r"http://[^\s]+/f/([A-Za-z0-9_-]+)/")


def tokens(message) -> list[str]:
    return LINK.findall(message.body)


def test_send_writes_each_recipient_once_with_a_personal_link(org_a, outbox):
    project = followed_project(org_a)
    make.holder(
        project,
        "Jo",
        "Claes",
        email="jo@ex.org",
        language="nl",
        followup_consent=True,
        followup_consent_date=D(2024, 1, 1),
    )
    sent = send_due(org_a, D(2025, 7, 1))
    assert (sent.invitations, sent.reminders, sent.errors) == (2, 0, [])
    assert sorted(m.to[0] for m in outbox) == ["jo@ex.org", "zoe@example.org"]
    first, second = tokens(outbox[0])[0], tokens(outbox[1])[0]
    assert first != second and len(first) >= 22  # ≥ 128 bits in base64
    # Only the hash is stored.
    assert Message.objects.filter(token_hash=token_hash(first)).exists()
    assert not Message.objects.filter(token_hash=first).exists()
    dutch = next(m for m in outbox if m.to == ["jo@ex.org"])
    assert "Uitschrijven" in dutch.alternatives[0][0] or "uitschrijven" in dutch.body.lower()
    questionnaire = Questionnaire.objects.get()
    assert (questionnaire.status, questionnaire.sent_on) == (
        QuestionnaireStatus.SENT,
        D(2025, 7, 1),
    )
    assert AuditEvent.objects.filter(kind=EventKind.FOLLOWUP_SENT).count() == 1
    # Twice on the same day, or the next: nothing more.
    assert send_due(org_a, D(2025, 7, 1)).invitations == 0
    assert send_due(org_a, D(2025, 7, 2)).invitations == 0
    assert len(outbox) == 2


def test_reminders_go_on_day_14_and_28_then_stop(org_a, outbox):
    followed_project(org_a)
    send_due(org_a, D(2025, 7, 1))
    assert send_due(org_a, D(2025, 7, 14)).reminders == 0
    assert send_due(org_a, D(2025, 7, 15)).reminders == 1
    assert send_due(org_a, D(2025, 7, 15)).reminders == 0
    assert planning.plan(org_a, D(2025, 7, 29)).as_json()["reminders"] == [
        {"project_ref": "P-1", "wave": "n1", "number": 2, "recipients": 1}
    ]
    assert send_due(org_a, D(2025, 7, 29)).reminders == 1
    assert send_due(org_a, D(2025, 8, 20)).reminders == 0
    assert len(outbox) == 3
    # Each reminder carries its own link.
    assert len({tokens(m)[0] for m in outbox}) == 3


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failing_mail_server_marks_nothing_sent_and_the_next_run_retries(org_a, settings, outbox):
    followed_project(org_a)
    working = settings.MAILERS
    settings.MAILERS = {"default": email_config(f"smtp://127.0.0.1:{closed_port()}/?timeout=5")}
    sent = send_due(org_a, D(2025, 7, 1))
    assert sent.invitations == 0 and len(sent.errors) == 1
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == QuestionnaireStatus.PENDING
    assert questionnaire.sent_on is None and "Connection" in questionnaire.last_error
    assert not Message.objects.filter(sent_at__isnull=False).exists()
    assert AuditEvent.objects.filter(kind=EventKind.FOLLOWUP_SEND_FAILED).exists()
    # Still due: the plan lists it again, and a working server gets it.
    assert planning.plan(org_a, D(2025, 7, 2)).as_json()["invitations"][0]["recipients"] == 1
    settings.MAILERS = working
    assert send_due(org_a, D(2025, 7, 2)).invitations == 1
    questionnaire.refresh_from_db()
    assert (questionnaire.status, questionnaire.sent_on, questionnaire.last_error) == (
        QuestionnaireStatus.SENT,
        D(2025, 7, 2),
        "",
    )


def test_an_unreachable_wave_is_recorded_and_writes_to_nobody(org_a, outbox):
    followed_project(org_a, consent=False)
    sent = send_due(org_a, D(2025, 7, 1))
    assert (sent.invitations, sent.unreachable) == (0, 1)
    assert Questionnaire.objects.get().status == QuestionnaireStatus.UNREACHABLE
    assert outbox == []


def test_unreachable_waves_are_recorded_once_and_a_pending_one_marked(org_a, outbox):
    """Recorded in bulk: a wave already marked is left alone on the next runs, a pending
    one (its first sending failed) whose holders withdrew is marked, and the figures'
    cache learns of it."""
    unreachable = followed_project(org_a, consent=False)
    pending = followed_project(org_a, ref="P-2")
    Questionnaire.objects.create(
        organisation=org_a,
        project=pending,
        wave="n1",
        exit_date=D(2024, 6, 30),
        due_date=D(2025, 6, 30),
        status=QuestionnaireStatus.PENDING,
    )
    pending.holders.update(followup_consent=False)
    version = type(org_a).objects.get(pk=org_a.pk).data_version
    assert send_due(org_a, D(2025, 7, 1)).unreachable == 2
    statuses = dict(Questionnaire.objects.values_list("project__ref", "status"))
    assert statuses == {unreachable.ref: "unreachable", "P-2": "unreachable"}
    assert type(org_a).objects.get(pk=org_a.pk).data_version > version
    marked = list(Questionnaire.objects.order_by("pk").values_list("pk", "status"))
    send_due(org_a, D(2025, 7, 8))
    assert list(Questionnaire.objects.order_by("pk").values_list("pk", "status")) == marked
    assert outbox == []


def test_the_worker_sends_the_follow_up_daily(followed, outbox):
    from django.utils import timezone

    from sillon.core.daily import daily_jobs
    from sillon.followup.tasks import send_due_followups

    assert send_due_followups in daily_jobs()
    followed.enrolments.update(end_date=timezone.localdate() - datetime.timedelta(days=366))
    send_due_followups.call()
    send_due_followups.call()  # idempotent
    assert len(outbox) == 1
