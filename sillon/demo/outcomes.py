"""Deterministic outcomes for the demo organisation, after its register is written:
cessations, jobs, accreditation, non-accreditation reasons, transfers, impact
assessments, partner interactions, internal actions, cost lines and targets.

Every code of docs/spec/domain.md appears. The enterprises are read back in a fixed order and
the random generator is seeded, so the same seed gives the same story.
"""

import datetime
import itertools
import random
from decimal import Decimal

from sillon.accounts.models import Organisation
from sillon.catalogue.display import half_away_from_zero
from sillon.catalogue.indicators import BY_ID, RATE
from sillon.catalogue.targets import default_direction
from sillon.core.bulk import InstanceWriter, update_rows, write_instances
from sillon.demo.register import FIRST_INTAKE, LAST_DAY, SOURCE, between, weighted
from sillon.outcomes.choices import (
    EMES_CRITERIA,
    AccreditationEventKind,
    ActionKind,
    ActionScope,
    ContractType,
    CostCategory,
    FundingSource,
    InteractionKind,
    NonAccreditationReasonKind,
    PartnerKind,
    WorkerStatus,
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
)
from sillon.register.choices import CessationReason, Gender, ProjectStatus
from sillon.register.models import Enterprise, Programme, Project

BATCH = 5000
YEAR = datetime.timedelta(days=365)

# Joint committees by kind of activity (NACE-BEL 2008 division) and legal-form family.
CARE_DIVISIONS = {"87", "88"}
CULTURE_DIVISIONS = {"58", "90", "93", "85"}
HORECA_DIVISIONS = {"55", "56"}
CLEANING_CODES = {"81210", "88101"}
EXTRA_PARTNERS = [
    ("bee", "Bruxelles Économie et Emploi", PartnerKind.FUNDER),
    ("financite", "Réseau Financité", PartnerKind.OTHER),
]
SOCIAL_IMPACTS = [
    "Emplois durables pour des personnes éloignées du marché du travail.",
    "Alimentation de qualité accessible aux habitant·es du quartier.",
    "Réduction des déchets par la réparation et le réemploi.",
    "Lieu de rencontre et de culture ouvert à tous les publics.",
    "Accompagnement de familles précarisées.",
]
ENVIRONMENTAL_ACTIONS = [
    "Tri et compostage",
    "Livraisons à vélo",
    "Fournisseurs locaux",
    "Énergie verte",
    "Réemploi du mobilier",
]
DIVERSITY_ACTIONS = [
    "Recrutement inclusif",
    "Parité au conseil d'administration",
    "Horaires adaptés aux familles",
    "Formation anti-discrimination",
]
INTERNAL_ACTIONS = {
    ActionKind.DIVERSITY: [
        "Charte diversité de l'équipe",
        "Formation aux biais de recrutement",
        "Atelier égalité femmes-hommes pour les porteur·euses",
        "Accessibilité des locaux aux personnes à mobilité réduite",
    ],
    ActionKind.ENVIRONMENT: [
        "Passage à un fournisseur d'énergie verte",
        "Zéro déchet au coworking",
        "Module économie circulaire pour les porteur·euses",
        "Mobilité douce de l'équipe",
    ],
}


