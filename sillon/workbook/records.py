"""How each sheet maps to Sillon's records: an existing record as a workbook row (the
export reads the same rows), and a row's values as model fields. References by code
and ref go through `Links`, which knows the ids."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Model
from django.utils import timezone

from sillon.accounts.models import Organisation
from sillon.followup.models import Questionnaire
from sillon.mission.models import ActivityMission, Mission, Stake
from sillon.outcomes.choices import EMES_CRITERIA
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
from sillon.workbook.cells import nace_version
from sillon.workbook.sheets import BY_NAME, EXPORT_ONLY_BY_NAME

CRITERIA = [name for name, _label, _dimension in EMES_CRITERIA]


class Links:
    """Ids of the organisation's records by the keys a workbook names them with."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.refresh()

    def refresh(self) -> None:
        org = self.organisation
        self.projects = dict(Project.objects.filter(organisation=org).values_list("ref", "pk"))
        self.programmes = dict(Programme.objects.filter(organisation=org).values_list("code", "pk"))
        self.enterprises = dict(
            Enterprise.objects.filter(organisation=org).values_list("project__ref", "pk")
        )
        self.persons = dict(
            Person.objects.filter(organisation=org).exclude(ref="").values_list("ref", "pk")
        )
        self.cohorts = {
            (programme, name): pk
            for programme, name, pk in Cohort.objects.filter(organisation=org).values_list(
                "programme__code", "name", "pk"
            )
        }
        self.partners = {}
        for code, name, pk in Partner.objects.filter(organisation=org).values_list(
            "code", "name", "pk"
        ):
            self.partners.setdefault(name.casefold(), pk)
            self.partners[code.casefold()] = pk
        self.partner_codes = dict(
            Partner.objects.filter(organisation=org).values_list("pk", "code")
        )
        self.missions = dict(Mission.objects.filter(organisation=org).values_list("code", "pk"))

    def partner(self, text: str) -> int | None:
        return self.partners.get(text.casefold())

    def partner_code(self, text: str) -> str:
        """The code of the partner a cell names (by code or name), as the key holds it."""
        pk = self.partner(text)
        return self.partner_codes[pk] if pk else text


def same(a, b) -> bool:
    return a == b or (a in (None, "") and b in (None, ""))


class Binding:
    """A sheet whose rows are records of one model, one row per record."""

    model: type[Model]
    sheet_name: str
    # Columns copied as they are into the field of the same name.
    plain: tuple[str, ...] = ()

    @property
    def sheet(self):
        return BY_NAME[self.sheet_name]

    def queryset(self, organisation):
        return self.model.objects.filter(organisation=organisation)

    def existing(self, organisation) -> Iterator[tuple[Model, dict]]:
        for record in self.queryset(organisation):
            yield record, self.row(record)

    def row(self, record) -> dict:
        return {name: getattr(record, name) for name in self.plain}

    def fields(self, values: dict, links: Links) -> dict:
        return {name: values[name] for name in self.plain if name in values}


class ProgrammeBinding(Binding):
    model, sheet_name = Programme, "programmes"
    plain = ("code", "name_fr", "name_nl", "name_en", "kind")


class ProjectBinding(Binding):
    model, sheet_name = Project, "projects"
    plain = ("name", "project_type", "sector_type", "themes", "intake_date", "status")
    plain += ("status_date", "stop_reason")

    def row(self, record):
        return super().row(record) | {"project_ref": record.ref, "nace_code": record.nace_code}

    def fields(self, values, links):
        fields = super().fields(values, links)
        if "project_ref" in values:
            fields["ref"] = values["project_ref"]
        if "nace_code" in values:
            fields["nace_code"] = values["nace_code"]
            fields["nace_version"] = nace_version(values["nace_code"]) or "2008"
        return fields


class OfProject(Binding):
    """Records of one project, which the sheet names by its reference."""

    related: tuple[str, ...] = ()  # more relations read with the project

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("project", *self.related)

    def row(self, record):
        return super().row(record) | {"project_ref": record.project.ref}

    def fields(self, values, links):
        return super().fields(values, links) | {"project_id": links.projects[values["project_ref"]]}


class EnrolmentBinding(OfProject):
    model, sheet_name = Enrolment, "enrolments"
    plain = ("start_date", "end_date", "outcome")
    related = ("programme", "cohort")

    def row(self, record):
        return super().row(record) | {
            "programme": record.programme.code,
            "cohort": record.cohort.name if record.cohort else "",
        }

    def fields(self, values, links):
        fields = super().fields(values, links)
        fields["programme_id"] = links.programmes[values["programme"]]
        if "cohort" in values:
            cohort = values["cohort"]
            fields["cohort_id"] = links.cohorts[values["programme"], cohort] if cohort else None
        return fields


