"""The follow-up of projects after the accompaniment (docs/spec/followup.md):
one questionnaire per project and wave, the messages sent to its recipients (each with
its own link, stored only as a hash), unsubscribes, answers and the changes they
propose."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sillon.followup.choices import ChangeKind, ChangeStatus, QuestionnaireStatus, Wave
from sillon.register.models import OrganisationRecord, Person, Project, choice_check

EXPIRY_DAYS = 60
REMINDER_DAYS = (14, 28)
WINDOW_DAYS = 90
TOKEN_BYTES = 24  # 192 random bits


def new_token() -> tuple[str, str]:
    """(token for the link, its hash for the database)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Questionnaire(OrganisationRecord):
    """One per project and wave, from the day `send` first meets it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="questionnaires", verbose_name=_("project")
    )
    wave = models.CharField(_("wave"), max_length=2, choices=Wave.choices)
    exit_date = models.DateField(_("end of the accompaniment"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.PENDING,
    )
    # The day (as of which) the first message was accepted by the mail server.
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The last delivery error, shown until a later attempt succeeds.
    last_error = models.CharField(_("last delivery error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up questionnaire")
        verbose_name_plural = _("follow-up questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["project", "wave"], name="questionnaire_one_per_wave"),
            choice_check("wave", Wave, "questionnaire_wave_known"),
            choice_check("status", QuestionnaireStatus, "questionnaire_status_known"),
        ]
        indexes = [models.Index(fields=["organisation", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.project.ref} · {self.get_wave_display()}"

    @property
    def expires_on(self) -> datetime.date | None:
        if self.sent_on is None:
            return None
        return self.sent_on + datetime.timedelta(days=EXPIRY_DAYS)

    def is_open(self, today: datetime.date) -> bool:
        """Whether its links still lead to the form on that day."""
        return (
            self.status == QuestionnaireStatus.SENT
            and self.expires_on is not None
            and today < self.expires_on
        )


class Invitation(OrganisationRecord):
    """One recipient of a questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("questionnaire"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="followup_invitations",
        verbose_name=_("project holder"),
    )
    language = models.CharField(_("language"), max_length=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("follow-up invitation")
        verbose_name_plural = _("follow-up invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"], name="invitation_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} · {self.person_id}"


class Message(models.Model):
    """The invitation (number 0) or a reminder (1, 2) to one recipient, with its own
    link. Sent only once the mail server accepted it."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("invitation")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        ordering = ["invitation", "number"]
        verbose_name = _("follow-up message")
        verbose_name_plural = _("follow-up messages")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "number"], name="message_one_per_number"),
            models.CheckConstraint(
                condition=Q(number__lte=2), name="message_at_most_two_reminders"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id} · {self.number}"


class Unsubscribe(OrganisationRecord):
    """A holder who asked to receive no more follow-up messages."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="followup_unsubscribe"
    )
    at = models.DateTimeField(_("unsubscribed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribe")
        verbose_name_plural = _("unsubscribes")

    def __str__(self) -> str:
        return f"{self.person_id}"


class Answer(OrganisationRecord):
    """The first complete answer to a questionnaire, stored whole."""

    questionnaire = models.OneToOneField(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="answer",
        verbose_name=_("questionnaire"),
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, related_name="+", verbose_name=_("answered by")
    )
    answered_at = models.DateTimeField(_("answered at"))
    data = models.JSONField(_("answer"))

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("follow-up answer")
        verbose_name_plural = _("follow-up answers")

    def __str__(self) -> str:
        return str(self.questionnaire)


class ProposedChangeQuerySet(models.QuerySet):
    def to_review(self) -> "ProposedChangeQuerySet":
        return self.filter(status=ChangeStatus.REVIEW)


class ProposedChange(OrganisationRecord):
    """One change an answer proposes; written to the records only once accepted."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="changes", verbose_name=_("answer")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ChangeKind.choices)
    # The existing job it concerns (job ended, job still in post).
    job = models.ForeignKey(
        "outcomes.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job"),
    )
    values = models.JSONField(_("values"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.REVIEW
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The record written on acceptance, as "<kind>:<id>".
    record = models.CharField(_("record written"), max_length=60, blank=True)

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            choice_check("kind", ChangeKind, "proposed_change_kind_known"),
            choice_check("status", ChangeStatus, "proposed_change_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} · {self.kind}"

    @property
    def source(self) -> str:
        """The provenance written on the records it changes: the answer's id."""
        return f"followup:{self.answer_id}"
