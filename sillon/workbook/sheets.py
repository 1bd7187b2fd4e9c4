"""The sheets and columns of docs/spec/workbook.md: how each cell is read, which columns make
the key, and which are personal data (left out of a viewer's export)."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import parse_period
from sillon.catalogue.targets import Direction
from sillon.core import personal_data
from sillon.core.validators import validate_birth_year, validate_session_hours
from sillon.mission.choices import StakeKind
from sillon.outcomes.choices import (
    EMES_CRITERIA,
    AccreditationEventKind,
    ActionKind,
    ActionScope,
    Assessment,
    ContractType,
    CostCategory,
    FundingSource,
    InteractionKind,
    NonAccreditationReasonKind,
    PartnerKind,
    WorkerStatus,
)
from sillon.register.choices import (
    ActivityKind,
    ApplicationDecision,
    CessationReason,
    DecisionReason,
    EnrolmentOutcome,
    ExpertType,
    Gender,
    Language,
    OutreachChannel,
    ProgrammeKind,
    ProjectStatus,
    ProjectType,
    SectorType,
    Situation,
    Topic,
)
from sillon.workbook import cells
from sillon.workbook.cells import CellError, CodeList

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
POSTCODE = re.compile(r"^\d{4}$")


def programme_code(raw) -> str:
    value = cells.text(raw)
    if value and (not SLUG.match(value) or len(value) > 40):
        raise CellError(_("A programme code holds letters, digits and hyphens, e.g. seeds."))
    return value


def email(raw) -> str:
    value = cells.text(raw)
    if value and (not EMAIL.match(value) or len(value) > 254):
        raise CellError(_("Not an email address."))
    return value


birth_year = cells.checked(cells.integer, validate_birth_year)


def postcode(raw) -> str:
    value = cells.text(raw)
    if value and not POSTCODE.match(value):
        raise CellError(_("A Belgian postcode has four digits, e.g. 1000."))
    return value


def non_negative_integer(raw) -> int | None:
    value = cells.integer(raw)
    if value is not None and value < 0:
        raise CellError(_("Cannot be negative."))
    return value


def money(raw):
    value = amount(raw, digits=12, places=2)
    if value is not None and value < 0:
        raise CellError(_("Cannot be negative."))
    return value


def amount(raw, digits: int, places: int):
    value = cells.decimal(raw)
    if value is None:
        return None
    # The size first: rounding a number of more digits than the decimal context holds
    # raises InvalidOperation instead of answering.
    if abs(value) >= 10 ** (digits - places):
        raise CellError(_("This number is too large."))
    if value.as_tuple().exponent < -places and value != round(value, places):
        raise CellError(_("At most %(places)d decimals.") % {"places": places})
    return round(value, places)


# The hours of one session: the shared rule of core/validators.py.
hours = cells.checked(partial(amount, digits=6, places=2), validate_session_hours)


def weekly_hours(raw):
    return amount(raw, digits=5, places=2)


def target_value(raw):
    value = amount(raw, digits=14, places=4)
    if value is not None and value < 0:
        raise CellError(_("A target cannot be negative."))
    return value


def indicator(raw) -> str:
    value = cells.text(raw)
    if value and (value not in BY_ID or not BY_ID[value].is_scalar):
        raise CellError(_("Not an indicator of the catalogue that can have a target."))
    return value


def period(raw) -> str:
    value = cells.text(raw)
    if not value:
        return ""
    try:
        return parse_period(value).id
    except Exception:
        raise CellError(
            _("Not a period: write 2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30.")
        ) from None


def code_list(raw) -> list[str]:
    values = sorted(dict.fromkeys(cells.split_list(raw)))
    for value in values:
        if not SLUG.match(value) or len(value) > 40:
            raise CellError(_("A code holds letters, digits and hyphens, e.g. bruxeo."))
    return values


def capital_share(raw):
    value = amount(raw, digits=5, places=4)
    if value is not None and not 0 <= value <= 1:
        raise CellError(_("A share of capital is between 0 and 1, e.g. 0.15."))
    return value


def refs(raw) -> list[str]:
    return sorted(dict.fromkeys(cells.reference(part) for part in cells.split_list(raw)))


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable
    help: object
    required: bool = False
    codes: CodeList | None = None  # drop-down list of the template
    # Personal data or sensitive text (core/personal_data.py): never in the export of a
    # member who may not see personal data. Set by the sheet from the declaration.
    personal: bool = False


def code(name, choices, help, required=False, default="") -> Column:
    codes = CodeList(choices, default)
    return Column(name, codes, help, required=required, codes=codes)


def codes(name, choices, help) -> Column:
    codes = CodeList(choices)
    return Column(name, codes.many, help, codes=codes)


@dataclass(frozen=True)
class Sheet:
    name: str
    key: tuple[str, ...]
    columns: list[Column]
    # Only an administrator imports these (as in the interface).
    admin_only: bool = False
    by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        hidden = set(personal_data.hidden_fields(SHEET_MODELS[self.name]))
        columns = [replace(column, personal=column.name in hidden) for column in self.columns]
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "by_name", {column.name: column for column in self.columns})


# The model each sheet writes, whose declaration of personal data its columns follow.
SHEET_MODELS = {
    "programmes": "register.Programme",
    "projects": "register.Project",
    "holders": "register.Person",
    "enrolments": "register.Enrolment",
    "enterprises": "register.Enterprise",
    "activities": "register.Activity",
    "jobs": "outcomes.Job",
    "accreditation": "outcomes.AccreditationEvent",
    "non_accreditation": "outcomes.NonAccreditationReason",
    "partners": "outcomes.Partner",
    "transfers": "outcomes.Transfer",
    "interactions": "outcomes.PartnerInteraction",
    "impact": "outcomes.ImpactAssessment",
    "actions": "outcomes.InternalAction",
    "costs": "outcomes.CostLine",
    "targets": "outcomes.Target",
    "missions": "mission.Mission",
    "stakes": "mission.Stake",
    "followups": "followup.Questionnaire",
    "applications": "register.Application",
}


DATE_HELP = gettext_lazy("Date, YYYY-MM-DD or a date cell.")
PROJECT_HELP = gettext_lazy("Reference of the project (projects sheet or already in Sillon).")

SHEETS = [
    Sheet(
        "programmes",
        ("code",),
        [
            Column(
                "code",
                programme_code,
                gettext_lazy("Short code of the programme, e.g. seeds."),
                True,
            ),
            Column("name_fr", cells.bounded_text(120), gettext_lazy("Name in French."), True),
            Column("name_nl", cells.bounded_text(120), gettext_lazy("Name in Dutch.")),
            Column("name_en", cells.bounded_text(120), gettext_lazy("Name in English.")),
            code("kind", ProgrammeKind, gettext_lazy("Kind of programme."), required=True),
        ],
        admin_only=True,
    ),
    Sheet(
        "projects",
        ("project_ref",),
        [
            Column(
                "project_ref",
                cells.reference,
                gettext_lazy("Unique reference, e.g. P-2024-017."),
                True,
            ),
            Column("name", cells.bounded_text(200), gettext_lazy("Name of the project."), True),
            code("project_type", ProjectType, gettext_lazy("Type of project."), required=True),
            code("sector_type", SectorType, gettext_lazy("Sector."), required=True),
            Column("nace_code", cells.nace_code, gettext_lazy("NACE-BEL subclass, e.g. 56101.")),
            Column("themes", cells.tags, gettext_lazy("Free themes separated by ;.")),
            Column("intake_date", cells.record_date, gettext_lazy("Date of intake."), True),
            code(
                "status",
                ProjectStatus,
                gettext_lazy("Status (active when empty)."),
                default="active",
            ),
            Column("status_date", cells.record_date, gettext_lazy("Date of the status.")),
            Column("stop_reason", cells.text, gettext_lazy("Why the project stopped.")),
        ],
    ),
    Sheet(
        "holders",
        ("person_ref", "project_ref"),
        [
            Column(
                "person_ref", cells.reference, gettext_lazy("Unique reference of the person."), True
            ),
            Column("project_ref", cells.reference, PROJECT_HELP, True),
            Column(
                "first_name",
                cells.bounded_text(100),
                gettext_lazy("First name."),
                True,
            ),
            Column(
                "last_name",
                cells.bounded_text(100),
                gettext_lazy("Last name."),
                True,
            ),
            Column("email", email, gettext_lazy("Email address.")),
            code("gender", Gender, gettext_lazy("Gender (unknown when empty)."), default="unknown"),
            Column("birth_year", birth_year, gettext_lazy("Year of birth.")),
            code(
                "situation_at_intake",
                Situation,
                gettext_lazy("Situation at intake."),
                default="unknown",
            ),
            code(
                "language",
                Language,
                gettext_lazy("Language of the follow-up messages (the organisation's when empty)."),
            ),
            Column(
                "followup_consent",
                cells.yes_no,
                gettext_lazy(
                    "yes if the holder agreed to be followed up by e-mail (no when empty)."
                ),
            ),
            Column(
                "followup_consent_date",
                cells.record_date,
                gettext_lazy("Date of the consent (required with yes)."),
            ),
        ],
    ),
    Sheet(
        "enrolments",
        ("project_ref", "programme", "start_date"),
        [
            Column("project_ref", cells.reference, PROJECT_HELP, True),
            Column("programme", programme_code, gettext_lazy("Code of the programme."), True),
            Column(
                "cohort",
                cells.bounded_text(120),
                gettext_lazy("Name of the cohort in the programme."),
            ),
            Column("start_date", cells.record_date, DATE_HELP, True),
            Column(
                "end_date", cells.record_date, gettext_lazy("Empty while the enrolment goes on.")
            ),
            code(
                "outcome",
                EnrolmentOutcome,
                gettext_lazy("Outcome (ongoing when empty)."),
                default="ongoing",
            ),
        ],
    ),
    Sheet(
        "enterprises",
        ("project_ref",),
        [
            Column("project_ref", cells.reference, PROJECT_HELP, True),
            Column(
                "enterprise_number",
                cells.enterprise_number,
                gettext_lazy("BCE/KBO number, 10 digits."),
            ),
            Column("name", cells.bounded_text(200), gettext_lazy("Name of the enterprise."), True),
            Column("legal_form", cells.legal_form, gettext_lazy("KBO legal-form code, e.g. 017.")),
            Column(
                "created_during_accompaniment",
                cells.yes_no,
                gettext_lazy("yes if the project created it, no if it existed before."),
            ),
            Column("creation_date", cells.record_date, gettext_lazy("Date of registration.")),
            Column("cessation_date", cells.record_date, gettext_lazy("Empty while active.")),
            code("cessation_reason", CessationReason, gettext_lazy("Reason for cessation.")),
            Column(
                "joint_committees",
                cells.joint_committee_list,
                gettext_lazy("Joint committees separated by ;, e.g. 200;329.02."),
            ),
            Column("postcode", postcode, gettext_lazy("Postcode of the registered office.")),
        ],
    ),
    Sheet(
        "activities",
        ("activity_ref",),
        [
            Column(
                "activity_ref",
                cells.reference,
                gettext_lazy("Unique reference, e.g. A-0001."),
                True,
            ),
            Column("date", cells.record_date, DATE_HELP, True),
            code("kind", ActivityKind, gettext_lazy("Kind of activity."), required=True),
            Column(
                "hours", hours, gettext_lazy("Duration in hours, more than 0 and at most 24."), True
            ),
            Column(
                "project_refs", refs, gettext_lazy("Projects separated by ; (none for an event).")
            ),
            Column("programme", programme_code, gettext_lazy("Code of the programme (optional).")),
            code("expert_type", ExpertType, gettext_lazy("Type of expertise (expert only).")),
            Column(
                "expert_name",
                cells.bounded_text(200),
                gettext_lazy("Expert or firm (expert only)."),
            ),
            Column("cost_eur", money, gettext_lazy("Cost in euros, VAT included (expert only).")),
            codes("topics", Topic, gettext_lazy("Topics separated by ;.")),
            Column("attendees", non_negative_integer, gettext_lazy("Number of people present.")),
            # The centre's whole mission (docs/spec/mission.md).
            Column(
                "audience",
                non_negative_integer,
                gettext_lazy("People reached (outreach only)."),
            ),
            code("channel", OutreachChannel, gettext_lazy("Channel (outreach only).")),
            Column(
                "partners",
                code_list,
                gettext_lazy("Partner codes separated by ; (outreach only)."),
            ),
            Column(
                "mission",
                programme_code,
                gettext_lazy("Code of the mission (the kind's default when empty)."),
            ),
        ],
    ),
    Sheet(
        "jobs",
        ("project_ref", "job_ref"),
        [
            Column(
                "project_ref", cells.reference, gettext_lazy("Project of the enterprise."), True
            ),
            Column(
                "job_ref", cells.reference, gettext_lazy("Unique in the enterprise, e.g. J1."), True
            ),
            Column("start_date", cells.record_date, DATE_HELP, True),
            Column("end_date", cells.record_date, gettext_lazy("Empty while the job lasts.")),
            code(
                "worker_status", WorkerStatus, gettext_lazy("Status of the worker."), required=True
            ),
            code("contract_type", ContractType, gettext_lazy("Type of contract."), required=True),
            Column("weekly_hours", weekly_hours, gettext_lazy("Hours a week."), True),
            Column(
                "full_time_hours", weekly_hours, gettext_lazy("Full-time hours (38 when empty).")
            ),
            Column("joint_committee", cells.joint_committee, gettext_lazy("Joint committee.")),
            code("gender", Gender, gettext_lazy("Gender (unknown when empty)."), default="unknown"),
        ],
    ),
    Sheet(
        "accreditation",
        ("project_ref", "event", "date"),
        [
            Column(
                "project_ref", cells.reference, gettext_lazy("Project of the enterprise."), True
            ),
            code(
                "event", AccreditationEventKind, gettext_lazy("Accreditation event."), required=True
            ),
            Column("date", cells.record_date, DATE_HELP, True),
        ],
    ),
    Sheet(
        "non_accreditation",
        ("project_ref", "date"),
        [
            Column(
                "project_ref", cells.reference, gettext_lazy("Project of the enterprise."), True
            ),
            code("reason", NonAccreditationReasonKind, gettext_lazy("Reason."), required=True),
            Column("date", cells.record_date, DATE_HELP, True),
            Column("note", cells.text, gettext_lazy("Note.")),
        ],
    ),
    # Not in docs/spec/workbook.md: the organisation's partners, so that an export holds everything
    # its transfers and interactions name (the seeded ones are there already).
    Sheet(
        "partners",
        ("code",),
        [
            Column(
                "code", programme_code, gettext_lazy("Short code of the partner, e.g. trace."), True
            ),
            Column("name", cells.bounded_text(200), gettext_lazy("Name of the partner."), True),
            code("kind", PartnerKind, gettext_lazy("Kind of partner."), required=True),
        ],
    ),
    Sheet(
        "transfers",
        ("project_ref", "partner", "date"),
        [
            Column("project_ref", cells.reference, PROJECT_HELP, True),
            Column("partner", cells.text, gettext_lazy("Code or name of the partner."), True),
            Column("date", cells.record_date, DATE_HELP, True),
            Column("note", cells.text, gettext_lazy("Note.")),
        ],
    ),
    Sheet(
        "interactions",
        ("partner", "date", "kind"),
        [
            Column("partner", cells.text, gettext_lazy("Code or name of the partner."), True),
            Column("date", cells.record_date, DATE_HELP, True),
            code("kind", InteractionKind, gettext_lazy("Kind of interaction."), required=True),
            Column("note", cells.text, gettext_lazy("Note.")),
        ],
    ),
    Sheet(
        "impact",
        ("project_ref", "date"),
        [
            Column("project_ref", cells.reference, PROJECT_HELP, True),
            Column("date", cells.record_date, DATE_HELP, True),
            *[code(name, Assessment, label, required=True) for name, label, _d in EMES_CRITERIA],
            Column(
                "beneficiaries", non_negative_integer, gettext_lazy("People reached in the year.")
            ),
            Column("social_impact", cells.text, gettext_lazy("Social impact.")),
            Column("environmental_actions", cells.texts, gettext_lazy("Actions separated by ;.")),
            Column("diversity_actions", cells.texts, gettext_lazy("Actions separated by ;.")),
        ],
    ),
    Sheet(
        "actions",
        ("date", "kind", "scope", "description"),
        [
            Column("date", cells.record_date, DATE_HELP, True),
            code("kind", ActionKind, gettext_lazy("Kind of action."), required=True),
            code("scope", ActionScope, gettext_lazy("Aimed at."), required=True),
            Column("description", cells.text, gettext_lazy("What was done."), True),
        ],
        admin_only=False,
    ),
    Sheet(
        "costs",
        ("period_start", "period_end", "programme", "category", "funding_source"),
        [
            Column(
                "period_start", cells.record_date, gettext_lazy("First day of the period."), True
            ),
            Column("period_end", cells.record_date, gettext_lazy("Last day of the period."), True),
            Column("programme", programme_code, gettext_lazy("Code of the programme (optional).")),
            code("category", CostCategory, gettext_lazy("Category of cost."), required=True),
            Column("amount_eur", money, gettext_lazy("Amount in euros."), True),
            code("funding_source", FundingSource, gettext_lazy("Funding source."), required=True),
            Column("mission", programme_code, gettext_lazy("Code of the mission (optional).")),
        ],
        admin_only=True,
    ),
    Sheet(
        "targets",
        ("indicator", "period"),
        [
            Column("indicator", indicator, gettext_lazy("Indicator id, e.g. jobs.created."), True),
            Column(
                "period", period, gettext_lazy("2025, 2025-S1 or 2024-07-01..2025-06-30."), True
            ),
            Column("value", target_value, gettext_lazy("Target (rates as fractions: 0.6)."), True),
            code(
                "direction",
                Direction,
                gettext_lazy("at_least or at_most; empty: at_most for costs, else at_least."),
            ),
        ],
        admin_only=True,
    ),
]

# The centre's whole mission (docs/spec/mission.md). Declarations of interest are never in
# a workbook.
SHEETS += [
    Sheet(
        "missions",
        ("code",),
        [
            Column(
                "code",
                programme_code,
                gettext_lazy("Short code of the mission, e.g. communication."),
                True,
            ),
            Column("title_fr", cells.bounded_text(200), gettext_lazy("Title in French."), True),
            Column("title_nl", cells.bounded_text(200), gettext_lazy("Title in Dutch.")),
            Column("title_en", cells.bounded_text(200), gettext_lazy("Title in English.")),
            Column(
                "article",
                cells.bounded_text(80),
                gettext_lazy("Article of the agreement, e.g. 3.1.10."),
            ),
            Column(
                "also_covered_by",
                code_list,
                gettext_lazy("Codes of the partners also covering it, separated by ;."),
            ),
        ],
        admin_only=True,
    ),
    Sheet(
        "stakes",
        ("project_ref", "acquired_date", "kind"),
        [
            Column(
                "project_ref", cells.reference, gettext_lazy("Project of the enterprise."), True
            ),
            Column("acquired_date", cells.record_date, DATE_HELP, True),
            code("kind", StakeKind, gettext_lazy("Kind of stake."), required=True),
            Column("amount_eur", money, gettext_lazy("Amount in euros.")),
            Column("capital_share", capital_share, gettext_lazy("Share of capital, 0 to 1.")),
            Column("ended_date", cells.record_date, gettext_lazy("Empty while held.")),
            Column(
                "decision_ref",
                cells.bounded_text(200),
                gettext_lazy("Decision, e.g. board minutes."),
            ),
            Column("note", cells.text, gettext_lazy("Note."), personal=True),
        ],
        admin_only=True,
    ),
]
# The comparison group (docs/spec/comparison.md §4).
SHEETS += [
    Sheet(
        "applications",
        ("application_ref",),
        [
            Column(
                "application_ref",
                cells.reference,
                gettext_lazy("Unique reference of the application, e.g. C-2025-0001."),
                True,
            ),
            Column("date", cells.record_date, gettext_lazy("Date of the application."), True),
            Column(
                "programme",
                programme_code,
                gettext_lazy("Code of the programme applied to."),
                True,
            ),
            Column("name", cells.bounded_text(200), gettext_lazy("Name of the project."), True),
            Column(
                "enterprise_number",
                cells.enterprise_number,
                gettext_lazy("BCE/KBO number, 10 digits, when there is one."),
            ),
            Column("nace_code", cells.nace_code, gettext_lazy("NACE-BEL subclass, e.g. 56101.")),
            code(
                "decision",
                ApplicationDecision,
                gettext_lazy("Decision (waiting when empty)."),
                default=ApplicationDecision.WAITING,
            ),
            Column(
                "decision_date",
                cells.record_date,
                gettext_lazy("Date of the decision, on or after the application."),
            ),
            code("reason", DecisionReason, gettext_lazy("Reason of the decision.")),
            Column(
                "project_ref",
                cells.reference,
                gettext_lazy("Project the application became (accepted ones only)."),
            ),
        ],
    ),
]
BY_NAME = {sheet.name: sheet for sheet in SHEETS}
IGNORED = "notes"

# Sheets the export writes and the import skips (docs/spec/workbook.md): the follow-up's
# questionnaires (docs/spec/followup.md) are Sillon's own records, made by its sending and
# its public page, never typed in a spreadsheet. Never the links' tokens.
EXPORT_ONLY = [
    Sheet(
        "followups",
        ("project_ref", "wave"),
        [
            Column("project_ref", cells.text, PROJECT_HELP),
            Column("wave", cells.text, gettext_lazy("n1 or n2: one or two years after the exit.")),
            Column("due_date", cells.text, gettext_lazy("Day the wave was due.")),
            Column("sent_at", cells.text, gettext_lazy("Day the first message was sent.")),
            Column("answered_at", cells.text, gettext_lazy("Day of the answer.")),
            Column("status", cells.text, gettext_lazy("pending, unreachable, sent or answered.")),
        ],
    ),
]
EXPORT_ONLY_BY_NAME = {sheet.name: sheet for sheet in EXPORT_ONLY}
# Every sheet an export may write.
EXPORTED = BY_NAME | EXPORT_ONLY_BY_NAME
