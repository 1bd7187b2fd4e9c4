from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view, require
from sillon.accounts.roles import Ability
from sillon.core.history import timeline_of
from sillon.core.records import RecordPages, delete_page, form_page
from sillon.outcomes.choices import ACCREDITED_EVENTS, AccreditationEventKind
from sillon.outcomes.filters import EnterpriseFilter, JobFilter
from sillon.outcomes.forms import (
    QUICK_JOB_ROWS,
    AccreditationEventForm,
    CostLineForm,
    EndJobForm,
    ImpactAssessmentForm,
    InternalActionForm,
    JobForm,
    NonAccreditationReasonForm,
    PartnerForm,
    PartnerInteractionForm,
    QuickJobFormSet,
    TargetForm,
    TransferForm,
)
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
    enterprises_for_list,
    with_active_jobs,
)
from sillon.outcomes.overlaps import overlapping_cost_lines, overlaps_among
from sillon.register.models import Enterprise, Project

WRITE = ["GET", "HEAD", "POST"]
PAGE_SIZE = 50


# The outcomes section of the project page (registered in apps.py).


def outcomes_panel(request: HttpRequest, project: Project):
    enterprise = Enterprise.objects.filter(project=project).first()
    context = {
        "project": project,
        "enterprise": enterprise,
        "transfers": project.transfers.select_related("partner"),
        "impact_assessments": project.impact_assessments.all(),
        "today": timezone.localdate(),
    }
    if enterprise is not None:
        context.update(
            jobs=enterprise.jobs.all(),
            accreditation_events=enterprise.accreditation_events.all(),
            non_accreditation_reasons=enterprise.non_accreditation_reasons.all(),
        )
    return "outcomes/_project_panel.html", context


def outcomes_history(request: HttpRequest, project: Project):
    """The outcomes' part of the project page's History section (registered in apps.py)."""
    enterprise = Enterprise.objects.filter(project=project).first()
    return _("Outcomes"), outcomes_timeline(project, enterprise)


def outcomes_timeline(project: Project, enterprise: Enterprise | None):
    """Every change to the project's outcomes, deleted ones included."""

    def named(model):
        return lambda record: (
            f"{model._meta.verbose_name.capitalize()} · "
            f"{date_format(record.date, 'SHORT_DATE_FORMAT')}"
        )

    sources = [
        (Transfer.history.filter(project_id=project.pk), named(Transfer)),
        (ImpactAssessment.history.filter(project_id=project.pk), named(ImpactAssessment)),
    ]
    if enterprise is not None:
        sources += [
            (
                Job.history.filter(enterprise_id=enterprise.pk),
                lambda record: f"{Job._meta.verbose_name.capitalize()} {record.job_ref}",
            ),
            (
                AccreditationEvent.history.filter(enterprise_id=enterprise.pk),
                lambda record: str(AccreditationEventKind(record.event).label),
            ),
            (
                NonAccreditationReason.history.filter(enterprise_id=enterprise.pk),
                named(NonAccreditationReason),
            ),
        ]
    return timeline_of(sources)


# Records that hang on a project or on its enterprise.


@dataclass(frozen=True)
class Child:
    model: type
    form: type
    on_enterprise: bool  # else on the project itself
    new_title: str
    edit_title: str


CHILDREN = {
    "job": Child(Job, JobForm, True, gettext_lazy("New job at %(name)s"), gettext_lazy("Edit job")),
    "accreditation": Child(
        AccreditationEvent,
        AccreditationEventForm,
        True,
        gettext_lazy("Accreditation event of %(name)s"),
        gettext_lazy("Edit accreditation event"),
    ),
    "non_accreditation": Child(
        NonAccreditationReason,
        NonAccreditationReasonForm,
        True,
        gettext_lazy("Why %(name)s does not seek accreditation"),
        gettext_lazy("Edit reason"),
    ),
    "transfer": Child(
        Transfer,
        TransferForm,
        False,
        gettext_lazy("Transfer of %(name)s"),
        gettext_lazy("Edit transfer"),
    ),
    "impact": Child(
        ImpactAssessment,
        ImpactAssessmentForm,
        False,
        gettext_lazy("Impact assessment of %(name)s"),
        gettext_lazy("Edit impact assessment"),
    ),
}


def _project_and_parent(request, pk: int, child: Child):
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    if not child.on_enterprise:
        return project, project
    enterprise = Enterprise.objects.filter(project=project).first()
    if enterprise is None:
        raise Http404("Record the enterprise first.")
    return project, enterprise


