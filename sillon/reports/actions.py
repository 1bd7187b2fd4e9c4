"""Producing reports: the request (a row, then the work) and the work itself."""

import hashlib
import logging
import threading
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import close_old_connections, transaction
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
    """Record the request and start its production once the row is committed.

    A thread is enough for Sillon's deployment, a single process serving one
    organisation's few reports a year; with several processes or many reports, a job
    queue would take its place. A process stopped mid-way leaves the report `running`
    until `fail_stale` marks it failed.
    """
    report = Report.objects.create(organisation=organisation, requested_by=user, **parameters)
    transaction.on_commit(lambda: start(report.pk))
    return report


def start(report_pk: int) -> None:
    """Produce in a background thread, so that the page answers at once (tests replace
    this with a synchronous call)."""
    threading.Thread(target=_run_in_thread, args=(report_pk,), daemon=True).start()


def _run_in_thread(report_pk: int) -> None:
    try:
        generate(Report.objects.get(pk=report_pk))
    finally:
        close_old_connections()


def generate(report: Report) -> Report:
    """Produce the file of a requested report, recording progress, result or error."""
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
        _update(report, status=Status.FAILED, error=message)
        return report
    report.file.save(report.filename(), ContentFile(content), save=False)
    report.checksum = hashlib.sha256(content).hexdigest()
    report.duration = time.perf_counter() - started
    report.status, report.progress = Status.DONE, 100
    report.save(update_fields=["file", "checksum", "duration", "status", "progress"])
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