class EnterpriseBinding(OfProject):
    model, sheet_name = Enterprise, "enterprises"
    plain = ("enterprise_number", "name", "legal_form", "created_during_accompaniment")
    plain += ("creation_date", "cessation_date", "cessation_reason", "joint_committees", "postcode")


class ActivityBinding(Binding):
    model, sheet_name = Activity, "activities"
    plain = ("date", "kind", "hours", "expert_type", "expert_name", "cost_eur", "topics")
    plain += ("attendees", "audience", "channel")

    def existing(self, organisation):
        refs = defaultdict(list)
        links = Activity.projects.through.objects.filter(activity__organisation=organisation)
        for activity_id, ref in links.values_list("activity_id", "project__ref"):
            refs[activity_id].append(ref)
        missions, partners = activity_missions(organisation)
        for record in self.queryset(organisation).select_related("programme"):
            yield (
                record,
                self.row(record, sorted(refs.get(record.pk, [])))
                | {
                    "mission": missions.get(record.pk, ""),
                    "partners": sorted(partners.get(record.pk, [])),
                },
            )

    def row(self, record, project_refs=None):
        return super().row(record) | {
            "activity_ref": record.ref,
            "project_refs": project_refs or [],
            "programme": record.programme.code if record.programme else "",
        }

    def fields(self, values, links):
        fields = super().fields(values, links) | {"ref": values["activity_ref"]}
        if "programme" in values:
            code = values["programme"]
            fields["programme_id"] = links.programmes[code] if code else None
        return fields


class OfEnterprise(Binding):
    """Jobs and accreditation records reach their enterprise through its project."""

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("enterprise__project")

    def row(self, record):
        return super().row(record) | {"project_ref": record.enterprise.project.ref}

    def fields(self, values, links):
        return super().fields(values, links) | {
            "enterprise_id": links.enterprises[values["project_ref"]]
        }


class JobBinding(OfEnterprise):
    model, sheet_name = Job, "jobs"
    plain = ("job_ref", "start_date", "end_date", "worker_status", "contract_type")
    plain += ("weekly_hours", "full_time_hours", "joint_committee", "gender")


class AccreditationBinding(OfEnterprise):
    model, sheet_name = AccreditationEvent, "accreditation"
    plain = ("event", "date")


class NonAccreditationBinding(OfEnterprise):
    model, sheet_name = NonAccreditationReason, "non_accreditation"
    plain = ("reason", "date", "note")


class PartnerBinding(Binding):
    model, sheet_name = Partner, "partners"
    plain = ("code", "name", "kind")


class TransferBinding(OfProject):
    model, sheet_name = Transfer, "transfers"
    plain = ("date", "note")
    related = ("partner",)

    def row(self, record):
        return super().row(record) | {"partner": record.partner.code}

    def fields(self, values, links):
        return super().fields(values, links) | {"partner_id": links.partner(values["partner"])}


class InteractionBinding(Binding):
    model, sheet_name = PartnerInteraction, "interactions"
    plain = ("date", "kind", "note")

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("partner")

    def row(self, record):
        return super().row(record) | {"partner": record.partner.code}

    def fields(self, values, links):
        return super().fields(values, links) | {"partner_id": links.partner(values["partner"])}


class ImpactBinding(OfProject):
    model, sheet_name = ImpactAssessment, "impact"
    plain = ("date", *CRITERIA, "beneficiaries", "social_impact")
    plain += ("environmental_actions", "diversity_actions")


class ActionBinding(Binding):
    model, sheet_name = InternalAction, "actions"
    plain = ("date", "kind", "scope", "description")


class CostBinding(Binding):
    model, sheet_name = CostLine, "costs"
    plain = ("period_start", "period_end", "category", "amount_eur", "funding_source")

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("programme", "mission_link__mission")

    def row(self, record):
        link = getattr(record, "mission_link", None)
        return super().row(record) | {
            "programme": record.programme.code if record.programme else "",
            "mission": link.mission.code if link else "",
        }

    def fields(self, values, links):
        fields = super().fields(values, links)
        code = values.get("programme", "")
        fields["programme_id"] = links.programmes[code] if code else None
        return fields


class TargetBinding(Binding):
    model, sheet_name = Target, "targets"
    plain = ("indicator", "period", "value", "direction")