class OutcomeGenerator:
    def __init__(self, organisation: Organisation, seed: int):
        self.organisation = organisation
        self.rng = random.Random(seed * 7919 + 1)
        # Reasons in turn, in proportion to how often they are heard (most often first),
        # so that even a small demo shows each of them.
        self.reasons = itertools.cycle(
            [
                NonAccreditationReasonKind.NOT_RELEVANT,
                NonAccreditationReasonKind.CRITERIA_UNSUITED,
                NonAccreditationReasonKind.NOT_RELEVANT,
                NonAccreditationReasonKind.NOT_SOCIAL_ECONOMY,
                NonAccreditationReasonKind.CRITERIA_UNSUITED,
                NonAccreditationReasonKind.NOT_RELEVANT,
                NonAccreditationReasonKind.CONFUSED_WITH_INSERTION,
                NonAccreditationReasonKind.OTHER,
            ]
        )
        self.requests = 0
        self.partners = {
            partner.code: partner for partner in Partner.objects.filter(organisation=organisation)
        }

    def record(self, model, **fields):
        return model(organisation=self.organisation, source=SOURCE, **fields)

    # Per enterprise.

    def cessation(self, enterprise: Enterprise) -> None:
        """Annual risk of stopping ~9 % for new enterprises (Brussels: 61.5 % alive at 5 years),
        lower for those that existed before."""
        start = enterprise.creation_date
        hazard = 0.095 if enterprise.created_during_accompaniment else 0.04
        if start is None:
            return
        lifetime = datetime.timedelta(days=int(self.rng.expovariate(hazard) * 365.25))
        if start + lifetime < LAST_DAY:
            enterprise.cessation_date = max(start + lifetime, start + datetime.timedelta(days=30))
            enterprise.cessation_reason = weighted(
                self.rng,
                [
                    (CessationReason.DISSOLUTION, 60),
                    (CessationReason.BANKRUPTCY, 20),
                    (CessationReason.MERGER, 6),
                    (CessationReason.OTHER, 14),
                ],
            )

    def joint_committee(self, enterprise: Enterprise, nace_code: str) -> str:
        division = nace_code[:2]
        if nace_code in CLEANING_CODES:
            return "322.01"
        if division in HORECA_DIVISIONS:
            return "302"
        if division in CARE_DIVISIONS:
            return "337" if self.rng.random() < 0.5 else "319.02"
        if division in CULTURE_DIVISIONS:
            return "329.02"
        if enterprise.legal_form_family == "nonprofit":
            return "337"
        return "200"

    def jobs(self, enterprise: Enterprise, nace_code: str, first_enrolment) -> list[Job]:
        rng, jobs = self.rng, []
        start = enterprise.creation_date
        if start is None:
            return jobs
        end_of_life = enterprise.cessation_date or LAST_DAY
        cooperative = enterprise.legal_form_family == "cooperative"
        count = (
            weighted(rng, [(0, 20), (1, 25), (2, 25), (3, 15), (4, 8), (6, 7)])
            if enterprise.created_during_accompaniment
            else rng.randint(2, 12)
        )
        committee = self.joint_committee(enterprise, nace_code)
        partners = rng.randint(1, 3) if cooperative and rng.random() < 0.6 else 0
        for number in range(1, count + partners + 1):
            if number <= partners:
                status, contract, hours, jc = (
                    WorkerStatus.SELF_EMPLOYED_PARTNER,
                    ContractType.NONE,
                    Decimal(rng.choice(["19", "30", "38"])),
                    "",
                )
            else:
                status = weighted(
                    rng,
                    [
                        (WorkerStatus.EMPLOYEE, 45),
                        (WorkerStatus.BLUE_COLLAR, 15),
                        (WorkerStatus.ARTICLE_60, 10),
                        (WorkerStatus.SUBSIDISED, 10),
                        (WorkerStatus.ACTIVA, 6),
                        (WorkerStatus.OTHER, 4),
                        (WorkerStatus.SERVICE_VOUCHERS, 10 if committee == "322.01" else 0),
                    ],
                )
                contract = (
                    ContractType.FIXED_TERM
                    if status == WorkerStatus.ARTICLE_60
                    else weighted(
                        rng,
                        [
                            (ContractType.PERMANENT, 58),
                            (ContractType.FIXED_TERM, 30),
                            (ContractType.REPLACEMENT, 6),
                            (ContractType.SPECIFIC_WORK, 6),
                        ],
                    )
                )
                hours = Decimal(
                    weighted(rng, [("38", 45), ("30.4", 15), ("28.5", 10), ("24", 10), ("19", 20)])
                )
                # Service vouchers are always under 322.01; a few others lack a committee.
                vouchers = status == WorkerStatus.SERVICE_VOUCHERS
                jc = committee if vouchers or rng.random() < 0.93 else ""
            if enterprise.created_during_accompaniment:
                hired = between(rng, start, min(start + 3 * YEAR, end_of_life))
            else:
                hired = between(rng, start, min(first_enrolment + 2 * YEAR, end_of_life))
            if hired > LAST_DAY:
                continue
            duration = {
                ContractType.FIXED_TERM: rng.randint(180, 730),
                ContractType.REPLACEMENT: rng.randint(60, 300),
                ContractType.SPECIFIC_WORK: rng.randint(90, 365),
            }.get(contract, int(rng.expovariate(0.25) * 365.25))
            left = hired + datetime.timedelta(days=duration)
            ended = min(left, enterprise.cessation_date) if enterprise.cessation_date else left
            jobs.append(
                self.record(
                    Job,
                    enterprise_id=enterprise.pk,
                    job_ref=f"J{number}",
                    start_date=hired,
                    end_date=ended if ended <= LAST_DAY else None,
                    worker_status=status,
                    contract_type=contract,
                    weekly_hours=hours,
                    full_time_hours=Decimal("38"),
                    joint_committee=jc,
                    gender=weighted(
                        rng,
                        [
                            (Gender.FEMALE, 54),
                            (Gender.MALE, 42),
                            (Gender.OTHER, 2),
                            (Gender.UNKNOWN, 2),
                        ],
                    ),
                )
            )
        return jobs

    def accreditation(self, enterprise: Enterprise) -> tuple[list, list]:
        """ESD requests, decisions, renewals; or a reason for not seeking it."""
        rng, events, reasons = self.rng, [], []
        start = enterprise.creation_date
        social = enterprise.legal_form_family in ("cooperative", "nonprofit", "company")
        if not (enterprise.created_during_accompaniment and start and social):
            return events, reasons
        end = enterprise.cessation_date or LAST_DAY

        def event(kind, day):
            if day <= min(end, LAST_DAY):
                events.append(
                    self.record(
                        AccreditationEvent, enterprise_id=enterprise.pk, event=kind, date=day
                    )
                )
                return True
            return False

        if rng.random() < 0.5:
            requested = start + datetime.timedelta(days=rng.randint(120, 540))
            if event(AccreditationEventKind.ESD_REQUESTED, requested):
                decided = requested + datetime.timedelta(days=rng.randint(45, 150))
                if rng.random() < 0.78:
                    if event(AccreditationEventKind.ESD_OBTAINED, decided):
                        renewal = decided + datetime.timedelta(days=2 * 365 + rng.randint(0, 60))
                        if rng.random() < 0.15:  # withdrawn before the renewal
                            event(
                                AccreditationEventKind.ESD_WITHDRAWN,
                                decided + datetime.timedelta(days=rng.randint(200, 700)),
                            )
                        else:
                            event(AccreditationEventKind.ESD_RENEWED, renewal)
                else:
                    event(AccreditationEventKind.ESD_REFUSED, decided)
            self.requests += 1
            if self.requests % 6 == 0:  # one request in six also leads to a mandate
                event(
                    AccreditationEventKind.INSERTION_MANDATE_OBTAINED,
                    requested + datetime.timedelta(days=rng.randint(200, 500)),
                )
        elif rng.random() < 0.55:
            day = start + datetime.timedelta(days=rng.randint(90, 365))
            if day <= LAST_DAY:
                reasons.append(
                    self.record(
                        NonAccreditationReason,
                        enterprise_id=enterprise.pk,
                        date=day,
                        reason=next(self.reasons),
                        note=rng.choice(
                            [
                                "",
                                "",
                                "Les porteurs jugent la démarche trop lourde.",
                                "Gouvernance encore en construction.",
                            ]
                        ),
                    )
                )
        return events, reasons

    def impact(self, project_id: int, start: datetime.date, cooperative: bool) -> list:
        rng, assessments = self.rng, []
        day = start + datetime.timedelta(days=rng.randint(200, 400))
        while day <= LAST_DAY and len(assessments) < 3:
            lean = 0.75 if cooperative else 0.55
            answers = {
                name: weighted(rng, [("yes", lean * 100), ("partial", 25), ("no", (1 - lean) * 60)])
                for name, _label, _dimension in EMES_CRITERIA
            }
            assessments.append(
                self.record(
                    ImpactAssessment,
                    project_id=project_id,
                    date=day,
                    **answers,
                    beneficiaries=rng.randint(8, 600) if rng.random() < 0.85 else None,
                    social_impact=rng.choice(SOCIAL_IMPACTS),
                    environmental_actions=rng.sample(ENVIRONMENTAL_ACTIONS, rng.randint(0, 2)),
                    diversity_actions=rng.sample(DIVERSITY_ACTIONS, rng.randint(0, 2)),
                )
            )
            day += datetime.timedelta(days=365 + rng.randint(-20, 20))
        return assessments

    # Per organisation.

    def organisation_records(self, projects: int) -> None:
        rng = self.rng
        for code, name, kind in EXTRA_PARTNERS:
            self.partners[code] = Partner.objects.create(
                organisation=self.organisation, source=SOURCE, code=code, name=name, kind=kind
            )
        interactions, day = [], FIRST_INTAKE
        while day <= LAST_DAY:
            partner = rng.choice(sorted(self.partners.values(), key=lambda p: p.code))
            interactions.append(
                self.record(
                    PartnerInteraction,
                    partner=partner,
                    date=day,
                    kind=rng.choice(list(InteractionKind)),
                    note=rng.choice(
                        [
                            "",
                            "Réunion de coordination",
                            "Orientation d'un porteur",
                            "Atelier commun",
                            "Avis sur un dossier d'agrément",
                        ]
                    ),
                )
            )
            day += datetime.timedelta(days=rng.randint(6, 16))
        PartnerInteraction.objects.bulk_create(interactions, batch_size=BATCH)
        actions = []
        for year in range(FIRST_INTAKE.year, LAST_DAY.year + 1):
            for _ in range(rng.randint(3, 7)):
                kind = rng.choice(list(ActionKind))
                date = between(
                    rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), LAST_DAY)
                )
                actions.append(
                    self.record(
                        InternalAction,
                        date=date,
                        kind=kind,
                        scope=rng.choice(list(ActionScope)),
                        description=rng.choice(INTERNAL_ACTIONS[kind]),
                    )
                )
        InternalAction.objects.bulk_create(actions)
        self.cost_lines()
        self.targets(projects)

    def cost_lines(self) -> None:
        """About €650,000 a year of regional subsidy, plus ERDF and own resources."""
        rng = self.rng
        programmes = {p.code: p for p in Programme.objects.filter(organisation=self.organisation)}
        lines = []
        for year in range(FIRST_INTAKE.year, LAST_DAY.year + 1):
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            growth = Decimal("1.015") ** (year - FIRST_INTAKE.year)

            def line(
                category,
                amount,
                source,
                programme=None,
                note="",
                start=start,
                end=end,
                growth=growth,
            ):
                lines.append(
                    self.record(
                        CostLine,
                        period_start=start,
                        period_end=end,
                        category=category,
                        programme=programmes.get(programme),
                        funding_source=source,
                        note=note,
                        amount_eur=(
                            Decimal(amount) * growth * Decimal(rng.randint(97, 103)) / 100
                        ).quantize(Decimal("1")),
                    )
                )

            line(CostCategory.STAFF, 180_000, FundingSource.REGION, "seeds")
            line(CostCategory.STAFF, 130_000, FundingSource.REGION, "blossom")
            line(CostCategory.STAFF, 75_000, FundingSource.REGION, "pollinize")
            line(CostCategory.STAFF, 45_000, FundingSource.REGION, "community")
            line(CostCategory.OPERATING, 62_000, FundingSource.REGION)
            line(CostCategory.COWORKING, 48_000, FundingSource.REGION)
            line(CostCategory.COMMUNICATION, 22_000, FundingSource.REGION)
            line(CostCategory.OVERHEAD, 38_000, FundingSource.REGION)
            line(CostCategory.STAFF, 55_000, FundingSource.ERDF, note="FEDER 2021-2027")
            line(CostCategory.OTHER, 12_000, FundingSource.OWN, note="Événements")
            line(CostCategory.OTHER, 6_000, FundingSource.OTHER, note="Mécénat")
        CostLine.objects.bulk_create(lines)

    def targets(self, projects: int) -> None:
        """Targets 2022–2026 of the funding agreement, in proportion to the demo's size."""
        per_year = projects / 8
        values = {
            "projects.accompanied": per_year * 1.9,
            "projects.new": per_year,
            "enterprises.created": per_year * 0.22,
            "jobs.created": per_year * 0.45,
            "holders.women_share": 0.5,
            "accreditation.obtained": per_year * 0.06,
            "transfers.count": per_year * 0.06,
            "accompaniment.cost_per_job_created": 650_000 / max(per_year * 0.45, 1),
        }
        # Targets are whole figures as a funding agreement writes them (a rate to the
        # percent, a cost to the euro): never the fractions of a proration.
        Target.objects.bulk_create(
            self.record(
                Target,
                indicator=indicator,
                period=str(year),
                value=half_away_from_zero(value, 2 if BY_ID[indicator].unit == RATE else 0),
                direction=default_direction(indicator),
            )
            for year in range(2022, 2027)
            for indicator, value in values.items()
        )


