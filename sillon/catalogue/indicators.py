"""Every indicator of docs/spec/indicators.md, in catalogue order, with its unit and label."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNT, RATE, RATIO, HOURS, DAYS, PEOPLE, EUR, FTE, TABLE = (
    "count",
    "rate",
    "ratio",
    "hours",
    "days",
    "people",
    "EUR",
    "FTE",
    "table",
)


# The version of docs/spec/indicators.md this catalogue implements. Bump it whenever a
# definition changes; statements (docs/spec/comparison.md) and the definitions register
# (docs/spec/mission.md) carry it, and set the `changed_in` of each indicator whose
# definition changed (or that was added) to the new version.
CATALOGUE_VERSION = "2026.5"
# The version every indicator without a later change was defined in.
FIRST_VERSION = "2026.2"


def version_key(version: str) -> tuple:
    """Versions compare part by part, as numbers: "2026.10" comes after "2026.9"."""
    return tuple(int(part) if part.isdigit() else -1 for part in str(version).split("."))


@dataclass(frozen=True)
class Indicator:
    id: str
    unit: str
    label: Promise
    # Comparable between structures of different size (docs/spec/comparison.md): rates
    # and ratios are, counts and sums are not.
    comparable: bool = False
    # The catalogue version in which this definition last changed (or was added).
    changed_in: str = FIRST_VERSION

    @property
    def is_scalar(self) -> bool:
        return self.unit != TABLE

    def __reduce__(self):
        # Pickled by id (cached catalogues): unpickling a lazy label builds a new proxy
        # class each time, which made reading fifty peers' catalogues take seconds.
        return (indicator_by_id, (self.id,))

    def changed_since(self, version: str) -> bool:
        """Whether a figure computed under `version` of the catalogue no longer matches
        this definition (a later version's changes are unknown here: changed too)."""
        if version == CATALOGUE_VERSION:
            return False
        if version_key(version) > version_key(CATALOGUE_VERSION):
            return True
        return version_key(self.changed_in) > version_key(version)


CATALOGUE = [
    Indicator("projects.accompanied", COUNT, _("Projects accompanied")),
    Indicator("projects.new", COUNT, _("New projects")),
    Indicator("projects.stopped", COUNT, _("Projects stopped")),
    Indicator("holders.count", COUNT, _("Project holders")),
    Indicator(
        "holders.women_share", RATE, _("Share of women among project holders"), comparable=True
    ),
    Indicator("accompaniment.sessions", COUNT, _("Accompaniment sessions")),
    Indicator("accompaniment.hours", HOURS, _("Hours of accompaniment")),
    Indicator("community.events", COUNT, _("Community events")),
    Indicator("community.attendees", PEOPLE, _("Attendees of community events")),
    Indicator("coworking.desk_days", DAYS, _("Coworking desk-days")),
    Indicator(
        "governance.projects_trained",
        COUNT,
        _("Projects trained in democratic governance or social concertation"),
    ),
    Indicator("experts.interventions", COUNT, _("Expert interventions")),
    Indicator("experts.cost", EUR, _("Cost of experts")),
    Indicator("accompaniment.cost", EUR, _("Cost of the accompaniment")),
    Indicator(
        "accompaniment.cost_per_project", EUR, _("Cost per project accompanied"), comparable=True
    ),
    Indicator(
        "accompaniment.cost_per_enterprise_created",
        EUR,
        _("Cost per enterprise created"),
        comparable=True,
    ),
    Indicator(
        "accompaniment.cost_per_job_created", EUR, _("Cost per job created"), comparable=True
    ),
    Indicator("enterprises.created", COUNT, _("Enterprises created")),
    Indicator(
        "enterprises.active_end",
        COUNT,
        _("Accompanied enterprises active at the end"),
    ),
    Indicator(
        "enterprises.survival_rate_1y", RATE, _("Survival rate after 1 year"), comparable=True
    ),
    Indicator(
        "enterprises.survival_rate_2y", RATE, _("Survival rate after 2 years"), comparable=True
    ),
    Indicator(
        "enterprises.survival_rate_3y", RATE, _("Survival rate after 3 years"), comparable=True
    ),
    Indicator("enterprises.survival_by_cohort", TABLE, _("Survival by creation year")),
    Indicator("enterprises.survival_km", TABLE, _("Survival (Kaplan–Meier estimate)")),
    Indicator("jobs.created", COUNT, _("Jobs created")),
    Indicator("jobs.created_fte", FTE, _("Jobs created (FTE)")),
    Indicator("jobs.active_end", COUNT, _("Jobs at the end of the period")),
    Indicator("jobs.active_end_fte", FTE, _("Jobs at the end of the period (FTE)")),
    Indicator("jobs.permanent_share", RATE, _("Share of permanent contracts"), comparable=True),
    Indicator("jobs.full_time_share", RATE, _("Share of full-time jobs"), comparable=True),
    Indicator(
        "jobs.joint_committee_coverage",
        RATE,
        _("Share of jobs under a joint committee"),
        comparable=True,
    ),
    Indicator(
        "jobs.persistence_rate_1y", RATE, _("Jobs still there after 1 year"), comparable=True
    ),
    Indicator(
        "jobs.persistence_rate_2y", RATE, _("Jobs still there after 2 years"), comparable=True
    ),
    Indicator("jobs.persistence_by_cohort", TABLE, _("Persistence of jobs by start year")),
    Indicator(
        "jobs.cohort_employment", TABLE, _("Employment in enterprises created, by creation year")
    ),
    Indicator(
        "jobs.confirmed_share",
        RATE,
        _("Share of jobs confirmed within the year"),
        changed_in="2026.4",
    ),
    Indicator("accreditation.requested", COUNT, _("ESD accreditations requested")),
    Indicator("accreditation.obtained", COUNT, _("ESD accreditations obtained")),
    Indicator(
        "accreditation.accredited_end",
        COUNT,
        _("Enterprises accredited ESD at the end of the period"),
    ),
    Indicator("transfers.count", COUNT, _("Transfers to advisory agencies")),
    Indicator("non_accreditation.reasons", COUNT, _("Reasons for not seeking accreditation")),
    Indicator("impact.assessed", COUNT, _("Projects with an impact assessment")),
    Indicator(
        "impact.non_accredited_assessed_share",
        RATE,
        _("Share of non-accredited enterprises with an impact assessment"),
        comparable=True,
    ),
    Indicator("impact.beneficiaries", PEOPLE, _("Beneficiaries reached")),
    Indicator("impact.emes_profile", TABLE, _("EMES profile of the projects")),
    Indicator("actions.diversity", COUNT, _("Diversity actions")),
    Indicator("actions.environment", COUNT, _("Environmental actions")),
    Indicator("partners.interactions", COUNT, _("Interactions with partners")),
    Indicator(
        "ratio.enterprises_per_100_projects",
        RATIO,
        _("Enterprises created per 100 projects accompanied"),
        comparable=True,
        changed_in="2026.3",
    ),
    Indicator(
        "ratio.jobs_per_enterprise_created",
        RATIO,
        _("Jobs created per enterprise created"),
        comparable=True,
        changed_in="2026.3",
    ),
    Indicator(
        "ratio.hours_per_project",
        HOURS,
        _("Hours of accompaniment per project accompanied"),
        comparable=True,
        changed_in="2026.3",
    ),
    Indicator("applications.received", COUNT, _("Applications received"), changed_in="2026.3"),
    Indicator(
        "applications.acceptance_rate",
        RATE,
        _("Acceptance rate of applications"),
        changed_in="2026.3",
    ),
    Indicator(
        "comparison.survival",
        TABLE,
        _("Survival of accompanied and not accompanied enterprises"),
        changed_in="2026.5",
    ),
    # The centre's whole mission (docs/spec/mission.md) (added in 2026.3).
    Indicator("outreach.activities", COUNT, _("Outreach activities"), changed_in="2026.3"),
    Indicator("outreach.hours", HOURS, _("Hours of outreach"), changed_in="2026.3"),
    Indicator(
        "outreach.audience", PEOPLE, _("Audience of outreach activities"), changed_in="2026.3"
    ),
    Indicator("missions.hours", HOURS, _("Hours per mission"), changed_in="2026.3"),
    Indicator("missions.cost", EUR, _("Cost per mission"), changed_in="2026.3"),
    Indicator(
        "missions.also_covered_hours_share",
        RATE,
        _("Share of hours on missions also covered by partners"),
        changed_in="2026.3",
    ),
    Indicator(
        "missions.also_covered_cost_share",
        RATE,
        _("Share of cost on missions also covered by partners"),
        changed_in="2026.3",
    ),
    Indicator(
        "stakes.active_end", COUNT, _("Stakes held at the end of the period"), changed_in="2026.3"
    ),
    Indicator(
        "stakes.active_end_amount",
        EUR,
        _("Amount of the stakes held at the end"),
        changed_in="2026.3",
    ),
    Indicator(
        "stakes.projects_with_declaration",
        COUNT,
        _("Projects with a declaration of interest"),
        changed_in="2026.3",
    ),
    # The follow-up after the accompaniment (docs/spec/followup.md).
    Indicator("followup.sent", COUNT, _("Follow-up questionnaires sent"), changed_in="2026.4"),
    Indicator(
        "followup.answered", COUNT, _("Follow-up questionnaires answered"), changed_in="2026.4"
    ),
    Indicator(
        "followup.response_rate",
        RATE,
        _("Response rate of the follow-up"),
        comparable=True,
        changed_in="2026.4",
    ),
    Indicator("followup.unreachable", COUNT, _("Follow-up waves unreachable"), changed_in="2026.4"),
]

BY_ID = {indicator.id: indicator for indicator in CATALOGUE}


def indicator_by_id(indicator_id: str) -> Indicator:
    return BY_ID[indicator_id]


COMPARABLE = [indicator for indicator in CATALOGUE if indicator.comparable]


def scalar_choices() -> list[tuple[str, str]]:
    """Indicators that may have a target (every one that is not a table)."""
    return [(i.id, f"{i.label} ({i.id})") for i in CATALOGUE if i.is_scalar]
