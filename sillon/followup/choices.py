"""Code lists of the follow-up (docs/spec/followup.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wave(models.TextChoices):
    N1 = "n1", _("One year after")
    N2 = "n2", _("Two years after")


# Years after the exit date at which each wave is due.
WAVE_YEARS = {Wave.N1: 1, Wave.N2: 2}


class QuestionnaireStatus(models.TextChoices):
    # Due, but no message has been accepted by the mail server yet (failed, retried).
    PENDING = "pending", _("Not sent yet")
    UNREACHABLE = "unreachable", _("Unreachable")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")


class ChangeKind(models.TextChoices):
    NEW_JOB = "new_job", _("New job")
    JOB_ENDED = "job_ended", _("Job ended")
    JOB_CONFIRMED = "job_confirmed", _("Job still in post")
    ENTERPRISE_CEASED = "enterprise_ceased", _("Enterprise ceased")
    ACCREDITATION_EVENT = "accreditation_event", _("Accreditation event")
    NON_ACCREDITATION_REASON = "non_accreditation_reason", _("Reason for not seeking accreditation")
    IMPACT_ASSESSMENT = "impact_assessment", _("Impact assessment")


class ChangeStatus(models.TextChoices):
    REVIEW = "review", _("To review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AccreditationAnswer(models.TextChoices):
    """What the questionnaire asks about the ESD accreditation."""

    OBTAINED = "esd_obtained", _("Accredited")
    REQUESTED = "esd_requested", _("Requested, waiting for the answer")
    REFUSED = "esd_refused", _("Refused")
    NOT_SOUGHT = "not_sought", _("Not sought")
