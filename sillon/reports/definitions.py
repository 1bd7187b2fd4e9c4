"""The texts of the annex: each indicator's definition (docs/spec/indicators.md, in the report's
language), the ESD definition of the ordinance of 23 July 2018, the EMES criteria and
the method notes. Only texts here; the figures come from the engine."""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = {
    "projects.accompanied": _(
        "Distinct projects with at least one enrolment overlapping the period. A project "
        "counts once in every programme where it has such an enrolment, so the programme "
        "parts may add up to more than the total."
    ),
    "projects.new": _("Distinct projects whose earliest enrolment starts in the period."),
    "projects.stopped": _("Projects whose status is “stopped” with a status date in the period."),
    "holders.count": _("Distinct persons holding a project counted as accompanied."),
    "holders.women_share": _("Among those persons whose gender is known, the share of women."),
    "accompaniment.sessions": _(
        "Coaching sessions, trainings and expert interventions dated in the period."
    ),
    "accompaniment.hours": _(
        "Over the same activities, the sum of their hours times the number of projects "
        "that took part."
    ),
    "community.events": _("Events dated in the period."),
    "community.attendees": _("The sum of the attendees of those events."),
    "coworking.desk_days": _(
        "Over the coworking days in the period, the sum of the number of projects on each."
    ),
    "governance.projects_trained": _(
        "Distinct projects that took part in the period in an activity on democratic "
        "governance or social concertation."
    ),
    "experts.interventions": _("Expert interventions dated in the period."),
    "experts.cost": _("The sum of the cost of those interventions."),
    "accompaniment.cost": _(
        "The share of each cost line that falls in the period (amount × days of the line "
        "inside the period ÷ days of the line), plus the cost of experts."
    ),
    "accompaniment.cost_per_project": _(
        "Cost of the accompaniment divided by the projects accompanied; none when there "
        "is no project."
    ),
    "accompaniment.cost_per_enterprise_created": _(
        "Cost of the accompaniment divided by the enterprises created in the period."
    ),
    "accompaniment.cost_per_job_created": _(
        "Cost of the accompaniment divided by the jobs created in the period."
    ),
    "enterprises.created": _(
        "Enterprises of accompanied projects, created during the accompaniment, whose "
        "creation date is in the period."
    ),
    "enterprises.active_end": _(
        "Enterprises of accompanied projects active on the last day of the period (an "
        "enterprise without creation date counts while it has not ceased)."
    ),
    "enterprises.survival_rate_1y": _(
        "Among the enterprises created whose first anniversary is on or before the as-of "
        "date, the share still active on that anniversary (all creation years pooled)."
    ),
    "enterprises.survival_rate_2y": _("The same on the second anniversary of creation."),
    "enterprises.survival_rate_3y": _("The same on the third anniversary of creation."),
    "enterprises.survival_by_cohort": _(
        "For each creation year, the number of enterprises created and, for 1 to 5 years, "
        "the share still active on that anniversary; empty while no enterprise of the "
        "year has reached it."
    ),
    "enterprises.survival_km": _(
        "Kaplan–Meier estimate of the share of enterprises still active after 1 to 5 "
        "years: an enterprise still active is counted until the as-of date (censored) "
        "rather than left out; “at risk” is the number observed that long."
    ),
    "jobs.created": _(
        "Jobs of accompanied enterprises starting in the period, on or after the start "
        "of their project's first enrolment."
    ),
    "jobs.created_fte": _(
        "Full-time equivalents of those jobs (weekly hours ÷ full-time hours, 38 by default)."
    ),
    "jobs.active_end": _("Jobs of accompanied enterprises active on the last day of the period."),
    "jobs.active_end_fte": _("Full-time equivalents of those jobs."),
    "jobs.permanent_share": _(
        "Among the jobs active at the end of the period with a contract, the share of "
        "permanent contracts."
    ),
    "jobs.full_time_share": _(
        "Among the jobs active at the end of the period, self-employed partners left "
        "out, the share of full-time jobs."
    ),
    "jobs.joint_committee_coverage": _(
        "Among the same jobs, the share covered by a joint committee."
    ),
    "jobs.persistence_rate_1y": _(
        "Among the jobs created whose first anniversary is on or before the as-of date, "
        "the share still active on that anniversary."
    ),
    "jobs.persistence_rate_2y": _("The same on the second anniversary."),
    "jobs.persistence_by_cohort": _(
        "For each start year, the jobs created and the share still active after 1 and 2 years."
    ),
    "jobs.cohort_employment": _(
        "For each creation year N of the enterprises created, the headcount and "
        "full-time equivalents of their jobs active on 31 December of N, N+1 and N+2."
    ),
    "accreditation.requested": _(
        "Distinct enterprises that requested the ESD accreditation in the period."
    ),
    "accreditation.obtained": _(
        "Distinct enterprises that obtained the ESD accreditation in the period."
    ),
    "accreditation.accredited_end": _(
        "Accompanied enterprises whose latest ESD event on or before the end of the "
        "period is an accreditation obtained or renewed."
    ),
    "transfers.count": _("Transfers to an advisory agency dated in the period."),
    "non_accreditation.reasons": _(
        "Enterprises created, active and not accredited at the end of the period, with "
        "a reason for not seeking accreditation (their latest one)."
    ),
    "impact.assessed": _("Distinct projects with an impact assessment dated in the period."),
    "impact.non_accredited_assessed_share": _(
        "Among the enterprises created, active and not accredited at the end of the "
        "period, the share whose project has an impact assessment."
    ),
    "impact.beneficiaries": _(
        "The sum of the beneficiaries of each project's latest assessment in the period."
    ),
    "impact.emes_profile": _(
        "Over the latest assessment of each accompanied project, the number answering "
        "yes, partly or no to each EMES criterion."
    ),
    "actions.diversity": _("Equality and diversity actions dated in the period."),
    "actions.environment": _("Environmental actions dated in the period."),
    "partners.interactions": _(
        "Interactions with partner organisations dated in the period, plus the transfers "
        "(counted as referrals sent)."
    ),
    "ratio.enterprises_per_100_projects": _(
        "100 times the enterprises created divided by the projects accompanied; none when "
        "no project was accompanied."
    ),
    "ratio.jobs_per_enterprise_created": _(
        "The jobs created divided by the enterprises created; none when no enterprise was created."
    ),
    "applications.received": _("Applications dated in the period."),
    "applications.acceptance_rate": _(
        "Among the applications dated in the period with a decision other than waiting, "
        "the share accepted."
    ),
    "comparison.survival": _(
        "Survival at 1, 2 and 3 years, computed as the survival rates of the enterprises "
        "created, for two groups: the enterprises created during the accompaniment, and "
        "the enterprises of rejected or withdrawn applicants created on or after their "
        "application (their creation date and cessation as the official register gives "
        "them), each with its number of enterprises."
    ),
    "ratio.hours_per_project": _(
        "The hours of accompaniment divided by the projects accompanied; none when no "
        "project was accompanied."
    ),
}

