"""Every record kind of the API (docs/spec/api.md) as a `Resource`: its model, the
interface's form (the one set of rules: forms, model validators and constraints),
the workbook's row (the same names and codes as the spreadsheet), its key, the
abilities of each action and the interface's filter set."""

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sillon.accounts.roles import Ability
from sillon.followup.filters import QuestionnaireFilter
from sillon.followup.models import Questionnaire
from sillon.mission.activity_form import mission_fields
from sillon.mission.models import Mission
from sillon.outcomes.filters import EnterpriseFilter, JobFilter
from sillon.outcomes.forms import (
    AccreditationEventForm,
    CostLineForm,
    ImpactAssessmentForm,
    JobForm,
    TargetForm,
    TransferForm,
)
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    Job,
    Partner,
    Target,
    Transfer,
    latest_esd_event,
)
from sillon.register import actions as register_actions
from sillon.register.filters import ActivityFilter, ApplicationFilter, ProjectFilter
from sillon.register.forms import (
    ActivityForm,
    ApplicationForm,
    EnrolmentForm,
    EnterpriseForm,
    PersonForm,
    ProjectForm,
)
from sillon.register.models import (
    Activity,
    Application,
    Enrolment,
    Enterprise,
    Person,
    Project,
)
from sillon.workbook import records

# Reading records one by one: a viewer reads aggregates only (indicators, comparison,
# statement), never records (docs/spec/domain.md, Organisation), as in the interface.
READ = Ability.VIEW_RECORDS
KEY_SEPARATOR = "~"


@dataclass(eq=False)
class Resource:
    """One record kind: what the API reads and writes, with which rules."""

    name: str  # the URL segment
    model: type[models.Model]
    # None for a kind the API only reads (its records are made by Sillon itself).
    form: type[forms.ModelForm] | None
    # The workbook's row of a record: its names and codes (workbook/records.py).
    binding: object
    # Model lookups of the key, in the order of the path's "a~b~c" parts.
    key: tuple[str, ...]
    key_names: tuple[str, ...]
    read: Ability = READ
    # None: the method is not allowed (405), whatever the role.
    create: Ability | None = Ability.EDIT_ACCOMPANIMENT
    update: Ability | None = Ability.EDIT_ACCOMPANIMENT
    delete: Ability | None = Ability.EDIT_ACCOMPANIMENT
    # "project" or "enterprise": the parent named by the request's `project_ref`.
    parent: str = ""
    filterset: type | None = None
    # API name → form field name, where they differ.
    renames: dict[str, str] = field(default_factory=dict)
    # Form fields choosing a record by a code of the workbook instead of an id.
    code_fields: dict[str, str] = field(default_factory=dict)
    select_related: tuple[str, ...] = ()
    description: str = ""

    def queryset(self, organisation):
        queryset = self.model.objects.filter(organisation=organisation)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.order_by(*self.key, "pk")

    def api_name(self, form_name: str) -> str:
        for api, form_field in self.renames.items():
            if form_field == form_name:
                return api
        return form_name

    def extra_form_fields(self) -> dict[str, forms.Field]:
        """Fields the form adds when built (for one organisation) beyond its class's."""
        return {}

    def form_fields(self) -> dict[str, forms.Field]:
        return dict(self.form.base_fields) | self.extra_form_fields()

    def form_name(self, api_name: str) -> str:
        return self.renames.get(api_name, api_name)

    def row(self, record) -> dict:
        return {"id": record.pk} | self.binding.row(record)

    def prepare_form(self, form, values: dict) -> None:
        """Adjust a bound form to the API's values (codes instead of ids)."""
        for name, to_field in self.code_fields.items():
            form.fields[name].to_field_name = to_field

    def save(self, form, parent, user):
        form.instance._history_user = user
        if parent is not None:
            setattr(form.instance, self.parent, parent)
        return form.save()

    def remove(self, record) -> None:
        record.delete()


class ProjectResource(Resource):
    def queryset(self, organisation):
        return super().queryset(organisation).select_related("enterprise")

    def row(self, record):
        try:
            enterprise = record.enterprise
        except Enterprise.DoesNotExist:
            enterprise = None
        return super().row(record) | {
            "nace_version": record.nace_version,
            "enterprise": None
            if enterprise is None
            else {
                "id": enterprise.pk,
                "name": enterprise.name,
                "enterprise_number": enterprise.enterprise_number,
            },
        }

    def remove(self, record):
        register_actions.delete_project(record)


