"""The engine against an independent computation, over several periods.

A seeded random organisation (projects in one or two programmes, holders, activities,
cost lines across years, enterprises with cessations, jobs with ends) is read back as
plain rows, and each indicator is recomputed here the slow, obvious way, straight from
the words of docs/spec/indicators.md — no query of the engine is reused. Money must agree to the
cent, counts exactly, rates and FTE to floating-point precision.
"""

import datetime
import random
from decimal import Decimal

import pytest

from sillon.catalogue.periods import parse_period
from sillon.indicators.engine import compute
from sillon.outcomes.choices import ContractType, CostCategory, WorkerStatus
from sillon.outcomes.models import AccreditationEvent, CostLine, Job
from sillon.register.choices import ActivityKind, ExpertType, ProjectStatus, Topic
from sillon.register.models import Activity, Enrolment, Enterprise, Project
from tests.outcomes import factories as outcomes
from tests.register import factories as register

PERIODS = ["2023", "2024", "2024-S1", "2024-S2", "2023-07-01..2024-06-30", "2025"]
FIRST_DAY = datetime.date(2022, 1, 1)
SPAN = 4 * 365


def day(rng: random.Random, after: datetime.date = FIRST_DAY, span: int = SPAN):
    return after + datetime.timedelta(days=rng.randrange(span))


