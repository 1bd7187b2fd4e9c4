"""Sending the invitations and reminders due on a day (docs/spec/followup.md).

Each message carries its own link (a fresh token whose hash only is stored) and is
marked sent only once the mail server accepted it; a refused or unreachable server
leaves it unsent, records the error on the questionnaire, and the next run tries
again. Running twice on one day sends nothing the second time."""

import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import Organisation
from sillon.followup import planning, rules
from sillon.followup.choices import QuestionnaireStatus
from sillon.followup.models import Invitation, Message, Questionnaire, new_token
from sillon.register.models import Enterprise, Person

logger = logging.getLogger(__name__)
DEVELOPMENT_BASE_URL = "http://localhost:8000"


@dataclass
class Sent:
    invitations: int = 0
    reminders: int = 0
    unreachable: int = 0
    errors: list[str] = field(default_factory=list)


def base_url() -> str:
    return (getattr(settings, "SILLON_BASE_URL", "") or DEVELOPMENT_BASE_URL).rstrip("/")


def language_of(person: Person) -> str:
    return person.language or settings.LANGUAGE_CODE


def build_message(questionnaire: Questionnaire, invitation: Invitation, token: str, number: int):
    person = invitation.person
    enterprise = Enterprise.objects.filter(project=questionnaire.project_id).first()
    context = {
        "organisation": questionnaire.organisation,
        "project": questionnaire.project,
        "enterprise": enterprise,
        "questionnaire": questionnaire,
        "reminder": number,
        "link": base_url() + reverse("followup_form", args=[token]),
        "unsubscribe": base_url() + reverse("followup_unsubscribe", args=[token]),
        "expires_on": rules.expires_on(questionnaire.sent_on),
    }
    with translation.override(invitation.language):
        if number:
            subject = _("Reminder: how is %(project)s doing?")
        else:
            subject = _("How is %(project)s doing? A few questions from %(organisation)s")
        subject = subject % {
            "project": questionnaire.project.name,
            "organisation": questionnaire.organisation.name,
        }
        text = render_to_string("followup/email/message.txt", context)
        html = render_to_string("followup/email/message.html", context)
    message = EmailMultiAlternatives(subject, text, None, [person.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe']}>"
    return message


def deliver(
    questionnaire: Questionnaire,
    invitation: Invitation,
    number: int,
    as_of: datetime.date,
    mailer: BaseEmailBackend | None = None,
) -> None:
    """Send message `number` of an invitation through `mailer` (default: the configured
    one); raises when the server refused it (the message then stays unsent, and its link
    opens nothing)."""
    token, hashed = new_token()
    with transaction.atomic():
        message, _created = Message.objects.update_or_create(
            invitation=invitation,
            number=number,
            sent_at__isnull=True,
            defaults={"token_hash": hashed},
        )
        email = build_message(questionnaire, invitation, token, number)
        if mailer is None:
            email.send(fail_silently=False)
        else:
            mailer.send_messages([email])
        message.sent_at = timezone.now()
        message.sent_on = as_of
        message.save(update_fields=["sent_at", "sent_on"])


def _failed(questionnaire: Questionnaire, error: Exception, sent: Sent) -> None:
    text = f"{type(error).__name__}: {error}"[:300]
    questionnaire.last_error = text
    questionnaire.save(update_fields=["last_error"])
    sent.errors.append(f"{questionnaire.project.ref} {questionnaire.wave}: {text}")
    logger.warning("Follow-up %s: not delivered (%s).", questionnaire.pk, text)


def _first_messages(questionnaire, invitations, as_of, sent: Sent, mailer=None) -> None:
    """Send the first message of each invitation that has not had it; stop at the first
    refusal (the server is likely to refuse the others too)."""
    for invitation in invitations:
        if invitation.messages.filter(number=0, sent_at__isnull=False).exists():
            continue
        try:
            deliver(questionnaire, invitation, 0, as_of, mailer)
        except (smtplib.SMTPException, OSError) as error:
            _failed(questionnaire, error, sent)
            return
        sent.invitations += 1
        if questionnaire.status != QuestionnaireStatus.SENT:
            questionnaire.status = QuestionnaireStatus.SENT
            questionnaire.save(update_fields=["status", "sent_on"])
    if questionnaire.last_error and questionnaire.status == QuestionnaireStatus.SENT:
        questionnaire.last_error = ""
        questionnaire.save(update_fields=["last_error"])


def send_invitations(due: planning.Due, as_of: datetime.date, sent: Sent, mailer=None) -> None:
    with transaction.atomic():
        questionnaire, _created = Questionnaire.objects.select_for_update().get_or_create(
            project=due.project,
            wave=due.wave,
            defaults={
                "organisation_id": due.project.organisation_id,
                "exit_date": due.exit_date,
                "due_date": due.due_date,
            },
        )
        if not planning.not_sent(questionnaire):
            return  # sent meanwhile by another run
        questionnaire.sent_on = as_of  # the links' expiry counts from the first message
        invitations = [
            Invitation.objects.get_or_create(
                questionnaire=questionnaire,
                person=person,
                defaults={
                    "organisation_id": questionnaire.organisation_id,
                    "language": language_of(person),
                },
            )[0]
            for person in due.recipients
        ]
        _first_messages(questionnaire, invitations, as_of, sent, mailer)
        if questionnaire.status != QuestionnaireStatus.SENT:
            questionnaire.status = QuestionnaireStatus.PENDING
            questionnaire.sent_on = None
            questionnaire.save(update_fields=["status", "sent_on"])


def retry_first_messages(
    organisation: Organisation, as_of: datetime.date, sent: Sent, mailer=None
) -> None:
    """Recipients of a sent questionnaire whose first message a server refused."""
    open_ones = Questionnaire.objects.filter(
        organisation=organisation,
        status=QuestionnaireStatus.SENT,
        sent_on__gt=as_of - rules.EXPIRY_DAYS * rules.DAY,
        sent_on__lte=as_of,
    )
    first_sent = Message.objects.filter(invitation=OuterRef("pk"), number=0, sent_at__isnull=False)
    waiting = Invitation.objects.filter(questionnaire=OuterRef("pk")).exclude(Exists(first_sent))
    for questionnaire in open_ones.filter(Exists(waiting)):
        with transaction.atomic():
            questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
            invitations = planning.reachable_invitations(questionnaire).select_related("person")
            _first_messages(questionnaire, list(invitations), as_of, sent, mailer)


def mark_unreachable(dues: list[planning.Due]) -> None:
    """Record the waves due without a recipient: a new one as unreachable, a pending one
    marked so, one already marked left alone (the plan carries each wave's
    questionnaire) — in two statements, as a large organisation has thousands a day."""
    if not dues:
        return
    organisation_id = dues[0].project.organisation_id
    created = Questionnaire.objects.bulk_create(
        [
            Questionnaire(
                organisation_id=organisation_id,
                project=due.project,
                wave=due.wave,
                exit_date=due.exit_date,
                due_date=due.due_date,
                status=QuestionnaireStatus.UNREACHABLE,
            )
            for due in dues
            if due.questionnaire is None
        ],
        ignore_conflicts=True,  # made meanwhile by another run: its status stands
    )
    pending = [
        due.questionnaire.pk
        for due in dues
        if due.questionnaire is not None and due.questionnaire.status == QuestionnaireStatus.PENDING
    ]
    marked = Questionnaire.objects.filter(
        pk__in=pending, status=QuestionnaireStatus.PENDING
    ).update(status=QuestionnaireStatus.UNREACHABLE)
    if created or marked:  # bulk writes send no signal: the figures' cache is told here
        Organisation.objects.filter(pk=organisation_id).bump_data_version()


def send_reminders(
    reminder: planning.Reminder, as_of: datetime.date, sent: Sent, mailer=None
) -> None:
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=reminder.questionnaire.pk)
        if questionnaire.status != QuestionnaireStatus.SENT:
            return  # answered meanwhile
        recipients = planning.reminder_recipients(questionnaire, reminder.number)
        for invitation in recipients.select_related("person"):
            try:
                deliver(questionnaire, invitation, reminder.number, as_of, mailer)
            except (smtplib.SMTPException, OSError) as error:
                _failed(questionnaire, error, sent)
                return
            sent.reminders += 1


def send_due(
    organisation: Organisation,
    as_of: datetime.date | None = None,
    actor=None,
    mailer: BaseEmailBackend | None = None,
) -> Sent:
    """Send every invitation and reminder due on `as_of` (today by default), through
    `mailer` (an e-mail backend; default: the configured one)."""
    as_of = as_of or timezone.localdate()
    plan = planning.plan(organisation, as_of)
    sent = Sent()
    mark_unreachable(plan.unreachable)
    sent.unreachable += len(plan.unreachable)
    for due in plan.invitations:
        send_invitations(due, as_of, sent, mailer)
    retry_first_messages(organisation, as_of, sent, mailer)
    for reminder in plan.reminders:
        send_reminders(reminder, as_of, sent, mailer)
    if sent.invitations or sent.reminders:
        record_event(
            EventKind.FOLLOWUP_SENT,
            organisation=organisation,
            actor=actor,
            as_of=as_of.isoformat(),
            invitations=sent.invitations,
            reminders=sent.reminders,
        )
    if sent.errors:
        record_event(
            EventKind.FOLLOWUP_SEND_FAILED,
            organisation=organisation,
            actor=actor,
            as_of=as_of.isoformat(),
            errors=len(sent.errors),
        )
    return sent