class HolderResource(Resource):
    def queryset(self, organisation):
        projects = Prefetch("projects", queryset=Project.objects.only("ref").order_by("ref"))
        return super().queryset(organisation).prefetch_related(projects)

    def row(self, record):
        row = self.binding.row(record)
        return {"id": record.pk} | row | {"project_refs": [p.ref for p in record.projects.all()]}

    @transaction.atomic
    def save(self, form, parent, user):
        """A new holder is linked to the projects of `project_refs` (as the workbook's
        rows do); links are never removed through the API."""
        person = super().save(form, None, user)
        for project in getattr(form, "api_projects", []):
            project.holders.add(person)
        return person


class ActivityResource(Resource):
    """With the mission and the partners involved (docs/spec/mission.md), which the
    mission app adds to the activity form."""

    def queryset(self, organisation):
        projects = Prefetch("projects", queryset=Project.objects.only("ref").order_by("ref"))
        return (
            super()
            .queryset(organisation)
            .select_related("programme", "mission_link__mission")
            .prefetch_related(projects, "mission_link__partners")
        )

    def extra_form_fields(self):
        return mission_fields(Mission.objects.none(), Partner.objects.none())

    def row(self, record):
        refs = [project.ref for project in record.projects.all()]
        link = getattr(record, "mission_link", None)
        mission = link.mission.code if link is not None and link.mission else ""
        partners = sorted(partner.code for partner in link.partners.all()) if link else []
        return (
            {"id": record.pk}
            | self.binding.row(record, refs)
            | {"note": record.note, "mission": mission, "partners": partners}
        )

    def save(self, form, parent, user):
        form.instance._history_user = user
        return register_actions.save_activity(form)


class EnterpriseResource(Resource):
    def queryset(self, organisation):
        return (
            super()
            .queryset(organisation)
            .annotate(latest_esd=latest_esd_event(timezone.localdate()))
        )


class EnrolmentResource(Resource):
    def prepare_form(self, form, values):
        super().prepare_form(form, values)
        # A cohort is named within its programme.
        cohort = form.fields["cohort"]
        cohort.queryset = cohort.queryset.filter(programme__code=values.get("programme") or "")
        cohort.to_field_name = "name"


class CostLineResource(Resource):
    def row(self, record):
        return super().row(record) | {"note": record.note}


class ApplicationResource(Resource):
    """An application (docs/spec/comparison.md §4): its programme by code, the project an
    accepted one became by its project_ref (a project of the organisation only)."""

    def row(self, record):
        return super().row(record) | {"nace_version": record.nace_version}


