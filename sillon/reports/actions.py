"""Producing reports: the request (a row, then the work) and the work itself."""

import hashlib
import logging
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sillon.catalogue.periods import parse_period
from sillon.reports import render
from sillon.reports.document import build
from sillon.reports.models import Report, Status

logger = logging.getLogger(__name__)


def producer_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def produce(
    organisation,
    period,
    kind: str,
    fmt: str,
    language: str,
    *,
    suppression: int | None = None,
    produced_by: str = "",
    progress=None,
) -> bytes:
    """The report's file; `progress(percent)` is told how far it got."""
    progress = progress or (lambda percent: None)
    progress(10)
    document = build(
        organisation, period, kind, language, suppression=suppression, produced_by=produced_by
    )
    progress(60)
    return render.write(document, fmt)


def request_report(organisation, user, **parameters) -> Report:
    """Record the request and enqueue its production once the row is committed.

    `sillon worker` produces it (sillon/reports/tasks.py), retrying a failed or
    interrupted attempt; a report whose production makes no progress for STALE_AFTER
    is marked failed by `fail_stale`.
    """
    report = Report.objects.create(organisation=organisation, requested_by=user, **parameters)
    transaction.on_commit(lambda: start(report.pk))
    return report


def start(report_pk: int) -> None:
    """Enqueue the production for `sillon worker`, so that the page answers at once
    (tests replace this with a synchronous call)."""
    from sillon.reports.tasks import produce_report

    produce_report.enqueue(report_pk)


def generate(report: Report, *, final: bool = True) -> Report:
    """Produce the file of a requested report, recording progress, result or error.

    The file is saved before the report is marked done, in one update: a production
    stopped halfway never shows as done. When it fails and is not `final` (attempts of
    the task are left), the report goes back to the queue with its error and the error
    is raised for the task to be retried."""
    started = time.perf_counter()
    _update(report, status=Status.RUNNING, progress=5)
    try:
        content = produce(
            report.organisation,
            parse_period(report.period),
            report.kind,
            report.format,
            report.language,
            suppression=report.suppression,
            produced_by=producer_name(report.requested_by),
            progress=lambda percent: _update(report, progress=percent),
        )
    except Exception as error:  # the page shows what went wrong instead of a hung report
        logger.exception("Report %s failed", report.pk)
        with override(report.language):
            message = _("The report could not be produced: %(error)s") % {"error": error}
            if not final:
                retrying = _("It will be tried again in a few minutes.")
                _update(report, status=Status.QUEUED, progress=0, error=f"{message} {retrying}")
                raise
        _update(report, status=Status.FAILED, error=message)
        return report
    report.file.save(report.filename(), ContentFile(content), save=False)
    report.checksum = hashlib.sha256(content).hexdigest()
    report.duration = time.perf_counter() - started
    report.status, report.progress, report.error = Status.DONE, 100, ""
    report.save(update_fields=["file", "checksum", "duration", "status", "progress", "error"])
    return report


def _update(report: Report, **fields) -> None:
    fields["progress_at"] = timezone.now()
    for name, value in fields.items():
        setattr(report, name, value)
    Report.objects.filter(pk=report.pk).update(**fields)


# The longest a production goes without progress: its slowest step (the PDF of a large
# organisation) takes seconds, so minutes of silence mean its process has stopped.
STALE_AFTER = timedelta(minutes=10)


def fail_stale(organisation) -> int:
    """Mark failed the organisation's reports queued or running with no progress for
    STALE_AFTER (their process stopped: a restart, a crash); returns how many."""
    limit = timezone.now() - STALE_AFTER
    stale = Report.objects.filter(
        organisation=organisation, status__in=[Status.QUEUED, Status.RUNNING]
    ).filter(Q(progress_at__lt=limit) | Q(progress_at__isnull=True, requested_at__lt=limit))
    failed = 0
    for report in stale:
        with override(report.language):
            message = _(
                "The production stopped without finishing (no progress for %(minutes)s "
                "minutes). Please produce the report again."
            ) % {"minutes": int(STALE_AFTER.total_seconds() // 60)}
        # Only if it is still stale: a late progress of its thread wins.
        failed += (
            Report.objects.filter(pk=report.pk, status=report.status)
            .filter(Q(progress_at__lt=limit) | Q(progress_at__isnull=True))
            .update(status=Status.FAILED, error=message)
        )
    return failed