def _project_of(record) -> Project:
    return record.enterprise.project if hasattr(record, "enterprise") else record.project


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def child_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    child = CHILDREN[kind]
    project, parent = _project_and_parent(request, pk, child)
    return form_page(
        request,
        child.form,
        section="projects",
        title=child.new_title % {"name": getattr(parent, "name", project.name)},
        form_kwargs={"parent": parent},
        initial={"date": timezone.localdate(), "start_date": timezone.localdate()},
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


def _child_record(request, pk: int, child: Child):
    related = "enterprise__project" if child.on_enterprise else "project"
    queryset = child.model.objects.select_related(related)
    return get_for_organisation_or_404(request.organisation, queryset, pk=pk)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def child_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    child = CHILDREN[kind]
    record = _child_record(request, pk, child)
    project = _project_of(record)
    return form_page(
        request,
        child.form,
        instance=record,
        section="projects",
        title=child.edit_title,
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def child_delete(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind == "job":  # a job deleted changes the employment already counted
        require(request.membership, Ability.EDIT_RECORDS)
    record = _child_record(request, pk, CHILDREN[kind])
    url = _project_of(record).get_absolute_url()
    return delete_page(request, record, section="projects", cancel_url=url, success_url=url)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def job_end(request: HttpRequest, pk: int) -> HttpResponse:
    job = _child_record(request, pk, CHILDREN["job"])
    url = job.enterprise.project.get_absolute_url()
    return form_page(
        request,
        EndJobForm,
        instance=job,
        section="projects",
        title=_("End job %(ref)s") % {"ref": job.job_ref},
        initial={"end_date": timezone.localdate()},
        cancel_url=url,
        success_url=lambda saved: url,
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def jobs_quick(request: HttpRequest, pk: int) -> HttpResponse:
    """Several jobs of an enterprise at once: one row per job, empty rows skipped."""
    project, enterprise = _project_and_parent(request, pk, CHILDREN["job"])
    kwargs = {"organisation": request.organisation, "parent": enterprise}
    first = enterprise.jobs.count() + 1
    initial = [
        {"start_date": timezone.localdate(), "job_ref": f"J{number}"}
        for number in range(first, first + QUICK_JOB_ROWS)
    ]
    formset = QuickJobFormSet(
        request.POST if request.method == "POST" else None, form_kwargs=kwargs, initial=initial
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            saved = [form.save() for form in formset.forms if form.has_changed()]
        messages.success(
            request,
            ngettext(
                "%(count)s job was recorded for %(name)s.",
                "%(count)s jobs were recorded for %(name)s.",
                len(saved),
            )
            % {"count": len(saved), "name": enterprise.name},
        )
        return redirect(project.get_absolute_url())
    return render(
        request,
        "outcomes/jobs_quick.html",
        {
            "section": "projects",
            "formset": formset,
            "project": project,
            "enterprise": enterprise,
        },
    )


# Enterprises and jobs section.


@organisation_view(Ability.VIEW_RECORDS)
def enterprises(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    queryset = with_active_jobs(enterprises_for_list(request.organisation, today), today)
    filters = EnterpriseFilter(
        request.GET or None, queryset=queryset, organisation=request.organisation
    )
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/enterprises.html",
        {
            "section": "enterprises",
            "filters": filters,
            "page": page,
            "accredited_events": [str(event) for event in ACCREDITED_EVENTS],
        },
    )


@organisation_view(Ability.VIEW_RECORDS)
def jobs(request: HttpRequest) -> HttpResponse:
    queryset = Job.objects.for_list(request.organisation)
    filters = JobFilter(request.GET or None, queryset=queryset, organisation=request.organisation)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "outcomes/jobs.html", {"section": "enterprises", "filters": filters, "page": page}
    )


# Settings: partners, interactions, internal actions, cost lines, targets.


@dataclass(frozen=True)
class SettingsRecord:
    model: type
    form: type
    ability: Ability
    title: str
    new_title: str
    # Who opens the list: partners and targets are reference figures a viewer reads;
    # the other lists are records one by one.
    list_ability: Ability = Ability.VIEW_RECORDS


SETTINGS_RECORDS = {
    "partner": SettingsRecord(
        Partner,
        PartnerForm,
        Ability.EDIT_RECORDS,
        gettext_lazy("Partners"),
        gettext_lazy("New partner"),
        list_ability=Ability.VIEW,
    ),
    "interaction": SettingsRecord(
        PartnerInteraction,
        PartnerInteractionForm,
        Ability.EDIT_RECORDS,
        gettext_lazy("Partner interactions"),
        gettext_lazy("New interaction with a partner"),
    ),
    "internal_action": SettingsRecord(
        InternalAction,
        InternalActionForm,
        Ability.EDIT_RECORDS,
        gettext_lazy("Internal actions"),
        gettext_lazy("New internal action"),
    ),
    "cost_line": SettingsRecord(
        CostLine,
        CostLineForm,
        Ability.MANAGE_ORGANISATION,
        gettext_lazy("Cost lines"),
        gettext_lazy("New cost line"),
    ),
    "target": SettingsRecord(
        Target,
        TargetForm,
        Ability.MANAGE_ORGANISATION,
        gettext_lazy("Targets"),
        gettext_lazy("New target"),
        list_ability=Ability.VIEW,
    ),
}


def _list_url(request, kind: str) -> str:
    return reverse(f"{kind}_list", args=[request.organisation.slug])


def cost_line_warnings(line: CostLine) -> list[str]:
    return [
        _(
            "This line covers the same days as “%(other)s” in the same category: "
            "check that the cost is not counted twice."
        )
        % {"other": other}
        for other in overlapping_cost_lines(line)
    ]


@organisation_view(Ability.VIEW)
def settings_list(request: HttpRequest, kind: str) -> HttpResponse:
    record = SETTINGS_RECORDS[kind]
    require(request.membership, record.list_ability)
    queryset = record.model.objects.filter(organisation=request.organisation)
    if kind == "interaction":
        queryset = queryset.select_related("partner")
    if kind == "cost_line":
        queryset = queryset.select_related("programme")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        f"outcomes/{kind}_list.html",
        {
            "section": "settings",
            "page": page,
            "title": record.title,
            "kind": kind,
            "may_edit": request.membership.can(record.ability),
            "overlaps": overlaps_among(list(queryset)) if kind == "cost_line" else {},
        },
    )


# Their create, edit and delete pages: core.records' generic views (see urls.py).
SETTINGS_PAGES = {
    kind: RecordPages(
        record.model,
        record.form,
        ability=record.ability,
        list_url_name=f"{kind}_list",
        section="settings",
        new_title=record.new_title,
        warnings=cost_line_warnings if kind == "cost_line" else None,
    )
    for kind, record in SETTINGS_RECORDS.items()
}