def populate(organisation: Organisation, projects: int, seed: int) -> None:
    generator = OutcomeGenerator(organisation, seed)
    first_enrolments = dict(
        Project.objects.filter(organisation=organisation).values_list("pk", "intake_date")
    )
    enterprises = list(
        Enterprise.objects.filter(organisation=organisation)
        .select_related("project")
        .order_by("project__ref")
    )
    # Written as they come: 100,000 projects give about 260,000 jobs.
    writers = {
        model: InstanceWriter(model)
        for model in (Job, AccreditationEvent, NonAccreditationReason, ImpactAssessment)
    }
    changed = []
    for enterprise in enterprises:
        generator.cessation(enterprise)
        committees = set()
        for job in generator.jobs(
            enterprise,
            enterprise.project.nace_code or "00000",
            first_enrolments[enterprise.project_id],
        ):
            writers[Job].write(job)
            if job.joint_committee:
                committees.add(job.joint_committee)
        events, reasons = generator.accreditation(enterprise)
        for record in events + reasons:
            writers[type(record)].write(record)
        if enterprise.creation_date and generator.rng.random() < 0.45:
            for assessment in generator.impact(
                enterprise.project_id,
                enterprise.creation_date,
                enterprise.legal_form_family == "cooperative",
            ):
                writers[ImpactAssessment].write(assessment)
        changed.append(
            (
                enterprise.pk,
                enterprise.cessation_date,
                enterprise.cessation_reason,
                sorted(committees),
            )
        )
    del enterprises
    for writer in writers.values():
        writer.flush()
    update_rows(Enterprise, ["cessation_date", "cessation_reason", "joint_committees"], changed)
    agencies = [generator.partners["trace"], generator.partners["febisp-agency"]]
    transferred = Project.objects.filter(
        organisation=organisation, status=ProjectStatus.TRANSFERRED
    ).order_by("ref")
    write_instances(
        Transfer,
        (
            generator.record(
                Transfer,
                project_id=project.pk,
                partner=generator.rng.choice(agencies),
                date=project.status_date,
                note="Projet mûr, orienté vers l'agrément ESD",
            )
            for project in transferred.only("pk", "status_date")
        ),
    )
    generator.organisation_records(projects)
