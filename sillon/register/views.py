from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view
from sillon.accounts.roles import Ability
from sillon.core.history import history_of
from sillon.core.records import RecordPages, delete_page, form_page
from sillon.register import actions
from sillon.register.choices import ActivityKind, ApplicationDecision, ProjectType
from sillon.register.filters import ActivityFilter, ApplicationFilter, HolderFilter, ProjectFilter
from sillon.register.forms import (
    ActivityForm,
    ApplicationForm,
    CohortForm,
    EnrolmentForm,
    EnterpriseForm,
    PersonForm,
    ProgrammeForm,
    ProjectForm,
)
from sillon.register.models import (
    Activity,
    Application,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)
from sillon.register.panels import project_history_sections, render_project_panels

PAGE_SIZE = 50
ACTIVITIES_ON_PROJECT_PAGE = 100
READ = ["GET", "HEAD"]
WRITE = ["GET", "HEAD", "POST"]


def org_url(request: HttpRequest, name: str, *args) -> str:
    return reverse(name, args=[request.organisation.slug, *args])


def next_project_ref(organisation) -> str:
    """A suggestion in the usual P-<year>-<number> pattern, after the year's last one."""
    prefix = f"P-{timezone.localdate().year}-"
    last = (
        Project.objects.filter(organisation=organisation, ref__startswith=prefix)
        .order_by("-ref")
        .values_list("ref", flat=True)
        .first()
    )
    number = last.removeprefix(prefix) if last else "0"
    return f"{prefix}{int(number) + 1 if number.isdigit() else 1:04d}"


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Projects


@organisation_view(Ability.VIEW_RECORDS)
def projects(request: HttpRequest) -> HttpResponse:
    queryset = Project.objects.for_list(request.organisation).with_holder_count().with_enrolments()
    filters = ProjectFilter(
        request.GET or None,
        queryset=queryset,
        organisation=request.organisation,
        search_people=request.membership.can(Ability.VIEW_PERSONAL_DATA),
    )
    page = paginate(request, filters.qs)
    return render(
        request,
        "register/projects.html",
        {"section": "projects", "filters": filters, "page": page},
    )


@organisation_view(Ability.VIEW_RECORDS)
def project_search(request: HttpRequest) -> JsonResponse:
    """Suggestions for project-reference inputs: [{code: ref, label: name}]."""
    query = request.GET.get("q", "").strip()[:100]
    found = Project.objects.filter(organisation=request.organisation)
    if query:
        found = found.filter(ref__icontains=query) | found.filter(name__icontains=query)
    rows = found.order_by("-intake_date", "ref").values_list("ref", "name")[:20]
    return JsonResponse({"results": [{"code": ref, "label": name} for ref, name in rows]})