class HolderBinding:
    """Holders: one row per (person, project); the person is written once, the link to
    each project added. Links are never removed by an import."""

    sheet_name = "holders"
    person_fields = ("first_name", "last_name", "email", "gender", "birth_year")
    person_fields += ("situation_at_intake", "language", "followup_consent")
    person_fields += ("followup_consent_date",)

    @property
    def sheet(self):
        return BY_NAME[self.sheet_name]

    def existing(self, organisation) -> Iterator[tuple[Person, dict]]:
        persons = {p.pk: p for p in Person.objects.filter(organisation=organisation)}
        links = Project.holders.through.objects.filter(person__organisation=organisation)
        for person_id, ref in links.values_list("person_id", "project__ref").order_by(
            "person_id", "project__ref"
        ):
            person = persons[person_id]
            yield person, self.row(person) | {"project_ref": ref}

    def row(self, person: Person) -> dict:
        return {"person_ref": person.ref} | {
            name: getattr(person, name) for name in self.person_fields
        }

    def fields(self, values: dict) -> dict:
        return {name: values[name] for name in self.person_fields if name in values}


# The centre's whole mission (docs/spec/mission.md).


def activity_missions(organisation) -> tuple[dict, dict]:
    """Activity id → its own mission's code, and → the codes of the partners involved."""
    links = ActivityMission.objects.filter(organisation=organisation)
    missions = dict(links.exclude(mission=None).values_list("activity_id", "mission__code"))
    partners = defaultdict(list)
    for activity_id, code in ActivityMission.partners.through.objects.filter(
        activitymission__organisation=organisation
    ).values_list("activitymission__activity_id", "partner__code"):
        partners[activity_id].append(code)
    return missions, partners


class MissionBinding(Binding):
    model, sheet_name = Mission, "missions"
    plain = ("code", "title_fr", "title_nl", "title_en", "article")

    def existing(self, organisation):
        covering = defaultdict(list)
        for mission_id, code in Mission.also_covered_by.through.objects.filter(
            mission__organisation=organisation
        ).values_list("mission_id", "partner__code"):
            covering[mission_id].append(code)
        for record in self.queryset(organisation):
            yield record, self.row(record) | {"also_covered_by": sorted(covering[record.pk])}


class StakeBinding(OfEnterprise):
    model, sheet_name = Stake, "stakes"
    plain = ("acquired_date", "kind", "amount_eur", "capital_share", "ended_date")
    plain += ("decision_ref", "note")


class ApplicationBinding(Binding):
    """An application names its programme by code and the project it became by reference
    (docs/spec/comparison.md §4)."""

    model, sheet_name = Application, "applications"
    plain = ("date", "name", "enterprise_number", "decision", "decision_date", "reason")

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("programme", "project")

    def row(self, record):
        return super().row(record) | {
            "application_ref": record.ref,
            "programme": record.programme.code,
            "nace_code": record.nace_code,
            "project_ref": record.project.ref if record.project else "",
        }

    def fields(self, values, links):
        fields = super().fields(values, links) | {"ref": values["application_ref"]}
        if "programme" in values:
            fields["programme_id"] = links.programmes[values["programme"]]
        if "nace_code" in values:
            fields["nace_code"] = values["nace_code"]
            fields["nace_version"] = nace_version(values["nace_code"]) or "2008"
        if "project_ref" in values:
            ref = values["project_ref"]
            fields["project_id"] = links.projects[ref] if ref else None
        return fields


# In the order they are written: each after the records it points to.
BINDINGS = [
    ProgrammeBinding(),
    ProjectBinding(),
    HolderBinding(),
    EnrolmentBinding(),
    EnterpriseBinding(),
    ActivityBinding(),
    JobBinding(),
    AccreditationBinding(),
    NonAccreditationBinding(),
    PartnerBinding(),
    TransferBinding(),
    InteractionBinding(),
    ImpactBinding(),
    ActionBinding(),
    CostBinding(),
    TargetBinding(),
    MissionBinding(),
    StakeBinding(),
    ApplicationBinding(),
]
BINDING = {binding.sheet_name: binding for binding in BINDINGS}


# Written by the export, skipped by the import (docs/spec/workbook.md).


class FollowupBinding(Binding):
    """A follow-up questionnaire (docs/spec/followup.md): its project, wave, days and
    status — never its links' tokens, its recipients or its answer."""

    model, sheet_name = Questionnaire, "followups"
    plain = ("wave", "due_date", "status")

    @property
    def sheet(self):
        return EXPORT_ONLY_BY_NAME[self.sheet_name]

    def queryset(self, organisation):
        return super().queryset(organisation).select_related("project")

    def row(self, record):
        answered = record.answered_at
        return super().row(record) | {
            "project_ref": record.project.ref,
            # The day the first message was accepted, from which reminders and expiry
            # count, and the day of the answer in the site's time zone: the days the
            # follow-up figures count them on.
            "sent_at": record.sent_on,
            "answered_at": timezone.localdate(answered) if answered else None,
        }


EXPORT_ONLY_BINDINGS = [FollowupBinding()]