PROJECTS = ProjectResource(
    "projects",
    Project,
    ProjectForm,
    records.ProjectBinding(),
    key=("ref",),
    key_names=("project_ref",),
    delete=Ability.EDIT_RECORDS,
    filterset=ProjectFilter,
    renames={"project_ref": "ref"},
    description=_("Accompanied projects, by project_ref."),
)
HOLDERS = HolderResource(
    "holders",
    Person,
    PersonForm,
    records.HolderBinding(),
    key=("ref",),
    key_names=("person_ref",),
    read=Ability.VIEW_PERSONAL_DATA,
    delete=None,
    description=_("Project holders (personal data), by person_ref."),
)
ENROLMENTS = EnrolmentResource(
    "enrolments",
    Enrolment,
    EnrolmentForm,
    records.EnrolmentBinding(),
    key=("project__ref", "programme__code", "start_date"),
    key_names=("project_ref", "programme", "start_date"),
    parent="project",
    code_fields={"programme": "code"},
    select_related=("project", "programme", "cohort"),
)
ENTERPRISES = EnterpriseResource(
    "enterprises",
    Enterprise,
    EnterpriseForm,
    records.EnterpriseBinding(),
    key=("project__ref",),
    key_names=("project_ref",),
    delete=Ability.EDIT_RECORDS,
    parent="project",
    filterset=EnterpriseFilter,
    select_related=("project",),
)
ACTIVITIES = ActivityResource(
    "activities",
    Activity,
    ActivityForm,
    records.ActivityBinding(),
    key=("ref",),
    key_names=("activity_ref",),
    filterset=ActivityFilter,
    code_fields={"programme": "code", "mission": "code", "partners": "code"},
)
JOBS = Resource(
    "jobs",
    Job,
    JobForm,
    records.JobBinding(),
    key=("enterprise__project__ref", "job_ref"),
    key_names=("project_ref", "job_ref"),
    parent="enterprise",
    filterset=JobFilter,
    select_related=("enterprise__project",),
)
ACCREDITATION_EVENTS = Resource(
    "accreditation-events",
    AccreditationEvent,
    AccreditationEventForm,
    records.AccreditationBinding(),
    key=("enterprise__project__ref", "event", "date"),
    key_names=("project_ref", "event", "date"),
    parent="enterprise",
    select_related=("enterprise__project",),
)
TRANSFERS = Resource(
    "transfers",
    Transfer,
    TransferForm,
    records.TransferBinding(),
    key=("project__ref", "partner__code", "date"),
    key_names=("project_ref", "partner", "date"),
    parent="project",
    code_fields={"partner": "code"},
    select_related=("project", "partner"),
)
IMPACT_ASSESSMENTS = Resource(
    "impact-assessments",
    ImpactAssessment,
    ImpactAssessmentForm,
    records.ImpactBinding(),
    key=("project__ref", "date"),
    key_names=("project_ref", "date"),
    parent="project",
    select_related=("project",),
)
COST_LINES = CostLineResource(
    "cost-lines",
    CostLine,
    CostLineForm,
    records.CostBinding(),
    key=("period_start", "period_end", "programme__code", "category", "funding_source"),
    key_names=("period_start", "period_end", "programme", "category", "funding_source"),
    create=Ability.MANAGE_ORGANISATION,
    update=Ability.MANAGE_ORGANISATION,
    delete=Ability.MANAGE_ORGANISATION,
    code_fields={"programme": "code"},
    select_related=("programme",),
)
TARGETS = Resource(
    "targets",
    Target,
    TargetForm,
    records.TargetBinding(),
    key=("indicator", "period"),
    key_names=("indicator", "period"),
    create=Ability.MANAGE_ORGANISATION,
    update=Ability.MANAGE_ORGANISATION,
    delete=Ability.MANAGE_ORGANISATION,
)
# Read only: questionnaires are made by the follow-up's sending and answered on its
# public page (docs/spec/followup.md); the same columns as the workbook's `followups`
# sheet, never a token, a recipient or an answer.
FOLLOWUPS = Resource(
    "followups",
    Questionnaire,
    None,
    records.FollowupBinding(),
    key=("project__ref", "wave"),
    key_names=("project_ref", "wave"),
    create=None,
    update=None,
    delete=None,
    filterset=QuestionnaireFilter,
    select_related=("project",),
    description=_("Follow-up questionnaires (read only), by project_ref~wave."),
)
APPLICATIONS = ApplicationResource(
    "applications",
    Application,
    ApplicationForm,
    records.ApplicationBinding(),
    key=("ref",),
    key_names=("application_ref",),
    filterset=ApplicationFilter,
    renames={"application_ref": "ref", "project_ref": "project"},
    code_fields={"programme": "code", "project": "ref"},
    select_related=("programme", "project"),
    description=_("Applications to the programmes and their decisions, by application_ref."),
)

RESOURCES = [
    PROJECTS,
    HOLDERS,
    ENROLMENTS,
    ENTERPRISES,
    ACTIVITIES,
    JOBS,
    ACCREDITATION_EVENTS,
    TRANSFERS,
    IMPACT_ASSESSMENTS,
    COST_LINES,
    TARGETS,
    FOLLOWUPS,
    APPLICATIONS,
]


def key_lookup(resource: Resource, key: str) -> dict | None:
    """The lookup of a key "a~b~c" (the workbook key's parts), or None when it has not
    as many parts as the key."""
    parts = key.split(KEY_SEPARATOR) if len(resource.key) > 1 else [key]
    if len(parts) != len(resource.key):
        return None
    lookup = {}
    for name, part in zip(resource.key, parts, strict=True):
        if part == "" and name.endswith("__code"):
            lookup[name.removesuffix("__code") + "__isnull"] = True
        elif name.endswith("date") or name in {"period_start", "period_end"}:
            try:
                lookup[name] = date.fromisoformat(part)
            except ValueError:
                return None
        else:
            lookup[name] = part
    return lookup
