"""Which fields hold personal data, declared once (docs/spec/domain.md, "Personal and
sensitive data").

Every concrete field of every Sillon model is named here, in one of three kinds:

- `PERSONAL`: identifies or describes a person (a holder's names, e-mail, birth year,
  gender, situation; a job's gender; an expert's name; a natural person's names in the
  official register; an invited member's address);
- `SENSITIVE`: free text that may name people or their health, family or money
  matters (stop reasons, every note, the social-impact text);
- `PLAIN`: neither.

The workbook (its export leaves out personal and sensitive columns for a member who
may not see them, and its validation compares a person's personal data across rows),
the erasure and the GDPR export of a person (register/actions.py) and the pages (the
template tag `{% shown record "field" as value %}`, through `shown`) read this table;
so does a test that fails when a field of a Sillon model is not declared
(tests/core/test_personal_data.py). A historical model (django-simple-history) has
its model's fields plus `history_*` fields, all plain; an automatic many-to-many
table holds ids only.

Models are named by label, so that this module imports no app above it.
"""

from django.db import models

from sillon.accounts.roles import Ability

PERSONAL, SENSITIVE, PLAIN = "personal", "sensitive", "plain"
KINDS = (PERSONAL, SENSITIVE, PLAIN)

_COMMON = ("id", "organisation", "source")