@pytest.fixture
def organisation(org_a):
    """About forty projects, drawn with a fixed seed so that a failure can be replayed."""
    rng = random.Random(20261126)
    programmes = [register.programme(org_a, "seeds"), register.programme(org_a, "grow")]
    projects = []
    for number in range(40):
        intake = day(rng)
        project = register.project(
            org_a,
            ref=f"P-{number}",
            intake_date=intake,
            status=rng.choice([ProjectStatus.ACTIVE, ProjectStatus.STOPPED]),
            status_date=day(rng, intake, 600),
        )
        projects.append(project)
        for person in range(rng.randrange(3)):
            register.holder(project, first_name=f"H{number}-{person}", gender=rng.choice("fmx"))
        start = intake
        for programme in rng.sample(programmes, rng.randrange(1, 3)):
            end = day(rng, start, 500) if rng.random() < 0.7 else None
            register.enrolment(project, programme, start_date=start, end_date=end)
            start = day(rng, start, 300)
        if rng.random() < 0.6:
            creation = day(rng, intake - datetime.timedelta(days=60), 500)
            ceased = day(rng, creation, 1200) if rng.random() < 0.3 else None
            enterprise = register.enterprise(
                project,
                created_during_accompaniment=True,
                creation_date=creation,
                cessation_date=ceased,
            )
            for job in range(rng.randrange(4)):
                start = day(rng, creation - datetime.timedelta(days=200), 900)
                outcomes.job(
                    enterprise,
                    ref=f"J{job}",
                    start_date=start,
                    end_date=day(rng, start, 800) if rng.random() < 0.4 else None,
                    weekly_hours=Decimal(rng.choice([19, 30, 38])),
                    worker_status=rng.choice(list(WorkerStatus)),
                    contract_type=rng.choice(list(ContractType)),
                )
    for _ in range(150):
        kind = rng.choice(list(ActivityKind))
        expert = kind == ActivityKind.EXPERT
        register.activity(
            org_a,
            projects=rng.sample(projects, rng.randrange(1, 4)),
            date=day(rng),
            kind=kind,
            hours=Decimal(rng.randrange(1, 17)) / 2,
            programme=rng.choice([*programmes, None]),
            expert_type=ExpertType.LEGAL if expert else "",
            cost_eur=Decimal(rng.randrange(10000, 200000)) / 100 if expert else None,
            topics=rng.sample([Topic.DEMOCRATIC_GOVERNANCE, Topic.FINANCE], rng.randrange(2)),
        )
    # A project never enrolled: its enterprise and jobs are not accompanied.
    stray = register.project(org_a, ref="P-NEVER", intake_date=datetime.date(2022, 3, 1))
    stray_enterprise = register.enterprise(
        stray, created_during_accompaniment=True, creation_date=datetime.date(2023, 5, 2)
    )
    outcomes.job(stray_enterprise, ref="J0", start_date=datetime.date(2023, 6, 1))
    outcomes.accreditation(stray_enterprise, "esd_obtained", datetime.date(2023, 9, 1))
    # ESD events, two of them on one date and written against their meaning's order
    # (a separate draw, so that the records above stay those of the seed).
    events = random.Random(7)
    enterprises = list(
        Enterprise.objects.filter(organisation=org_a).exclude(pk=stray_enterprise.pk)
    )
    for enterprise in events.sample(enterprises, len(enterprises) // 2):
        first = day(events, enterprise.creation_date, 400)
        pair = events.choice(
            [
                ("esd_obtained", "esd_requested"),
                ("esd_withdrawn", "esd_renewed"),
                ("esd_renewed", "esd_obtained"),
                ("esd_refused", "esd_requested"),
            ]
        )
        for event in pair:  # the later meaning is written first
            outcomes.accreditation(enterprise, event, first)
        if events.random() < 0.5:
            outcomes.accreditation(enterprise, "esd_withdrawn", day(events, first, 500))
    for year in (2022, 2023, 2024, 2025):
        # Lines from 1 April to 31 March: each crosses a year and a semester.
        outcomes.cost_line(
            org_a,
            period_start=datetime.date(year, 4, 1),
            period_end=datetime.date(year + 1, 3, 31),
            amount_eur=Decimal(rng.randrange(5_000_000, 9_000_000)) / 100,
            category=rng.choice(list(CostCategory)),
        )
    return org_a


def in_period(date, period) -> bool:
    return date is not None and period.start <= date <= period.end


def active_on(start, end, date) -> bool:
    return (start is None or start <= date) and (end is None or end >= date)


def anniversary(date, years):
    if date.month == 2 and date.day == 29:
        return datetime.date(date.year + years, 2, 28)
    return datetime.date(date.year + years, date.month, date.day)


def expected(organisation, period) -> dict:
    """Every figure recomputed from plain rows."""
    enrolments = list(Enrolment.objects.filter(organisation=organisation).values())
    projects = {p["id"]: p for p in Project.objects.filter(organisation=organisation).values()}
    accompanied = {
        e["project_id"]
        for e in enrolments
        if e["start_date"] <= period.end
        and (e["end_date"] is None or e["end_date"] >= period.start)
    }
    earliest = {}
    for e in enrolments:
        earliest[e["project_id"]] = min(
            e["start_date"], earliest.get(e["project_id"], e["start_date"])
        )
    holders = {
        person.pk
        for project in Project.objects.filter(pk__in=accompanied)
        for person in project.holders.all()
    }

    activities = list(
        Activity.objects.filter(organisation=organisation).prefetch_related("projects")
    )
    sessions = [
        a
        for a in activities
        if in_period(a.date, period) and a.kind in ("coaching", "training", "expert")
    ]
    experts = [a for a in activities if in_period(a.date, period) and a.kind == "expert"]
    expert_cost = sum((a.cost_eur for a in experts), Decimal(0))
    cost = expert_cost
    for line in CostLine.objects.filter(organisation=organisation):
        first, last = max(line.period_start, period.start), min(line.period_end, period.end)
        if first <= last:
            days = (line.period_end - line.period_start).days + 1
            cost += line.amount_eur * ((last - first).days + 1) / days

    # Accompanied: the project has at least one enrolment (Conventions).
    enrolled = {e["project_id"] for e in enrolments}
    accompanied_enterprises = [
        e for e in Enterprise.objects.filter(organisation=organisation) if e.project_id in enrolled
    ]
    enterprises = [e for e in accompanied_enterprises if e.created_during_accompaniment]
    created = [e for e in enterprises if in_period(e.creation_date, period)]
    lives = [e for e in enterprises if e.creation_date and e.creation_date <= period.end]
    reached = [e for e in lives if anniversary(e.creation_date, 1) <= period.end]
    alive = [
        e
        for e in reached
        if active_on(e.creation_date, e.cessation_date, anniversary(e.creation_date, 1))
    ]

    jobs = [
        j
        for j in Job.objects.filter(organisation=organisation).select_related("enterprise")
        if j.enterprise.project_id in earliest and j.start_date >= earliest[j.enterprise.project_id]
    ]
    jobs_created = [j for j in jobs if in_period(j.start_date, period)]
    all_jobs = [
        j
        for j in Job.objects.filter(organisation=organisation).select_related("enterprise")
        if j.enterprise.project_id in enrolled
    ]
    jobs_active = [j for j in all_jobs if active_on(j.start_date, j.end_date, period.end)]

    # The latest ESD event on or before P.end; on one date, the later meaning.
    meaning = {
        "esd_requested": 0,
        "esd_refused": 1,
        "esd_obtained": 1,
        "esd_renewed": 2,
        "esd_withdrawn": 3,
    }
    latest = {}
    for event in AccreditationEvent.objects.filter(organisation=organisation):
        if event.date <= period.end and event.event in meaning:
            rank = (event.date, meaning[event.event])
            if event.enterprise_id not in latest or rank > latest[event.enterprise_id][0]:
                latest[event.enterprise_id] = (rank, event.event)
    accredited_end = sum(
        1
        for e in accompanied_enterprises
        if e.pk in latest and latest[e.pk][1] in ("esd_obtained", "esd_renewed")
    )
    jobs_reached = [j for j in jobs if anniversary(j.start_date, 1) <= period.end]
    jobs_alive = [
        j for j in jobs_reached if active_on(j.start_date, j.end_date, anniversary(j.start_date, 1))
    ]

    def fte(job_list):
        return sum(float(j.weekly_hours) / float(j.full_time_hours) for j in job_list)

    def share(part, whole):
        return len(part) / len(whole) if whole else None

    return {
        "projects.accompanied": len(accompanied),
        "projects.new": sum(1 for start in earliest.values() if in_period(start, period)),
        "projects.stopped": sum(
            1
            for p in projects.values()
            if p["status"] == "stopped" and in_period(p["status_date"], period)
        ),
        "holders.count": len(holders),
        "accompaniment.sessions": len(sessions),
        "accompaniment.hours": sum(a.hours * len(a.projects.all()) for a in sessions),
        "coworking.desk_days": sum(
            len(a.projects.all())
            for a in activities
            if in_period(a.date, period) and a.kind == "coworking"
        ),
        "governance.projects_trained": len(
            {
                p.pk
                for a in activities
                if in_period(a.date, period) and "democratic_governance" in a.topics
                for p in a.projects.all()
            }
        ),
        "experts.interventions": len(experts),
        "experts.cost": expert_cost,
        "accompaniment.cost": cost,
        "accompaniment.cost_per_project": cost / len(accompanied) if accompanied else None,
        "enterprises.created": len(created),
        "accreditation.accredited_end": accredited_end,
        "enterprises.active_end": sum(
            1
            for e in accompanied_enterprises
            if (e.creation_date is None or e.creation_date <= period.end)
            and (e.cessation_date is None or e.cessation_date >= period.end)
        ),
        "enterprises.survival_rate_1y": share(alive, reached),
        "jobs.created": len(jobs_created),
        "jobs.created_fte": fte(jobs_created),
        "jobs.active_end": len(jobs_active),
        "jobs.active_end_fte": fte(jobs_active),
        "jobs.persistence_rate_1y": share(jobs_alive, jobs_reached),
        "accompaniment.cost_per_job_created": cost / len(jobs_created) if jobs_created else None,
    }


def cents(amount) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


def test_engine_agrees_with_an_independent_computation(organisation):
    # The draw is only worth its seed if it holds what the comparison is about.
    assert Enterprise.objects.exclude(cessation_date=None).filter(organisation=organisation)
    assert Job.objects.exclude(end_date=None).filter(organisation=organisation)
    assert AccreditationEvent.objects.filter(organisation=organisation).exists()
    rates = []
    for period_id in PERIODS:
        period = parse_period(period_id)
        figures = expected(organisation, period)
        computed = {r.indicator.id: r.value.value for r in compute(organisation, period)}
        for indicator, value in figures.items():
            actual, where = computed[indicator], f"{indicator} in {period_id}"
            if value is None or actual is None:
                assert actual == value, where
            elif isinstance(value, Decimal):
                assert cents(actual) == cents(value), where
            elif isinstance(value, float):
                assert actual == pytest.approx(value, rel=1e-12), where
            else:
                assert actual == value, where
        if period_id in ("2023", "2024", "2024-S2"):
            for indicator in (
                "projects.new",
                "jobs.created",
                "enterprises.created",
                "accreditation.accredited_end",
            ):
                assert figures[indicator] > 0, f"{indicator} in {period_id}"
        rates.append(figures["enterprises.survival_rate_1y"])
    assert any(rate not in (None, 0, 1) for rate in rates)
