"""A report produced: its parameters, who asked for it, its progress and its file."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation
from sillon.catalogue.periods import parse_period


class Kind(models.TextChoices):
    ANNUAL = "annual", _("Annual report")
    SEMESTER = "semester", _("Semester monitoring report")


class Format(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    HTML = "html", "HTML"


class Language(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=30)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    suppression = models.PositiveSmallIntegerField(
        _("small numbers hidden below"), null=True, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["organisation", "-requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.format}, {self.language})"

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)

    def filename(self) -> str:
        slug = self.organisation.slug
        return f"sillon-{slug}-{self.kind}-{self.period}-{self.language}.{self.format}"


def closed_until(organisation) -> date | None:
    """The end of the latest period of a report produced for the organisation: records
    dated up to that day are counted in figures already reported (a closed period,
    docs/spec/domain.md)."""
    periods = (
        Report.objects.filter(organisation=organisation, status=Status.DONE)
        .values_list("period", flat=True)
        .distinct()
    )
    ends = []
    for text in periods:
        try:
            ends.append(parse_period(text).end)
        except ValidationError:
            continue
    return max(ends, default=None)
