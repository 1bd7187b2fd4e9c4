"""The register's pages in the Data section, and its panel on the project page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view
from sillon.accounts.roles import Ability
from sillon.kbo import uploads
from sillon.kbo.actions import FindingError, accept_finding, dismiss_finding
from sillon.kbo.choices import FindingStatus
from sillon.kbo.display import describe
from sillon.kbo.filters import FindingFilter
from sillon.kbo.forms import ExtractUploadForm
from sillon.kbo.models import ExtractUpload, Finding, RegisterEntry, SyncRun
from sillon.register.models import Enterprise, Project

PAGE_SIZE = 50


def entries_by_number(organisation, numbers) -> dict[str, RegisterEntry]:
    """The organisation's register entries of these numbers (only those it tracks)."""
    return RegisterEntry.objects.tracked_by(organisation).in_bulk(
        list(set(numbers)), field_name="enterprise_number"
    )


@organisation_view(Ability.VIEW_RECORDS)
def findings(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = FindingStatus.OPEN
    queryset = Finding.objects.filter(organisation=request.organisation).select_related(
        "enterprise", "enterprise__project", "sync_run", "decided_by"
    )
    filters = FindingFilter(data, queryset=queryset, organisation=request.organisation)
    page = Paginator(filters.qs.order_by("-created_at", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    entries = entries_by_number(
        request.organisation, (finding.enterprise.enterprise_number for finding in page)
    )
    rows = [
        (finding, *describe(finding, entries.get(finding.enterprise.enterprise_number)))
        for finding in page
    ]
    return render(
        request,
        "kbo/findings.html",
        {
            "section": "data",
            "filters": filters,
            "page": page,
            "rows": rows,
            "last_sync": SyncRun.objects.first(),
            "open_status": FindingStatus.OPEN,
        },
    )


@organisation_view(Ability.VIEW_RECORDS)
def syncs(request: HttpRequest) -> HttpResponse:
    # A run reads every organisation's enterprises: only this organisation's share shows.
    runs = SyncRun.objects.annotate(
        organisation_findings=Count(
            "findings", filter=Q(findings__organisation=request.organisation)
        )
    ).order_by("-started_at")
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_upload = request.membership.can(Ability.MANAGE_ORGANISATION)
    return render(
        request,
        "kbo/syncs.html",
        {
            "section": "data",
            "page": page,
            "form": ExtractUploadForm() if can_upload else None,
            "uploads": ExtractUpload.objects.filter(organisation=request.organisation)[:10]
            if can_upload
            else [],
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def extract_upload(request: HttpRequest) -> HttpResponse:
    """An administrator uploads an extract; `sillon worker` reads it."""
    form = ExtractUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("extract", []):
            messages.error(request, error)
        return redirect("kbo_syncs", request.organisation.slug)
    uploads.keep(form.cleaned_data["extract"], request.organisation, request.user)
    messages.success(
        request,
        _("The extract is uploaded: it is read in the background, its result shows below."),
    )
    return redirect("kbo_syncs", request.organisation.slug)


def _settle(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    finding = get_for_organisation_or_404(request.organisation, Finding, pk=pk)
    try:
        action(finding, request.user)
    except FindingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"enterprise": finding.enterprise.name})
    back = request.POST.get("next", "")
    if not back.startswith("/o/"):
        back = reverse("kbo_findings", args=[request.organisation.slug])
    return redirect(back)


@organisation_view(Ability.EDIT_RECORDS, methods=["POST"])
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _settle(request, pk, accept_finding, _("Finding accepted: %(enterprise)s is updated."))


@organisation_view(Ability.EDIT_RECORDS, methods=["POST"])
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _settle(
        request, pk, dismiss_finding, _("Finding dismissed: %(enterprise)s keeps Sillon's values.")
    )


def register_panel(request: HttpRequest, project: Project):
    """The register's view beside Sillon's, on the project page (registered in apps.py)."""
    enterprise = Enterprise.objects.filter(project=project).exclude(enterprise_number="").first()
    if enterprise is None:
        return None
    entry = (
        RegisterEntry.objects.tracked_by(request.organisation)
        .filter(enterprise_number=enterprise.enterprise_number)
        .first()
    )
    open_findings = [
        (finding, *describe(finding, entry))
        for finding in enterprise.findings.open().select_related("sync_run")
    ]
    return (
        "kbo/_project_panel.html",
        {
            "project": project,
            "enterprise": enterprise,
            "entry": entry,
            "open_findings": open_findings,
            "next": request.get_full_path(),
        },
    )
