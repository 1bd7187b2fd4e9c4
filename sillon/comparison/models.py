"""Statements of other structures (docs/spec/comparison.md §2), installation-wide: every
sharing organisation compares itself with the current statement of each publisher."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation


class StatementQuerySet(models.QuerySet):
    def current(self) -> "StatementQuerySet":
        return self.filter(replaced_at__isnull=True)


class Statement(models.Model):
    """A published statement, as imported. A later import of the same publisher and
    period replaces it: the earlier row stays, with `replaced_at`, as history."""

    # The enterprise number, or "name:<name>" when the statement has none.
    publisher_key = models.CharField(_("publisher"), max_length=220, editable=False)
    publisher_name = models.CharField(_("published by"), max_length=200)
    enterprise_number = models.CharField(_("enterprise number"), max_length=10, blank=True)
    period_id = models.CharField(_("period"), max_length=30)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    as_of = models.DateField(_("as of"))
    definitions = models.CharField(_("definitions version"), max_length=30)
    produced_at = models.DateTimeField(_("produced at"))
    # [{"id", "unit", "value", "numerator", "denominator"}], as validated.
    indicators = models.JSONField(_("indicators"), default=list)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # The organisation whose admin imported it from the interface (none: command line).
    imported_for = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported from the organisation"),
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["period_id", "publisher_name", "-imported_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["publisher_key", "period_id"],
                condition=Q(replaced_at__isnull=True),
                name="comparison_one_current_statement",
                violation_error_message=_("A publisher has one current statement per period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.publisher_name} — {self.period_id}"

    def values(self) -> dict:
        """{indicator id: value} as published."""
        return {item["id"]: item.get("value") for item in self.indicators}
