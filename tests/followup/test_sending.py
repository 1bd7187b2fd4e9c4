"""`send`: one message per recipient with a personal link, idempotent, reminders,
and nothing marked sent when the mail server refuses."""

import datetime
import re
import socket

from sillon.accounts.audit import EventKind
from sillon.accounts.models import AuditEvent
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


def test_a_failing_mail_server_marks_nothing_sent_and_the_next_run_retries(org_a, settings):
    followed_project(org_a)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    sent = send_due(org_a, D(2025, 7, 1))
    assert sent.invitations == 0 and len(sent.errors) == 1
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == QuestionnaireStatus.PENDING
    assert questionnaire.sent_on is None and "Connection" in questionnaire.last_error
    assert not Message.objects.filter(sent_at__isnull=False).exists()
    assert AuditEvent.objects.filter(kind=EventKind.FOLLOWUP_SEND_FAILED).exists()
    # Still due: the plan lists it again, and a working server gets it.
    assert planning.plan(org_a, D(2025, 7, 2)).as_json()["invitations"][0]["recipients"] == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
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
