"""The Reports section: produce, follow, view and download reports; the data-quality page."""

import re

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view, require
from sillon.accounts.roles import Ability
from sillon.indicators.values import Scope
from sillon.indicators.views import chosen_period
from sillon.reports import actions, quality
from sillon.reports.forms import ReportForm
from sillon.reports.models import Format, Report, Status
from sillon.reports.render import CONTENT_TYPES

ARTICLE = re.compile(r"<article .*</article>", re.DOTALL)


def _initial(request) -> dict:
    last_year = timezone.localdate().year - 1
    language = (get_language() or "fr")[:2]
    return {"kind": "annual", "period": str(last_year), "format": "pdf", "language": language}


@organisation_view(Ability.VIEW, methods=("GET", "HEAD", "POST"))
def reports(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = None
    if request.membership.can(Ability.PRODUCE_REPORTS):
        form = ReportForm(request.POST or None, initial=_initial(request))
    if request.method == "POST":
        require(request.membership, Ability.PRODUCE_REPORTS)
        if form.is_valid():
            actions.request_report(organisation, request.user, **form.parameters())
            return redirect("reports", organisation.slug)
    actions.fail_stale(organisation)
    produced = Report.objects.filter(organisation=organisation).select_related("requested_by")
    page = Paginator(produced, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/reports.html",
        {"section": "reports", "form": form, "page": page, "Status": Status},
        status=400 if form is not None and form.is_bound else 200,
    )


@organisation_view(Ability.VIEW)
def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    actions.fail_stale(request.organisation)
    report = get_for_organisation_or_404(request.organisation, Report, pk=pk)
    return JsonResponse(
        {
            "status": report.status,
            "label": report.get_status_display(),
            "progress": report.progress,
            "error": report.error,
            "finished": report.finished,
        }
    )


def _done_report(request, pk: int) -> Report:
    report = get_for_organisation_or_404(request.organisation, Report, pk=pk)
    if report.status != Status.DONE or not report.file:
        raise Http404
    return report


@organisation_view(Ability.VIEW)
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _done_report(request, pk)
    record_event(
        EventKind.REPORT_DOWNLOADED,
        request=request,
        target=f"report:{report.pk}",
        format=report.format,
    )
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename(),
        content_type=CONTENT_TYPES[report.format],
    )


@organisation_view(Ability.VIEW)
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An HTML report inside the interface; a PDF in the browser's own viewer."""
    report = _done_report(request, pk)
    if report.format == Format.PDF:
        record_event(
            EventKind.REPORT_DOWNLOADED,
            request=request,
            target=f"report:{report.pk}",
            format=report.format,
        )
        return FileResponse(
            report.file.open("rb"), filename=report.filename(), content_type=CONTENT_TYPES["pdf"]
        )
    if report.format != Format.HTML:
        raise Http404
    with report.file.open("rb") as stored:
        found = ARTICLE.search(stored.read().decode())
    # Sillon wrote this HTML itself, from escaped templates: it is safe to show as is.
    body = mark_safe(found.group(0)) if found else ""
    return render(
        request, "reports/view.html", {"section": "reports", "report": report, "body": body}
    )


@organisation_view(Ability.VIEW)
def quality_page(request: HttpRequest) -> HttpResponse:
    period = chosen_period(request)
    lines = quality.gaps(Scope(request.organisation, period, period.end))
    this_year = timezone.localdate().year
    choices = [
        p
        for year in range(this_year, this_year - 8, -1)
        for p in (str(year), f"{year}-S1", f"{year}-S2")
    ]
    return render(
        request,
        "reports/quality.html",
        {"section": "reports", "period": period, "lines": lines, "choices": choices},
    )


# What each kind of record links to, to be fixed.
RELATED = {
    quality.PROJECTS: ["organisation"],
    quality.ENTERPRISES: ["project"],
    quality.JOBS: ["enterprise"],
    quality.ACTIVITIES: ["programme"],
}


@organisation_view(Ability.VIEW_RECORDS)
def quality_records(request: HttpRequest, gap: str) -> HttpResponse:
    if gap not in quality.BY_KEY:
        raise Http404
    period = chosen_period(request)
    found = quality.records(gap, Scope(request.organisation, period, period.end))
    kind = quality.BY_KEY[gap].kind
    page = Paginator(found.select_related(*RELATED[kind]).order_by("pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reports/quality_records.html",
        {
            "section": "reports",
            "gap": quality.BY_KEY[gap],
            "kind": kind,
            "period": period,
            "page": page,
            "can_edit": request.membership.can(Ability.EDIT_ACCOMPANIMENT),
            "back": reverse("report_quality", args=[request.organisation.slug])
            + f"?period={period.id}",
        },
    )
