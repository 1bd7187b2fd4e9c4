"""The record of each import: which file, who, when, and what it did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation


class ImportStatus(models.TextChoices):
    APPLIED = "applied", _("Imported")
    DRY_RUN = "dry_run", _("Checked (dry run)")
    REJECTED = "rejected", _("Rejected")


class ImportRun(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="import_runs",
        verbose_name=_("organisation"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    status = models.CharField(_("result"), max_length=20, choices=ImportStatus.choices)
    # {sheet: {"created": n, "updated": n, "unchanged": n}}
    counts = models.JSONField(_("rows"), default=dict, blank=True)
    problem_count = models.PositiveIntegerField(_("errors"), default=0)
    # The uploaded file's size; the file itself is never kept with the run.
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    # Why a file was refused before its rows were read (damaged, too large, ...).
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return self.file_name

    @property
    def created(self) -> int:
        return sum(sheet.get("created", 0) for sheet in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(sheet.get("updated", 0) for sheet in self.counts.values())