DECLARED: dict[str, dict[str, tuple[str, ...]]] = {
    # accounts
    "accounts.Organisation": {
        PLAIN: (
            "id",
            "slug",
            "name",
            "created_at",
            "data_version",
            "enterprise_number",
            "shares_with_peers",
            "sharing_since",
            "sharing_by",
        )
    },
    "accounts.Membership": {PLAIN: ("id", "organisation", "user", "role", "created_at")},
    "accounts.AuditEvent": {
        # Member ids only, by design (accounts/audit.py).
        PLAIN: ("id", "created_at", "kind", "organisation", "actor_id", "target", "details")
    },
    "accounts.InitialPassword": {PLAIN: ("id", "user", "created_at")},
    "accounts.Invitation": {
        PERSONAL: ("email", "invited_as"),
        PLAIN: (
            "id",
            "organisation",
            "role",
            "user",
            "token_hash",
            "invited_by",
            "created_at",
            "expires_at",
            "answer",
            "answered_at",
        ),
    },
    # api
    "api.ApiToken": {
        # The secret itself is never stored: a hash and its first characters.
        PLAIN: (
            "id",
            "user",
            "name",
            "prefix",
            "key_hash",
            "created_at",
            "expires_on",
            "last_used_at",
            "revoked_at",
        ),
    },
    # register
    "register.Programme": {PLAIN: (*_COMMON, "code", "name_fr", "name_nl", "name_en", "kind")},
    "register.Cohort": {PLAIN: (*_COMMON, "programme", "name", "start_date", "end_date")},
    "register.Person": {
        PERSONAL: (
            "first_name",
            "last_name",
            "email",
            "gender",
            "birth_year",
            "situation_at_intake",
            # The follow-up's contact preferences (docs/spec/followup.md).
            "language",
            "followup_consent",
            "followup_consent_date",
        ),
        PLAIN: (*_COMMON, "ref"),
    },
    "register.Project": {
        SENSITIVE: ("stop_reason",),
        PLAIN: (
            *_COMMON,
            "ref",
            "name",
            "project_type",
            "sector_type",
            "nace_version",
            "nace_code",
            "nace_section",
            "themes",
            "intake_date",
            "status",
            "status_date",
        ),
    },
    "register.Enrolment": {
        PLAIN: (*_COMMON, "project", "programme", "cohort", "start_date", "end_date", "outcome")
    },
    "register.Enterprise": {
        PLAIN: (
            *_COMMON,
            "project",
            "enterprise_number",
            "name",
            "legal_form",
            "legal_form_family",
            "created_during_accompaniment",
            "creation_date",
            "cessation_date",
            "cessation_reason",
            "joint_committees",
            "postcode",
        )
    },
    "register.Activity": {
        PERSONAL: ("expert_name",),
        SENSITIVE: ("note",),
        PLAIN: (
            *_COMMON,
            "ref",
            "date",
            "kind",
            "hours",
            "project_count",
            "programme",
            "expert_type",
            "cost_eur",
            "topics",
            "governance_topic",
            "attendees",
            "audience",
            "channel",
        ),
    },
    "register.Application": {
        # Why an application was accepted or refused may speak of the applicants.
        SENSITIVE: ("reason",),
        PLAIN: (
            *_COMMON,
            "ref",
            "date",
            "programme",
            "name",
            "enterprise_number",
            "nace_version",
            "nace_code",
            "decision",
            "decision_date",
            "project",
        ),
    },
    # outcomes
    "outcomes.Job": {
        PERSONAL: ("gender",),
        PLAIN: (
            *_COMMON,
            "enterprise",
            "job_ref",
            "start_date",
            "end_date",
            "worker_status",
            "contract_type",
            "weekly_hours",
            "full_time_hours",
            "joint_committee",
        ),
    },
    "outcomes.AccreditationEvent": {PLAIN: (*_COMMON, "enterprise", "event", "date")},
    "outcomes.NonAccreditationReason": {
        SENSITIVE: ("note",),
        PLAIN: (*_COMMON, "enterprise", "reason", "date"),
    },
    "outcomes.Partner": {PLAIN: (*_COMMON, "code", "name", "kind")},
    "outcomes.PartnerInteraction": {
        SENSITIVE: ("note",),
        PLAIN: (*_COMMON, "partner", "date", "kind"),
    },
    "outcomes.Transfer": {SENSITIVE: ("note",), PLAIN: (*_COMMON, "project", "partner", "date")},
    "outcomes.ImpactAssessment": {
        SENSITIVE: ("social_impact",),
        PLAIN: (
            *_COMMON,
            "project",
            "date",
            "continuous_activity",
            "economic_risk",
            "paid_work",
            "community_aim",
            "citizen_initiative",
            "limited_profit_distribution",
            "autonomy",
            "non_capital_decision",
            "participatory",
            "beneficiaries",
            "environmental_actions",
            "diversity_actions",
        ),
    },
    "outcomes.InternalAction": {PLAIN: (*_COMMON, "date", "kind", "scope", "description")},
    "outcomes.CostLine": {
        SENSITIVE: ("note",),
        PLAIN: (
            *_COMMON,
            "period_start",
            "period_end",
            "programme",
            "category",
            "amount_eur",
            "funding_source",
        ),
    },
    "outcomes.Target": {PLAIN: (*_COMMON, "indicator", "period", "value", "direction")},
    # core
    "core.WorkerHeartbeat": {PLAIN: ("worker_id", "started_at", "seen_at")},
    "core.DailyRun": {PLAIN: ("day", "enqueued_at")},
    # mission
    "mission.Mission": {PLAIN: (*_COMMON, "code", "title_fr", "title_nl", "title_en", "article")},
    "mission.MissionDefault": {PLAIN: (*_COMMON, "activity_kind", "mission")},
    "mission.ActivityMission": {PLAIN: (*_COMMON, "activity", "mission")},
    "mission.CostLineMission": {PLAIN: (*_COMMON, "cost_line", "mission")},
    "mission.Stake": {
        SENSITIVE: ("note",),
        PLAIN: (
            *_COMMON,
            "enterprise",
            "acquired_date",
            "kind",
            "amount_eur",
            "capital_share",
            "ended_date",
            "decision_ref",
        ),
    },
    "mission.InterestDeclaration": {
        # A member's identity in a declaration of interest, and its measures.
        PERSONAL: ("declarant",),
        SENSITIVE: ("nature", "measures"),
        PLAIN: (*_COMMON, "project", "date"),
    },
    "mission.DefinitionVersion": {
        PLAIN: (
            "id",
            "organisation",
            "code",
            "version",
            "text_fr",
            "text_nl",
            "text_en",
            "source",
            "status",
            "agreed_date",
            "agreed_by",
            "applies_from",
            "created_date",
        )
    },
    # comparison: figures only
    "comparison.Statement": {
        PLAIN: (
            "id",
            "publisher_key",
            "publisher_name",
            "enterprise_number",
            "period_id",
            "period_start",
            "period_end",
            "as_of",
            "definitions",
            "produced_at",
            "indicators",
            "imported_at",
            "imported_by",
            "imported_for",
            "replaced_at",
        )
    },
    # followup
    "followup.Questionnaire": {
        PLAIN: (
            *_COMMON,
            "project",
            "wave",
            "exit_date",
            "due_date",
            "status",
            "sent_on",
            "answered_at",
            "last_error",
            "created_at",
        )
    },
    "followup.Invitation": {PLAIN: (*_COMMON, "questionnaire", "person", "language")},
    "followup.Message": {PLAIN: ("id", "invitation", "number", "token_hash", "sent_at", "sent_on")},
    "followup.Unsubscribe": {PLAIN: (*_COMMON, "person", "at")},
    "followup.Answer": {
        # What the holder wrote back: jobs, the enterprise, their social impact.
        SENSITIVE: ("data",),
        PLAIN: (*_COMMON, "questionnaire", "invitation", "answered_at"),
    },
    "followup.ProposedChange": {
        SENSITIVE: ("values", "note"),
        PLAIN: (
            "id",
            "source",
            "organisation",
            "answer",
            "kind",
            "job",
            "status",
            "decided_by",
            "decided_at",
            "record",
        ),
    },
    # workbook, reports, official register
    "workbook.ImportRun": {
        PLAIN: (
            "id",
            "organisation",
            "file_name",
            "sha256",
            "user",
            "created_at",
            "status",
            "counts",
            "problem_count",
            "size",
            "reason",
        )
    },
    "reports.Report": {
        PLAIN: (
            "id",
            "organisation",
            "kind",
            "period",
            "format",
            "language",
            "suppression",
            "requested_by",
            "requested_at",
            "status",
            "progress",
            "progress_at",
            "error",
            "file",
            "checksum",
            "duration",
        )
    },
    "kbo.ExtractUpload": {
        # An uploaded extract of the official register: its file, who and when.
        PLAIN: (
            "id",
            "organisation",
            "file_name",
            "folder",
            "size",
            "status",
            "error",
            "sync_run",
            "uploaded_at",
            "uploaded_by",
        ),
    },
    "kbo.SyncRun": {
        PLAIN: (
            "id",
            "kind",
            "extract_number",
            "snapshot_date",
            "extract_timestamp",
            "file_name",
            "checksum",
            "tracked",
            "found",
            "lines_read",
            "findings_created",
            "started_at",
            "finished_at",
            "read_seconds",
            "write_seconds",
        )
    },
    "kbo.RegisterEntry": {
        # A natural person's enterprise (type 1) is named after the person.
        PERSONAL: ("names",),
        PLAIN: (
            "id",
            "enterprise_number",
            "active",
            "status",
            "juridical_situation",
            "juridical_situation_labels",
            "type_of_enterprise",
            "juridical_form",
            "juridical_form_cac",
            "stopped_since",
            "start_date",
            "nace_2008",
            "nace_2025",
            "postcode",
            "sync_run",
            "extract_number",
            "snapshot_date",
        ),
    },
    "kbo.Finding": {
        # A finding on a name quotes the register's, which may be a person's.
        PERSONAL: ("register_value",),
        PLAIN: (
            "id",
            "organisation",
            "enterprise",
            "sync_run",
            "kind",
            "sillon_value",
            "status",
            "created_at",
            "decided_by",
            "decided_at",
        ),
    },
}

