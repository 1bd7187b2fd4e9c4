"""What the background worker keeps in the database: its heartbeat and the days whose
daily jobs were enqueued (sillon/core/worker.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per running `sillon worker`, touched every few seconds; /health/ and
    the recovery of abandoned tasks read it."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class DailyRun(models.Model):
    """The daily jobs of a day were enqueued (the primary key makes it once a day,
    whatever the number of workers)."""

    day = models.DateField(_("day"), primary_key=True)
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")

    def __str__(self) -> str:
        return self.day.isoformat()
