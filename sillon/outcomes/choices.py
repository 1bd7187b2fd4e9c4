"""Code lists of the outcomes (docs/spec/domain.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerStatus(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    BLUE_COLLAR = "blue_collar", _("Blue-collar worker")
    SELF_EMPLOYED_PARTNER = "self_employed_partner", _("Self-employed working partner")
    ARTICLE_60 = "article_60", _("Article 60 (CPAS employment)")
    SUBSIDISED = "subsidised", _("Subsidised contract (ACS or other)")
    ACTIVA = "activa", _("Activa")
    SERVICE_VOUCHERS = "service_vouchers", _("Service vouchers")
    OTHER = "other", _("Other")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    REPLACEMENT = "replacement", _("Replacement contract")
    SPECIFIC_WORK = "specific_work", _("Contract for a specific work")
    NONE = "none", _("None (self-employed)")


class AccreditationEventKind(models.TextChoices):
    ESD_REQUESTED = "esd_requested", _("ESD accreditation requested")
    ESD_OBTAINED = "esd_obtained", _("ESD accreditation obtained")
    ESD_REFUSED = "esd_refused", _("ESD accreditation refused")
    ESD_RENEWED = "esd_renewed", _("ESD accreditation renewed")
    ESD_WITHDRAWN = "esd_withdrawn", _("ESD accreditation withdrawn")
    INSERTION_MANDATE_OBTAINED = (
        "insertion_mandate_obtained",
        _("Work-integration mandate obtained"),
    )


ESD_EVENTS = [
    AccreditationEventKind.ESD_REQUESTED,
    AccreditationEventKind.ESD_OBTAINED,
    AccreditationEventKind.ESD_REFUSED,
    AccreditationEventKind.ESD_RENEWED,
    AccreditationEventKind.ESD_WITHDRAWN,
]
ACCREDITED_EVENTS = [AccreditationEventKind.ESD_OBTAINED, AccreditationEventKind.ESD_RENEWED]


class NonAccreditationReasonKind(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant for the project")
    CRITERIA_UNSUITED = "criteria_unsuited", _("Criteria unsuited")
    NOT_SOCIAL_ECONOMY = "not_social_economy", _("Not really social economy")
    CONFUSED_WITH_INSERTION = (
        "confused_with_insertion",
        _("Confusion with work-integration mandated enterprises"),
    )
    OTHER = "other", _("Other")


class PartnerKind(models.TextChoices):
    ADVISORY_AGENCY = "advisory_agency", _("Advisory agency")
    FEDERATION = "federation", _("Federation")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


class InteractionKind(models.TextChoices):
    REFERRAL_IN = "referral_in", _("Referral received")
    REFERRAL_OUT = "referral_out", _("Referral sent")
    JOINT_ACTION = "joint_action", _("Joint action")
    CONSULTATION = "consultation", _("Consultation")


class Assessment(models.TextChoices):
    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")


# The nine EMES criteria, by dimension (docs/spec/domain.md, Impact assessment).
EMES_CRITERIA = [
    ("continuous_activity", _("Continuous activity producing goods or services"), _("economic")),
    ("economic_risk", _("Significant level of economic risk"), _("economic")),
    ("paid_work", _("Minimum amount of paid work"), _("economic")),
    ("community_aim", _("Explicit aim to benefit the community"), _("social")),
    ("citizen_initiative", _("Initiative launched by a group of citizens"), _("social")),
    ("limited_profit_distribution", _("Limited profit distribution"), _("social")),
    ("autonomy", _("High degree of autonomy"), _("governance")),
    (
        "non_capital_decision",
        _("Decision-making power not based on capital ownership"),
        _("governance"),
    ),
    ("participatory", _("Participatory nature, involving the persons affected"), _("governance")),
]


class ActionKind(models.TextChoices):
    DIVERSITY = "diversity", _("Equality and diversity")
    ENVIRONMENT = "environment", _("Environment")


class ActionScope(models.TextChoices):
    INTERNAL = "internal", _("The structure itself")
    BENEFICIARIES = "beneficiaries", _("The beneficiaries")


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    OPERATING = "operating", _("Operating costs")
    COWORKING = "coworking", _("Coworking space")
    COMMUNICATION = "communication", _("Communication")
    OVERHEAD = "overhead", _("Overheads")
    OTHER = "other", _("Other")


class FundingSource(models.TextChoices):
    REGION = "region", _("Brussels-Capital Region")
    ERDF = "erdf", _("European Regional Development Fund")
    OWN = "own", _("Own resources")
    OTHER = "other", _("Other")