# Personal fields an erasure keeps, because the figures count them and they no longer
# identify anyone once the names are gone (docs/spec/domain.md, Person).
KEPT_ON_ERASURE = {"register.Person": ("gender", "situation_at_intake")}

HISTORY_FIELDS = (
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
)


def _label(model: type[models.Model] | str) -> str:
    if isinstance(model, str):
        return model
    history_of = getattr(model, "instance_type", None)  # a simple-history model
    if history_of is not None:
        return history_of._meta.label
    return model._meta.label


def declaration(model: type[models.Model] | str) -> dict[str, str]:
    """{field name: kind} of a model (of its model, for a historical one)."""
    return {name: kind for kind, names in DECLARED.get(_label(model), {}).items() for name in names}


def fields_of_kind(model, *kinds: str) -> tuple[str, ...]:
    found = declaration(model)
    return tuple(name for name, kind in found.items() if kind in kinds)


def personal_fields(model) -> tuple[str, ...]:
    return fields_of_kind(model, PERSONAL)


def sensitive_fields(model) -> tuple[str, ...]:
    return fields_of_kind(model, SENSITIVE)


def hidden_fields(model) -> tuple[str, ...]:
    """What a member without `VIEW_PERSONAL_DATA` never reads: personal and sensitive."""
    return fields_of_kind(model, PERSONAL, SENSITIVE)


def erased_fields(model) -> tuple[str, ...]:
    """The personal fields an erasure blanks."""
    kept = KEPT_ON_ERASURE.get(_label(model), ())
    return tuple(name for name in personal_fields(model) if name not in kept)


def may_see_personal_data(membership) -> bool:
    """Whether a member reads personal data and sensitive text (coach and above)."""
    return membership is not None and membership.can(Ability.VIEW_PERSONAL_DATA)


def readable(model, name: str, membership) -> bool:
    """Whether this member may read this field of this model: a plain field, always; a
    personal or sensitive one, only with `VIEW_PERSONAL_DATA`. A field the declaration
    does not name is an error, never shown by default."""
    kind = declaration(model).get(name)
    if kind is None:
        raise KeyError(f"{_label(model)}.{name} is not declared in sillon/core/personal_data.py")
    return kind == PLAIN or may_see_personal_data(membership)


def shown(record: models.Model, name: str, membership):
    """The field's value as people read it (a choice's label), or None when this member
    may not read it. The pages read personal and sensitive fields through this
    (`{% shown record "field" as value %}`, core/templatetags/sillon.py)."""
    if record is None or not readable(type(record), name, membership):
        return None
    field = record._meta.get_field(name)
    if field.choices and not field.many_to_many:
        return getattr(record, f"get_{name}_display")()
    return getattr(record, name)
