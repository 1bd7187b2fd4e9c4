"""The records behind a figure: the engine's own querysets (each group module exposes
the queryset it counts), so that the list always holds what was counted — a key
figure, a breakdown cell, a survival or persistence cell, both sides of a ratio, and
the cost lines and activities of a cost."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sillon.catalogue.indicators import COUNT, EUR, HOURS
from sillon.codes import legal_forms
from sillon.followup.choices import Wave
from sillon.indicators import (
    accompaniment,
    accreditation_and_impact,
    applications,
    costs,
    employment,
    enterprises,
    followup,
    mission,
)
from sillon.indicators.datekeys import reached_and_alive
from sillon.indicators.values import NONE, UNKNOWN, Scope
from sillon.mission.choices import StakeKind
from sillon.outcomes.choices import (
    ActionKind,
    ActionScope,
    InteractionKind,
    WorkerStatus,
)
from sillon.outcomes.models import CostLine
from sillon.register.choices import ActivityKind, ApplicationDecision, Gender, ProjectStatus

PROJECTS, ENTERPRISES, JOBS, ACTIVITIES = "projects", "enterprises", "jobs", "activities"
PERSONS, TRANSFERS, ASSESSMENTS, ACTIONS = "persons", "transfers", "assessments", "actions"
INTERACTIONS, APPLICATIONS, STAKES = "interactions", "applications", "stakes"
QUESTIONNAIRES, COSTS = "questionnaires", "costs"

# The column of each kind of record that a breakdown groups on (the engine's).
BREAKDOWN_FIELDS = {
    PROJECTS: {
        "project_type": "project_type",
        "sector_type": "sector_type",
        "nace_section": "nace_section",
        "legal_form_family": "enterprise__legal_form_family",
    },
    PERSONS: {"gender": "gender", "situation_at_intake": "situation_at_intake"},
    ENTERPRISES: {
        "legal_form_family": "legal_form_family",
        "legal_form": "legal_form",
        "sector_type": "project__sector_type",
        "nace_section": "project__nace_section",
        "reason": "reason",
    },
    JOBS: {
        "worker_status": "worker_status",
        "contract_type": "contract_type",
        "working_time": "working_time",
        "joint_committee": "joint_committee",
        "gender": "gender",
        "legal_form_family": "enterprise__legal_form_family",
    },
    ACTIVITIES: {"kind": "kind", "programme": "programme__code", "expert_type": "expert_type"},
    TRANSFERS: {"partner": "partner__code"},
    ACTIONS: {"scope": "scope"},
    INTERACTIONS: {"partner": "partner__code", "kind": "kind"},
    APPLICATIONS: {"programme": "programme__code", "decision": "decision"},
    STAKES: {"kind": "kind"},
    QUESTIONNAIRES: {"wave": "wave"},
}


@dataclass
class Part:
    """One list behind a figure: its kind of record and queryset (or cost rows)."""

    kind: str
    queryset: object


@dataclass
class Drill:
    """What a figure opens: one list (and, for `partners.interactions`, the transfers
    counted beside the interactions), or a numerator and a denominator."""

    whole: Part | None = None
    numerator: Part | None = None
    denominator: Part | None = None
    also: Part | None = None

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def parts(self) -> list[tuple[str, Part]]:
        """(page prefix, part) of each list shown."""
        named = [("", self.whole), ("n", self.numerator), ("d", self.denominator)]
        return [(prefix, part) for prefix, part in [*named, ("t", self.also)] if part]


# Counts below this are shown as "< 5" to a member who may not open records, so that
# no one is recognised from a small count (docs/spec/domain.md, personal data).
SMALL_NUMBER = 5

# What a member who may not open records reads instead of them: the records counted,
# by one column (its code and the labels of its codes); a kind without such a column
# reads its count under its name.
BREAKDOWN = {
    PROJECTS: ("status", ProjectStatus),
    PERSONS: ("gender", Gender),
    ENTERPRISES: ("legal_form_family", legal_forms.Family),
    JOBS: ("worker_status", WorkerStatus),
    ACTIVITIES: ("kind", ActivityKind),
    ACTIONS: ("scope", ActionScope),
    INTERACTIONS: ("kind", InteractionKind),
    APPLICATIONS: ("decision", ApplicationDecision),
    STAKES: ("kind", StakeKind),
    QUESTIONNAIRES: ("wave", Wave),
}
KIND_LABELS = {
    TRANSFERS: _("Transfers"),
    ASSESSMENTS: _("Impact assessments"),
}


def breakdown(kind: str, queryset) -> list[tuple[str, int]]:
    """[(label, count)] of the records behind a figure, in the order of the codes
    (one aggregate query; no record leaves the database)."""
    counted = queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))
    if kind not in BREAKDOWN:
        total = counted.count()
        return [(KIND_LABELS[kind], total)] if total else []
    column, codes = BREAKDOWN[kind]
    counts = dict(counted.order_by().values_list(column).annotate(n=Count("pk")))
    return [(code.label, counts[code.value]) for code in codes if counts.get(code.value)]


def _enterprises_with(kind: str) -> Callable:
    return lambda scope: accreditation_and_impact.enterprises_with_event(scope, kind)


def _actions(kind: str) -> Callable:
    return lambda scope: accreditation_and_impact.internal_actions(scope, kind)


def _questionnaires(condition: Callable) -> Callable:
    return lambda scope: followup.questionnaires(scope, condition(scope))


# The one list behind each count (and behind the sums over it): (kind, queryset of scope).
RECORDS: dict[str, tuple[str, Callable]] = {
    "projects.accompanied": (PROJECTS, accompaniment.accompanied_projects),
    "projects.new": (PROJECTS, accompaniment.new_projects),
    "projects.stopped": (PROJECTS, accompaniment.stopped_projects),
    "holders.count": (PERSONS, accompaniment.accompanied_holders),
    "accompaniment.sessions": (ACTIVITIES, accompaniment.session_activities),
    "accompaniment.hours": (ACTIVITIES, accompaniment.session_activities),
    "community.events": (ACTIVITIES, accompaniment.event_activities),
    "community.attendees": (ACTIVITIES, accompaniment.event_activities),
    "coworking.desk_days": (ACTIVITIES, accompaniment.coworking_activities),
    "governance.projects_trained": (PROJECTS, accompaniment.governance_projects),
    "experts.interventions": (ACTIVITIES, costs.expert_activities),
    "enterprises.created": (ENTERPRISES, enterprises.created_in_period),
    "enterprises.active_end": (ENTERPRISES, enterprises.active_at_end),
    "enterprises.survival_km": (ENTERPRISES, enterprises.survival_base),
    "jobs.created": (JOBS, employment.created_in_period),
    "jobs.created_fte": (JOBS, employment.created_in_period),
    "jobs.active_end": (JOBS, employment.active_at_end),
    "jobs.active_end_fte": (JOBS, employment.active_at_end),
    "accreditation.requested": (ENTERPRISES, _enterprises_with("esd_requested")),
    "accreditation.obtained": (ENTERPRISES, _enterprises_with("esd_obtained")),
    "accreditation.accredited_end": (ENTERPRISES, accreditation_and_impact.accredited_at_end),
    "transfers.count": (TRANSFERS, accreditation_and_impact.transfers_in_period),
    "non_accreditation.reasons": (ENTERPRISES, accreditation_and_impact.unaccredited_with_reason),
    "impact.assessed": (PROJECTS, accreditation_and_impact.assessed_projects),
    "impact.beneficiaries": (ASSESSMENTS, accreditation_and_impact.latest_assessments_in_period),
    "impact.emes_profile": (
        ASSESSMENTS,
        lambda scope: accreditation_and_impact.profile_assessments(
            scope, accompaniment.accompanied_projects(scope)
        ),
    ),
    **{f"actions.{kind.value}": (ACTIONS, _actions(kind)) for kind in ActionKind},
    "partners.interactions": (INTERACTIONS, accreditation_and_impact.interactions_in_period),
    "applications.received": (APPLICATIONS, applications.applications_in_period),
    "outreach.activities": (ACTIVITIES, mission.outreach_activities),
    "outreach.hours": (ACTIVITIES, mission.outreach_activities),
    "outreach.audience": (ACTIVITIES, mission.outreach_activities),
    "missions.hours": (ACTIVITIES, accompaniment.activities_in_period),
    "stakes.active_end": (STAKES, mission.active_stakes),
    "stakes.active_end_amount": (STAKES, mission.active_stakes),
    "stakes.projects_with_declaration": (PROJECTS, mission.declaring_projects),
    "followup.sent": (QUESTIONNAIRES, _questionnaires(followup.sent_in_period)),
    "followup.answered": (QUESTIONNAIRES, _questionnaires(followup.answered_in_period)),
    "followup.unreachable": (QUESTIONNAIRES, _questionnaires(followup.unreachable_in_period)),
}


def _over(numerator: str, denominator: str) -> Callable:
    """A ratio of two figures that each open a list."""

    def parts(scope: Scope) -> Drill:
        return Drill(
            numerator=Part(*records(numerator, scope)),
            denominator=Part(*records(denominator, scope)),
        )

    return parts


def _pair(kind: str, function: Callable) -> Callable:
    """A rate whose (numerator, denominator) querysets the engine gives."""

    def parts(scope: Scope) -> Drill:
        numerator, denominator = function(scope)
        return Drill(numerator=Part(kind, numerator), denominator=Part(kind, denominator))

    return parts


def _women(scope: Scope):
    known = accompaniment.accompanied_holders(scope).exclude(gender=Gender.UNKNOWN)
    return known.filter(gender=Gender.FEMALE), known


def _response(scope: Scope):
    sent = followup.questionnaires(scope, followup.sent_in_period(scope))
    return sent.filter(followup.answered_by_as_of(scope)), sent


def _confirmed(scope: Scope):
    condition, jobs = followup.confirmation_parts(scope)
    return jobs.filter(condition), jobs


def _job_share(name: str) -> Callable:
    return _pair(JOBS, lambda scope: employment.share_parts(scope, name))


# Ratios: both lists, the numerator's and the denominator's.
RATIOS: dict[str, Callable] = {
    "holders.women_share": _pair(PERSONS, _women),
    **{name: _job_share(name) for name in employment.SHARES},
    "jobs.confirmed_share": _pair(JOBS, _confirmed),
    "impact.non_accredited_assessed_share": _pair(
        ENTERPRISES, accreditation_and_impact.unaccredited_assessed
    ),
    "ratio.enterprises_per_100_projects": _over("enterprises.created", "projects.accompanied"),
    "ratio.jobs_per_enterprise_created": _over("jobs.created", "enterprises.created"),
    "ratio.hours_per_project": _over("accompaniment.hours", "projects.accompanied"),
    "applications.acceptance_rate": _pair(APPLICATIONS, applications.acceptance_parts),
    "missions.also_covered_hours_share": _pair(ACTIVITIES, mission.covered_activities),
    "followup.response_rate": _pair(QUESTIONNAIRES, _response),
}
# Costs: the cost lines with their share in P and the expert interventions; the cost
# ratios add the denominator's list.
COST_RATIOS = {
    "accompaniment.cost_per_project": "projects.accompanied",
    "accompaniment.cost_per_enterprise_created": "enterprises.created",
    "accompaniment.cost_per_job_created": "jobs.created",
}
COST_FIGURES = ("experts.cost", "accompaniment.cost", "missions.cost", *COST_RATIOS)
# The units of a figure's numerator and denominator where they are not counts.
PART_UNITS = {
    **dict.fromkeys(COST_RATIOS, (EUR, COUNT)),
    "ratio.hours_per_project": (HOURS, COUNT),
    "missions.also_covered_hours_share": (HOURS, HOURS),
    "missions.also_covered_cost_share": (EUR, EUR),
}


def part_units(indicator_id: str) -> tuple[str, str]:
    return PART_UNITS.get(indicator_id, (COUNT, COUNT))


SURVIVAL = {
    "enterprises.survival_by_cohort": ENTERPRISES,
    "enterprises.survival_rate_1y": ENTERPRISES,
    "enterprises.survival_rate_2y": ENTERPRISES,
    "enterprises.survival_rate_3y": ENTERPRISES,
    "jobs.persistence_by_cohort": JOBS,
    "jobs.persistence_rate_1y": JOBS,
    "jobs.persistence_rate_2y": JOBS,
}


def records(indicator_id: str, scope: Scope):
    """(kind of record, queryset) behind a count, or None when it has no single list."""
    if indicator_id not in RECORDS:
        return None
    kind, queryset = RECORDS[indicator_id]
    return kind, queryset(scope)


def cost_activities(indicator_id: str, scope: Scope):
    """The activities whose `cost_eur` a cost figure sums, the engine's queryset:
    every activity of P with a cost for `missions.cost`, the expert interventions for
    the others."""
    if indicator_id == "missions.cost":
        return mission.cost_activities(scope)
    return costs.expert_activities(scope)


@dataclass
class CostRecords:
    """What a cost figure sums: its cost lines (None for `experts.cost`, which counts
    none) and its activities."""

    lines: object
    activities: object


def cost_records(indicator_id: str, scope: Scope) -> CostRecords:
    lines = None if indicator_id == "experts.cost" else costs.cost_lines(scope)
    return CostRecords(lines, cost_activities(indicator_id, scope))


# Its numerator: the costs of `missions.cost` that go to a mission also covered by a
# partner; its denominator: every cost of `missions.cost`.
COVERED_COST_SHARE = "missions.also_covered_cost_share"


def covered_cost_records(scope: Scope) -> CostRecords:
    """The cost lines and activities of `missions.cost` whose mission (an activity's
    own, else its kind's default; a line's own) a partner also covers, as the engine
    sums them."""
    missions = mission.Missions(scope)
    codes = missions.covered_codes()
    return CostRecords(
        costs.cost_lines(scope).filter(mission_link__mission__code__in=codes),
        missions.activities_to(mission.cost_activities(scope), codes),
    )


# The breakdowns of the cost figures, each cell opening its lines and activities.
COST_BREAKDOWNS = ("category", "programme", "mission", "expert_type")
# The column of a cost line each breakdown groups on (the engine's); a line has no
# type of expertise.
LINE_FIELDS = {"programme": "programme__code", "mission": "mission_link__mission__code"}


def narrowed_costs(found: CostRecords, breakdown: str, key: str, indicator_id: str, scope):
    """The cost lines and activities of one cell of a cost breakdown, grouped as the
    engine groups them: by category (the activities' cost being the `expert` category),
    programme or mission (`none` for a line or an activity without one), type of
    expertise (activities only)."""
    lines, activities = found.lines, found.activities
    if breakdown == "category":
        if lines is not None:
            lines = lines.none() if key == "expert" else lines.filter(category=key)
        if key != "expert":
            activities = activities.none()
        return CostRecords(lines, activities)
    activities = narrowed(ACTIVITIES, activities, breakdown, key, indicator_id, scope)
    if lines is not None:
        column = LINE_FIELDS.get(breakdown)
        if column is None:
            lines = lines.none()
        elif key == NONE:
            lines = lines.filter(**{f"{column}__isnull": True})
        else:
            lines = lines.filter(**{column: key})
    return CostRecords(lines, activities)


@dataclass
class CostLineShare:
    line: CostLine
    days_inside: int
    days: int
    share: Decimal


def cost_lines(scope: Scope, lines=None) -> list[CostLineShare]:
    """The cost lines overlapping P (or those of `lines`) with their share in P, prorated
    as the engine does."""
    found = []
    if lines is None:
        lines = costs.cost_lines(scope)
    for line in lines.select_related("programme"):
        inside, days = costs.days_inside(line.period_start, line.period_end, scope.period)
        share = costs.share_in_period(
            line.period_start, line.period_end, line.amount_eur, scope.period
        )
        found.append(CostLineShare(line, inside, days, share))
    return found


def drillable(indicator_id: str, kind: str, breakdown: str) -> bool:
    """Whether the cells of a breakdown open their records."""
    if kind == COSTS:
        return breakdown in COST_BREAKDOWNS
    if breakdown == "programme" and kind == PROJECTS:
        return indicator_id in ("projects.accompanied", "projects.new")
    if breakdown == "mission" and kind == ACTIVITIES:
        return True
    return breakdown in BREAKDOWN_FIELDS.get(kind, {})


def narrowed(kind: str, queryset, breakdown: str, key: str, indicator_id: str, scope: Scope):
    """The records of one breakdown cell, or None when the breakdown has no column."""
    if not drillable(indicator_id, kind, breakdown):
        return None
    if breakdown == "programme" and kind == PROJECTS:
        if indicator_id == "projects.accompanied":
            enrolments = accompaniment.overlapping_enrolments(scope)
        else:
            enrolments = accompaniment.first_enrolments(scope)
        if key == NONE:
            return queryset.none()
        return queryset.filter(pk__in=enrolments.filter(programme__code=key).values("project"))
    if breakdown == "mission":
        return mission.Missions(scope).activities_to(queryset, {None if key == NONE else key})
    field = BREAKDOWN_FIELDS[kind][breakdown]
    if breakdown == "nace_section":
        # The NACE-BEL 2008 letter; any other version, or none, is unknown.
        project = field.removesuffix("nace_section")
        known = Q(**{f"{project}nace_version": "2008"}) & ~Q(**{field: ""})
        if key == UNKNOWN:
            return queryset.exclude(known)
        return queryset.filter(known, **{field: key})
    if key == NONE or (key == UNKNOWN and breakdown == "legal_form"):
        # A missing value, or the code itself (a contract `none`).
        missing = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
        return queryset.filter(missing | Q(**{field: key}))
    return queryset.filter(**{field: key})


def narrow(found: "Drill", breakdown: str, key: str, indicator_id: str, scope: Scope) -> bool:
    """Narrow every list of a figure to one breakdown cell (a transfer is a `referral_out`
    interaction with its partner); False when the breakdown opens nothing."""
    for _prefix, part in found.parts:
        if part.kind == COSTS:
            if not drillable(indicator_id, COSTS, breakdown):
                return False
            part.queryset = narrowed_costs(part.queryset, breakdown, key, indicator_id, scope)
            continue
        if part is found.also and breakdown == "kind":
            if key != InteractionKind.REFERRAL_OUT:
                part.queryset = part.queryset.none()
            continue
        cell = narrowed(part.kind, part.queryset, breakdown, key, indicator_id, scope)
        if cell is None:
            return False
        part.queryset = cell
    return True


def survival_cell(indicator_id: str, scope: Scope, cohort: int | None, years: int) -> Drill:
    """The records behind a survival or persistence rate: those whose k-year
    anniversary is reached by A (denominator) and, of them, those still active then."""
    if SURVIVAL[indicator_id] == ENTERPRISES:
        base = enterprises.survival_base(scope)
        start, end, kind = "creation_date", "cessation_date", ENTERPRISES
    else:
        base = employment.persistence_base(scope)
        start, end, kind = "start_date", "end_date", JOBS
    if cohort is not None:
        base = base.filter(**{f"{start}__year": cohort})
    reached, alive = reached_and_alive(base, start, end, years, scope.as_of)
    return Drill(numerator=Part(kind, alive), denominator=Part(kind, reached))


def drill(indicator_id: str, scope: Scope, cohort: int | None = None, years: int | None = None):
    """What a figure opens, or None when it opens nothing. `years` picks a cell of a
    survival or persistence table, or the enterprises still at risk at that many years
    in the Kaplan–Meier table."""
    if indicator_id in SURVIVAL:
        if indicator_id.endswith("y"):
            years = int(indicator_id.rsplit("_", 1)[1][:-1])
        return survival_cell(indicator_id, scope, cohort, years or 1)
    if indicator_id == "enterprises.survival_km" and years:
        return Drill(whole=Part(ENTERPRISES, enterprises.at_risk(scope, years)))
    if indicator_id in RATIOS:
        return RATIOS[indicator_id](scope)
    if indicator_id in COST_RATIOS:
        kind, queryset = records(COST_RATIOS[indicator_id], scope)
        costs_of = cost_records(indicator_id, scope)
        return Drill(numerator=Part(COSTS, costs_of), denominator=Part(kind, queryset))
    if indicator_id in COST_FIGURES:
        return Drill(whole=Part(COSTS, cost_records(indicator_id, scope)))
    if indicator_id == COVERED_COST_SHARE:
        return Drill(
            numerator=Part(COSTS, covered_cost_records(scope)),
            denominator=Part(COSTS, cost_records("missions.cost", scope)),
        )
    found = records(indicator_id, scope)
    if found is None:
        return None
    if indicator_id == "partners.interactions":
        transfers = accreditation_and_impact.transfers_in_period(scope)
        return Drill(whole=Part(*found), also=Part(TRANSFERS, transfers))
    return Drill(whole=Part(*found))


# The figures that open no records, and why (tests/indicators/test_drilldown_catalogue.py
# checks that every other indicator of the catalogue opens what it counts).
NO_RECORDS = {
    # Headcount and FTE of the jobs of each creation cohort on three year ends: each
    # cell is a different list of jobs, read by `datekeys.year_ends_by_cohort` in SQL
    # without a queryset per cell to share.
    "jobs.cohort_employment": "a table of year-end headcounts without a queryset per cell",
    # Its `accompanied` row is enterprises.survival_rate_*, which opens its enterprises;
    # its `not_accompanied` row counts official-register entries of applicants, which
    # have no record page in Sillon (docs/spec/comparison.md §4).
    "comparison.survival": "register entries of applicants; the accompanied row is "
    "enterprises.survival_rate_*",
}


def has_records(indicator_id: str) -> bool:
    return (
        indicator_id in SURVIVAL
        or indicator_id in RATIOS
        or indicator_id in COST_FIGURES
        or indicator_id == COVERED_COST_SHARE
        or indicator_id in RECORDS
    )
