"""How a proposed change reads beside the current record, for the review."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sillon.followup.choices import AccreditationAnswer, ChangeKind
from sillon.outcomes.choices import ContractType, NonAccreditationReasonKind, WorkerStatus


def _date(text: str | None) -> str:
    if not text:
        return "—"
    return date_format(datetime.date.fromisoformat(text), "SHORT_DATE_FORMAT")


def describe(change, enterprise) -> tuple[str, str]:
    """(current record, proposed) in words."""
    values = change.values
    job = change.job
    if change.kind == ChangeKind.JOB_ENDED:
        return (
            _("Job %(ref)s, no end date") % {"ref": job.job_ref} if job else "—",
            _("ended on %(date)s") % {"date": _date(values.get("end_date"))},
        )
    if change.kind == ChangeKind.JOB_CONFIRMED:
        current = (
            _("Job %(ref)s since %(date)s")
            % {
                "ref": job.job_ref,
                "date": date_format(job.start_date, "SHORT_DATE_FORMAT"),
            }
            if job
            else "—"
        )
        return current, _("still in post")
    if change.kind == ChangeKind.NEW_JOB:
        return "—", _("%(status)s, %(contract)s, %(hours)s h a week, since %(date)s") % {
            "status": WorkerStatus(values["worker_status"]).label,
            "contract": ContractType(values["contract_type"]).label,
            "hours": values["weekly_hours"],
            "date": _date(values["start_date"]),
        }
    if change.kind == ChangeKind.ENTERPRISE_CEASED:
        return _("active"), _("ceased on %(date)s") % {"date": _date(values.get("date"))}
    if change.kind == ChangeKind.ACCREDITATION_EVENT:
        latest = (
            enterprise.accreditation_events.order_by("-date", "-pk").first() if enterprise else None
        )
        return (str(latest) if latest else "—"), AccreditationAnswer(values["event"]).label
    if change.kind == ChangeKind.NON_ACCREDITATION_REASON:
        return "—", NonAccreditationReasonKind(values["reason"]).label
    if change.kind == ChangeKind.IMPACT_ASSESSMENT:
        proposed = _("%(count)s people reached") % {"count": values.get("beneficiaries") or "—"}
        if values.get("social_impact"):
            proposed += " · " + values["social_impact"]
        return "—", proposed
    return "—", "—"
