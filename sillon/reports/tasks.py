"""The report production as a background task, run by `sillon worker`."""

from sillon.core.tasks import is_last_attempt, retried_task
from sillon.reports.models import Report, Status


@retried_task
def produce_report(report_pk: int) -> None:
    report = Report.objects.filter(pk=report_pk).first()
    if report is None or report.status == Status.DONE:
        return  # deleted meanwhile, or an earlier attempt finished it
    from sillon.reports.actions import generate

    generate(report, final=is_last_attempt())
    if report.status == Status.FAILED:  # the last attempt: the task fails with the report
        raise ReportFailed(report.error)


class ReportFailed(Exception):
    """The report could not be produced (its error is on the Reports page)."""
