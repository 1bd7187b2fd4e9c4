from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeKind(models.TextChoices):
    SHARES = "shares", _("Shares")
    SUBORDINATED_LOAN = "subordinated_loan", _("Subordinated loan")
    BOARD_SEAT = "board_seat", _("Board seat")
    OTHER = "other", _("Other")


class InterestNature(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    FAMILY = "family", _("Family")
    MANDATE = "mandate", _("Mandate")
    OTHER = "other", _("Other")


class DefinitionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_CONCERTATION = "in_concertation", _("In concertation")
    AGREED = "agreed", _("Agreed")
