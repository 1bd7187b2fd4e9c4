"""Code lists of the register (docs/spec/domain.md). Codes are stored; labels are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    LAUNCH = "launch", _("Launch of a project")
    GROWTH = "growth", _("Growth of a social enterprise")
    MULTI_ACTOR = "multi_actor", _("Multi-actor project")
    COMMUNITY = "community", _("Community animation")
    OTHER = "other", _("Other")


class ProjectType(models.TextChoices):
    CREATION = "creation", _("Creation of an enterprise")
    DEVELOPMENT = "development", _("Development of an existing enterprise")
    MULTI_ACTOR = "multi_actor", _("Multi-actor project")


class SectorType(models.TextChoices):
    MARKET = "market", _("Market sector")
    NON_MARKET = "non_market", _("Non-market sector")
    MIXED = "mixed", _("Mixed")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAUNCHED = "launched", _("Launched")
    STOPPED = "stopped", _("Stopped")
    TRANSFERRED = "transferred", _("Transferred")


class NaceVersion(models.TextChoices):
    V2008 = "2008", "NACE-BEL 2008"
    V2025 = "2025", "NACE-BEL 2025"


class Language(models.TextChoices):
    """The language a holder is written to in (follow-up messages); empty means the
    organisation's."""

    FR = "fr", _("French")
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class Gender(models.TextChoices):
    FEMALE = "f", _("Woman")
    MALE = "m", _("Man")
    OTHER = "x", _("Non-binary (X)")
    UNKNOWN = "unknown", _("Unknown")


class Situation(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    JOBSEEKER = "jobseeker", _("Jobseeker")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STUDENT = "student", _("Student")
    INACTIVE = "inactive", _("Inactive")
    UNKNOWN = "unknown", _("Unknown")


class EnrolmentOutcome(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class CessationReason(models.TextChoices):
    DISSOLUTION = "dissolution", _("Dissolution")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy")
    MERGER = "merger", _("Merger")
    OTHER = "other", _("Other")


class ActivityKind(models.TextChoices):
    COACHING = "coaching", _("Coaching (individual)")
    TRAINING = "training", _("Training (collective)")
    EVENT = "event", _("Event")
    EXPERT = "expert", _("Expert intervention")
    COWORKING = "coworking", _("Coworking desk-day")
    # Outreach (docs/spec/mission.md): no project link.
    PROSPECTION = "prospection", _("Prospection")
    COMMUNICATION = "communication", _("Communication")
    REPRESENTATION = "representation", _("Representation")
    DISSEMINATION = "dissemination", _("Dissemination (essaimage)")


OUTREACH_KINDS = frozenset(
    {
        ActivityKind.PROSPECTION,
        ActivityKind.COMMUNICATION,
        ActivityKind.REPRESENTATION,
        ActivityKind.DISSEMINATION,
    }
)


class OutreachChannel(models.TextChoices):
    EVENT = "event", _("Event")
    ONLINE = "online", _("Online")
    PRINT = "print", _("Print")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class ExpertType(models.TextChoices):
    LEGAL = "legal", _("Legal")
    FINANCIAL = "financial", _("Financial")
    GOVERNANCE = "governance", _("Governance")
    MARKETING = "marketing", _("Marketing")
    HR = "hr", _("Human resources")
    IT = "it", _("IT")
    SECTOR = "sector", _("Sector expertise")
    OTHER = "other", _("Other")


class Topic(models.TextChoices):
    DEMOCRATIC_GOVERNANCE = "democratic_governance", _("Democratic governance")
    SOCIAL_CONCERTATION = "social_concertation", _("Social dialogue (concertation)")
    DIVERSITY = "diversity", _("Diversity")
    ENVIRONMENT = "environment", _("Environment")
    ACCREDITATION = "accreditation", _("Accreditation")
    FINANCE = "finance", _("Finance")
    LEGAL = "legal", _("Legal")
    OTHER = "other", _("Other")


# Topics that make a project count as trained in governance (docs/spec/indicators.md).
GOVERNANCE_TOPICS = [Topic.DEMOCRATIC_GOVERNANCE, Topic.SOCIAL_CONCERTATION]


class ApplicationDecision(models.TextChoices):
    """docs/spec/comparison.md §4."""

    WAITING = "waiting", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DecisionReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    CAPACITY = "capacity", _("No capacity left")
    NOT_READY = "not_ready", _("Not ready")
    OTHER = "other", _("Other")