# The centre's whole mission (docs/spec/mission.md).
DEFINITIONS |= {
    "outreach.activities": _(
        "Activities of kind prospection, communication, representation or dissemination "
        "dated in the period."
    ),
    "outreach.hours": _("The sum of the hours of those activities."),
    "outreach.audience": _("The sum of the people reached by those activities."),
    "missions.hours": _(
        "The hours of every activity dated in the period, per mission of the funding "
        "agreement: the activity's own mission, else the default mission of its kind."
    ),
    "missions.cost": _(
        "The cost of the accompaniment per mission: each cost line's share in the period "
        "to its mission, each expert intervention's cost to the mission of the activity."
    ),
    "missions.also_covered_hours_share": _(
        "The share of those hours going to missions that partners also cover."
    ),
    "missions.also_covered_cost_share": _(
        "The share of that cost going to missions that partners also cover."
    ),
    "stakes.active_end": _(
        "Stakes in accompanied enterprises acquired on or before the last day of the "
        "period and not ended before it."
    ),
    "stakes.active_end_amount": _("The sum of the amounts of those stakes."),
    "stakes.projects_with_declaration": _(
        "Distinct projects with a declaration of interest dated on or before the last day "
        "of the period."
    ),
}

# The follow-up after the accompaniment (docs/spec/followup.md).
DEFINITIONS |= {
    "jobs.confirmed_share": _(
        "Among the jobs active on the last day of the period in enterprises created, the "
        "share confirmed or changed in the twelve months up to that day, by a coach or an "
        "accepted follow-up answer."
    ),
    "followup.sent": _(
        "Follow-up questionnaires whose first message the mail server accepted during the period."
    ),
    "followup.answered": _("Follow-up questionnaires answered during the period."),
    "followup.response_rate": _(
        "Among the questionnaires sent during the period, the share answered by the as-of date."
    ),
    "followup.unreachable": _(
        "Follow-up waves due during the period that no holder could receive: no e-mail "
        "address with a dated consent and no unsubscription."
    ),
}

