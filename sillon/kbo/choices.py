"""Code lists of the KBO app. Codes are stored; labels are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncKind(models.TextChoices):
    FULL = "full", _("Full extract")
    UPDATE = "update", _("Update extract")


class FindingKind(models.TextChoices):
    LEGAL_FORM = "legal_form", _("Different legal form")
    CREATION_DATE = "creation_date", _("Different creation date")
    JURIDICAL_SITUATION = "juridical_situation", _("Dissolution, liquidation or bankruptcy")
    NO_LONGER_ACTIVE = "no_longer_active", _("No longer active in the register")
    NACE = "nace", _("Main activity known to the register")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("To confirm")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")