@organisation_view(Ability.VIEW_RECORDS)
def project(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(
        request.organisation, Project.objects.select_related("enterprise"), pk=pk
    )
    may_see_people = request.membership.can(Ability.VIEW_PERSONAL_DATA)
    activities = project.activities.select_related("programme").order_by("-date", "-pk")
    totals = activities.aggregate(hours=Sum("hours"), cost=Sum("cost_eur"), count=Count("id"))
    by_kind = [
        (ActivityKind(row["kind"]).label, row["count"], row["hours"])
        for row in activities.order_by("kind")
        .values("kind")
        .annotate(count=Count("id"), hours=Sum("hours"))
    ]
    enterprise = getattr(project, "enterprise", None)
    return render(
        request,
        "register/project.html",
        {
            "section": "projects",
            "project": project,
            "holders": project.holders.all() if may_see_people else None,
            "holder_count": project.holders.count(),
            "enrolments": project.enrolments.select_related("programme", "cohort"),
            "activities": activities.prefetch_related(
                Prefetch("projects", queryset=Project.objects.only("id", "ref"))
            )[:ACTIVITIES_ON_PROJECT_PAGE],
            "totals": totals,
            "by_kind": by_kind,
            "panels": render_project_panels(request, project),
            "history_sections": project_history_sections(request, project)
            if may_see_people
            else [],
            "enterprise": enterprise,
            "history": history_of(project) if may_see_people else None,
            "holder_histories": [(person, history_of(person)) for person in project.holders.all()]
            if may_see_people
            else [],
            "enterprise_history": history_of(enterprise) if may_see_people and enterprise else None,
        },
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def project_create(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        ProjectForm,
        title=_("New project"),
        section="projects",
        initial={
            "intake_date": timezone.localdate(),
            "ref": next_project_ref(request.organisation),
        },
        cancel_url=org_url(request, "projects"),
        success_url=lambda saved: saved.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    return form_page(
        request,
        ProjectForm,
        instance=project,
        section="projects",
        title=_("Edit project %(ref)s") % {"ref": project.ref},
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: saved.get_absolute_url(),
    )


# Deleting a project or an enterprise takes figures away: for managers and admins only
# (coaches create and edit, docs/spec/domain.md).
@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    return delete_page(
        request,
        project,
        section="projects",
        cancel_url=project.get_absolute_url(),
        success_url=org_url(request, "projects"),
        delete=lambda: actions.delete_project(project),
        consequences=_(
            "Its enrolments, its enterprise and the sessions that concern it alone are "
            "deleted with it, and so are its project holders who hold no other project; "
            "sessions shared with other projects stay, without this one."
        ),
    )


# Holders


def project_and_holder(request: HttpRequest, pk: int, person: int):
    """The project and one of its holders; a person who does not hold it is a 404."""
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    return project, get_for_organisation_or_404(request.organisation, project.holders, pk=person)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def holder_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    return form_page(
        request,
        PersonForm,
        section="projects",
        title=_("New project holder for %(ref)s") % {"ref": project.ref},
        save=lambda form: actions.add_holder(project, form),
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def holder_edit(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    project, holder = project_and_holder(request, pk, person)
    return form_page(
        request,
        PersonForm,
        instance=holder,
        section="projects",
        title=_("Edit project holder"),
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


# Taking a holder off, deleting an enrolment or a job changes figures already counted:
# for managers and admins (docs/spec/domain.md, Organisation).
@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def holder_remove(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    project, holder = project_and_holder(request, pk, person)
    names = {"person": holder, "ref": project.ref}

    def remove() -> str:
        project._change_reason = holder._change_reason
        actions.remove_holder(project, holder)
        return _("%(person)s was taken off %(ref)s.") % names

    return delete_page(
        request,
        holder,
        section="projects",
        cancel_url=project.get_absolute_url(),
        success_url=project.get_absolute_url(),
        delete=remove,
        question=_("Take %(person)s off %(ref)s?") % names,
        button=_("Take off the project"),
        consequences=_(
            "The person stays in Sillon, with their data: only an administrator erases a "
            "person (Erase)."
        ),
    )


@organisation_view(Ability.MANAGE_ORGANISATION)
def holder_export(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    """The person's data as a JSON file (GDPR right of access), for an administrator."""
    _, holder = project_and_holder(request, pk, person)
    return export_response(request, holder)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def holder_erase(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    """Anonymise the person in place (GDPR right to erasure), for an administrator."""
    project, holder = project_and_holder(request, pk, person)
    return erase_page(request, holder, back=project.get_absolute_url())


def export_response(request: HttpRequest, holder: Person) -> HttpResponse:
    # A HEAD request (a link checker, a browser's preview) is not an export.
    data = actions.export_person(holder, record=request.method == "GET")
    if request.method == "GET":
        record_event(EventKind.PERSON_EXPORTED, request=request, target=f"person:{holder.pk}")
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="person-{holder.pk}.json"'
    return response


def erase_page(request: HttpRequest, holder: Person, back: str) -> HttpResponse:
    names = {"person": holder}

    def erase() -> str:
        actions.erase_person(holder)
        record_event(EventKind.PERSON_ERASED, request=request, target=f"person:{holder.pk}")
        # No name in the message: it would outlive the erasure in the session.
        return _("The personal data of this project holder were erased.")

    return delete_page(
        request,
        holder,
        section="projects",
        cancel_url=back,
        success_url=back,
        delete=erase,
        question=_("Erase the personal data of %(person)s?") % names,
        button=_("Erase"),
        ask_reason=False,  # the history says "gdpr_erasure"
        consequences=_(
            "Name, email and year of birth are removed, here and from the history. Gender "
            "and situation at intake stay, so that the figures do not change. This cannot "
            "be undone."
        ),
    )


# A holder's own page: the person stays when taken off their last project, so that a
# manager can still see, correct or (an administrator) erase them.


@organisation_view(Ability.VIEW_PERSONAL_DATA)
def holders(request: HttpRequest) -> HttpResponse:
    filters = HolderFilter(
        request.GET or None,
        queryset=Person.objects.for_list(request.organisation),
        organisation=request.organisation,
    )
    return render(
        request,
        "register/holders.html",
        {"section": "projects", "filters": filters, "page": paginate(request, filters.qs)},
    )


@organisation_view(Ability.VIEW_PERSONAL_DATA)
def holder(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_organisation_or_404(request.organisation, Person, pk=pk)
    return render(
        request,
        "register/holder.html",
        {
            "section": "projects",
            "person": person,
            "projects": person.projects.order_by("ref"),
            "history": history_of(person),
        },
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_organisation_or_404(request.organisation, Person, pk=pk)
    return form_page(
        request,
        PersonForm,
        instance=person,
        section="projects",
        title=_("Edit project holder"),
        cancel_url=person.get_absolute_url(),
        success_url=lambda saved: saved.get_absolute_url(),
    )


@organisation_view(Ability.MANAGE_ORGANISATION)
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's data as a JSON file (GDPR right of access), for an administrator."""
    return export_response(
        request, get_for_organisation_or_404(request.organisation, Person, pk=pk)
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Anonymise the person in place (GDPR right to erasure), for an administrator."""
    person = get_for_organisation_or_404(request.organisation, Person, pk=pk)
    return erase_page(request, person, back=person.get_absolute_url())


# Enrolments


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def enrolment_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)

    def save(form):
        form.instance.project = project
        return form.save()

    return form_page(
        request,
        EnrolmentForm,
        section="projects",
        save=save,
        title=_("Enrol %(ref)s in a programme") % {"ref": project.ref},
        initial={"start_date": timezone.localdate()},
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def enrolment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_for_organisation_or_404(
        request.organisation, Enrolment.objects.select_related("project"), pk=pk
    )
    return form_page(
        request,
        EnrolmentForm,
        instance=enrolment,
        section="projects",
        title=_("Edit enrolment"),
        cancel_url=enrolment.project.get_absolute_url(),
        success_url=lambda saved: saved.project.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def enrolment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_for_organisation_or_404(
        request.organisation, Enrolment.objects.select_related("project"), pk=pk
    )
    url = enrolment.project.get_absolute_url()
    return delete_page(request, enrolment, section="projects", cancel_url=url, success_url=url)


# Enterprise


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the project's enterprise, or edit it: a project has at most one."""
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    enterprise = Enterprise.objects.filter(project=project).first()

    def save(form):
        form.instance.project = project
        return form.save()

    return form_page(
        request,
        EnterpriseForm,
        instance=enterprise,
        section="projects",
        save=save,
        title=(
            _("Edit the enterprise of %(ref)s")
            if enterprise
            else _("Record the enterprise of %(ref)s")
        )
        % {"ref": project.ref},
        # An enterprise is created by a creation project; the others had one already.
        initial=None
        if enterprise
        else {
            "name": project.name,
            "created_during_accompaniment": project.project_type == ProjectType.CREATION,
        },
        cancel_url=project.get_absolute_url(),
        success_url=lambda saved: project.get_absolute_url(),
    )


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def enterprise_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_for_organisation_or_404(request.organisation, Project, pk=pk)
    enterprise = get_for_organisation_or_404(request.organisation, Enterprise, project=project)
    url = project.get_absolute_url()
    return delete_page(request, enterprise, section="projects", cancel_url=url, success_url=url)


# Activities


@organisation_view(Ability.VIEW_RECORDS)
def activities(request: HttpRequest) -> HttpResponse:
    queryset = Activity.objects.for_list(request.organisation)
    filters = ActivityFilter(
        request.GET or None, queryset=queryset, organisation=request.organisation
    )
    totals = filters.qs.order_by().aggregate(hours=Sum("hours"), cost=Sum("cost_eur"))
    return render(
        request,
        "register/activities.html",
        {
            "section": "activities",
            "filters": filters,
            "page": paginate(request, filters.qs),
            "totals": totals,
        },
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def activity_create(request: HttpRequest) -> HttpResponse:
    """The quick "log a session" form: one activity for one or several projects."""
    initial = {"date": timezone.localdate(), "kind": "coaching"}
    project_ref = request.GET.get("project")
    if project_ref:
        initial["project_refs"] = [project_ref]
    back = request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts=None) and back.startswith("/")
    cancel_url = back if safe else None
    return form_page(
        request,
        ActivityForm,
        title=_("Log a session"),
        section="activities",
        initial=initial,
        save=actions.save_activity,
        cancel_url=cancel_url or org_url(request, "activities"),
        success_url=lambda saved: cancel_url or org_url(request, "activities"),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_for_organisation_or_404(request.organisation, Activity, pk=pk)
    return form_page(
        request,
        ActivityForm,
        instance=activity,
        title=_("Edit activity"),
        section="activities",
        save=actions.save_activity,
        cancel_url=org_url(request, "activities"),
        success_url=lambda saved: org_url(request, "activities"),
    )


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=WRITE)
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_for_organisation_or_404(request.organisation, Activity, pk=pk)
    url = org_url(request, "activities")
    return delete_page(request, activity, section="activities", cancel_url=url, success_url=url)


# Programmes and cohorts (settings)


@organisation_view(Ability.VIEW)
def programmes(request: HttpRequest) -> HttpResponse:
    programme_list = (
        Programme.objects.filter(organisation=request.organisation)
        .annotate(enrolment_count=Count("enrolments"))
        .prefetch_related("cohorts")
    )
    return render(
        request, "register/programmes.html", {"section": "settings", "programmes": programme_list}
    )


# Their create, edit and delete pages: core.records' generic views (see urls.py).
PROGRAMME_PAGES = RecordPages(
    Programme,
    ProgrammeForm,
    ability=Ability.MANAGE_ORGANISATION,
    list_url_name="programmes",
    section="settings",
    new_title=gettext_lazy("New programme"),
    edit_title=gettext_lazy("Edit programme"),
)
COHORT_PAGES = RecordPages(
    Cohort,
    CohortForm,
    ability=Ability.MANAGE_ORGANISATION,
    list_url_name="programmes",
    section="settings",
    new_title=gettext_lazy("New cohort"),
    edit_title=gettext_lazy("Edit cohort"),
    # "New cohort" on a programme's card comes with ?programme=<pk>.
    initial=lambda request: {"programme": request.GET.get("programme")},
)


APPLICATIONS_PAGE_SIZE = 50


@organisation_view(Ability.VIEW_RECORDS)
def applications(request: HttpRequest) -> HttpResponse:
    """The applications, filtered by programme, decision and year (a record list: not
    for viewers, who see the figures of applications on the dashboard and reports)."""
    organisation = request.organisation
    found = Application.objects.filter(organisation=organisation).select_related(
        "programme", "project"
    )
    programme_list = Programme.objects.filter(organisation=organisation)
    chosen = {
        "programme": request.GET.get("programme", ""),
        "decision": request.GET.get("decision", ""),
        "year": request.GET.get("year", ""),
    }
    found = ApplicationFilter(request.GET, queryset=found, organisation=organisation).qs
    page = Paginator(found, APPLICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "register/applications.html",
        {
            "section": "projects",
            "page": page,
            "chosen": chosen,
            "programmes": programme_list,
            "decisions": ApplicationDecision.choices,
        },
    )


# Their create, edit and delete pages: core.records' generic views (see urls.py).
APPLICATION_PAGES = RecordPages(
    Application,
    ApplicationForm,
    ability=Ability.EDIT_ACCOMPANIMENT,
    list_url_name="applications",
    section="projects",
    new_title=gettext_lazy("New application"),
    edit_title=gettext_lazy("Edit application"),
)