ESD_DEFINITION = _(
    "The ordinance of the Brussels-Capital Region of 23 July 2018 on the accreditation "
    "and support of social enterprises defines a social enterprise as one that carries "
    "out an economic project, pursues a social aim for the community and is governed "
    "democratically. It is accredited as social and democratic enterprise (ESD) when it "
    "pursues a social aim above profit, limits the distribution of its profits, "
    "decides democratically and involves its workers and stakeholders, and is "
    "autonomous from public authorities. The accreditation is granted by the Minister "
    "of Employment and Economy on the opinion of the advisory council of the social "
    "economy, for a limited time, and may be renewed or withdrawn."
)

EMES_INTRODUCTION = _(
    "The EMES research network describes the ideal type of a social enterprise by nine "
    "criteria in three dimensions. Each impact assessment answers each criterion yes, "
    "partly or no."
)

METHOD_NOTES = [
    _(
        "Every figure is computed by Sillon's indicator engine from the records of the "
        "organisation as they stood when the report was produced; the definitions above "
        "are those of the indicator catalogue."
    ),
    _(
        "Survival and persistence can only be observed for anniversaries reached by the "
        "as-of date: recent cohorts have empty cells rather than optimistic ones, and "
        "small cohorts move by whole enterprises."
    ),
    _(
        "The regional baseline is Statbel's survival of enterprises first registered for "
        "VAT in 2018 in the Brussels-Capital Region (1 year 89.0 %, 2 years 81.4 %, 3 "
        "years 74.6 %, 4 years 67.5 %, 5 years 61.5 %; CC BY 4.0). It is not strictly "
        "comparable: Statbel counts the enterprises active on 31 December of each "
        "following year, not on the anniversary of creation, and leaves out VAT-exempt "
        "activity, which excludes many non-profit associations — a large share of the "
        "enterprises created here. The comparison shows an order of magnitude, not a "
        "ranking."
    ),
    _(
        "The Kaplan–Meier estimate also uses the enterprises not yet observed for the "
        "whole span, so it is steadier than the cohort shares but depends on the "
        "assumption that recent enterprises behave like older ones."
    ),
    _(
        "Costs of the period are the share of each cost line falling in the period; the "
        "cost per enterprise and per job relates the period's cost to the period's "
        "results, though an accompaniment bears fruit over several years."
    ),
    _(
        "When small numbers are suppressed, the breakdown cells below the threshold are "
        "shown as “< N”; totals are kept."
    ),
]

# Statbel, enterprises first registered for VAT in 2018, Brussels-Capital (docs/spec/reference.md).
STATBEL_BRUSSELS = {1: 0.890, 2: 0.814, 3: 0.746, 4: 0.675, 5: 0.615}
STATBEL_SOURCE = _("Statbel, Brussels-Capital Region, VAT starters of 2018")

# Published figures of comparable structures (docs/spec/reference.md), for section 9. No letter
# follows a "%": gettext would read "% s" or "% f" as a format and refuse the catalogue.
COMPARABLE_STRUCTURES = [
    _(
        "European business and innovation centres (EBN, 2020): 4.6 jobs per incubated "
        "company; 2014 survey: survival after incubation 90 %, €8,066 of public funding "
        "per job created."
    ),
    _(
        "Global Accelerator Learning Initiative: one year after application, the employees "
        "of accelerated ventures grew by 47 %, those of rejected applicants by 30 %."
    ),
]
