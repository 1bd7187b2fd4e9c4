"""Deterministic, realistic records of the register for a demo organisation.

The story follows the Brussels centre of the specification: four programmes over
2019–2026 — Seeds (launch) for project holders who want to create an enterprise,
Blossom (growth) for existing social enterprises and for Seeds graduates, Pollinize
(multi-actor, personal services) and Community (animation before and after). About a
third of the creation projects create an enterprise, mostly non-profit or cooperative.

Everything is drawn from one random generator seeded by the caller, in a fixed order,
so the same seed gives the same organisation. Rows are written with bulk inserts, a
chunk of projects at a time, so that 100,000 projects fit in memory and in minutes.
"""

import datetime
import random
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from sillon.accounts.models import Organisation
from sillon.codes.text import fold
from sillon.core.bulk import History, InstanceWriter, RowWriter, indexes_built_after
from sillon.register.choices import (
    ActivityKind,
    EnrolmentOutcome,
    ExpertType,
    Gender,
    ProgrammeKind,
    ProjectStatus,
    ProjectType,
    SectorType,
    Situation,
    Topic,
)
from sillon.register.models import (
    Activity,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)

SOURCE = "demo"
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# Values of activity fields a generated activity does not set.
DEFAULTS = {
    "source": "demo",
    "expert_type": "",
    "expert_name": "",
    "cost_eur": None,
    "topics": [],
    "attendees": None,
    "audience": None,
    "channel": "",
    "note": "",
    "programme": None,
}
FIRST_INTAKE = datetime.date(2019, 1, 7)
# A fixed end keeps the demo identical whatever the day it is generated.
LAST_DAY = datetime.date(2026, 11, 13)
CHUNK = 2000

PROGRAMMES = [
    ("seeds", "Seeds", "Seeds", "Seeds", ProgrammeKind.LAUNCH),
    ("blossom", "Blossom", "Blossom", "Blossom", ProgrammeKind.GROWTH),
    ("pollinize", "Pollinize", "Pollinize", "Pollinize", ProgrammeKind.MULTI_ACTOR),
    ("community", "Communauté", "Gemeenschap", "Community", ProgrammeKind.COMMUNITY),
]

# (NACE-BEL 2008 subclass, sector, themes, words for project names)
ACTIVITIES = [
    ("56101", SectorType.MARKET, ["food"], ["Cantine", "Resto", "Table"]),
    ("56290", SectorType.MARKET, ["food", "inclusion"], ["Traiteur", "Cuisine"]),
    ("10712", SectorType.MARKET, ["food"], ["Boulangerie", "Fournil"]),
    ("47291", SectorType.MARKET, ["food", "circular_economy"], ["Épicerie", "Vrac"]),
    ("47191", SectorType.MARKET, ["circular_economy"], ["Magasin", "Comptoir"]),
    ("47782", SectorType.MARKET, ["circular_economy"], ["Seconde main", "Ressourcerie"]),
    ("38321", SectorType.MARKET, ["circular_economy"], ["Récup", "Recyclerie"]),
    ("95290", SectorType.MARKET, ["circular_economy"], ["Repair", "Atelier"]),
    ("13921", SectorType.MARKET, ["circular_economy"], ["Couture", "Textile"]),
    ("81210", SectorType.MIXED, ["inclusion"], ["Nettoyage", "Propreté"]),
    ("81300", SectorType.MIXED, ["environment"], ["Jardins", "Espaces verts"]),
    ("43320", SectorType.MARKET, ["housing"], ["Menuiserie", "Rénovation"]),
    ("49410", SectorType.MARKET, ["mobility"], ["Coursiers", "Livraison vélo"]),
    ("62010", SectorType.MARKET, ["digital"], ["Code", "Numérique"]),
    ("58110", SectorType.MIXED, ["culture"], ["Éditions", "Livres"]),
    ("90011", SectorType.NON_MARKET, ["culture"], ["Compagnie", "Scène"]),
    ("93299", SectorType.NON_MARKET, ["culture", "inclusion"], ["Loisirs", "Quartier"]),
    ("85599", SectorType.NON_MARKET, ["education"], ["École", "Formation"]),
    ("88911", SectorType.NON_MARKET, ["care"], ["Crèche", "Petite enfance"]),
    ("88101", SectorType.NON_MARKET, ["care"], ["Aide à domicile", "Seniors"]),
    ("88999", SectorType.NON_MARKET, ["care", "inclusion"], ["Solidarité", "Accueil"]),
    ("87301", SectorType.NON_MARKET, ["care", "housing"], ["Habitat", "Maison"]),
    ("68201", SectorType.MIXED, ["housing"], ["Habitat groupé", "Logement"]),
    ("70220", SectorType.MARKET, ["governance"], ["Conseil", "Coop"]),
    ("35140", SectorType.MARKET, ["energy"], ["Énergie", "Soleil"]),
]
PERSONAL_SERVICES = [a for a in ACTIVITIES if a[0] in {"88911", "88101", "81210", "87301"}]
PLACES = [
    "Molenbeek",
    "Anderlecht",
    "Schaerbeek",
    "Saint-Gilles",
    "Forest",
    "Ixelles",
    "Laeken",
    "Marolles",
    "Etterbeek",
    "Jette",
    "Cureghem",
    "Matongé",
    "Flagey",
]
FIRST_NAMES = {
    Gender.FEMALE: [
        "Amina",
        "Sarah",
        "Léa",
        "Fatima",
        "Nora",
        "Julie",
        "Inès",
        "Marie",
        "Aïcha",
        "Elena",
        "Sofia",
        "Lotte",
        "Zoé",
        "Yasmina",
        "Chloé",
        "Anke",
    ],
    Gender.MALE: [
        "Mohamed",
        "Lucas",
        "Karim",
        "Thomas",
        "Youssef",
        "Pieter",
        "Samir",
        "Nicolas",
        "Mamadou",
        "Jonas",
        "Omar",
        "Louis",
        "Bram",
        "Ibrahim",
    ],
    Gender.OTHER: ["Alex", "Sacha", "Charlie", "Noa"],
    Gender.UNKNOWN: ["Camille", "Dominique", "Robin"],
}
LAST_NAMES = [
    "Janssens",
    "El Amrani",
    "Peeters",
    "Diallo",
    "Dubois",
    "Benali",
    "Maes",
    "Lambert",
    "Nowak",
    "Mertens",
    "Ouedraogo",
    "Claes",
    "Haddad",
    "Dupont",
    "Willems",
    "Kaya",
    "Rossi",
    "Goossens",
    "Mukendi",
    "Lefèvre",
    "Yilmaz",
    "De Smet",
    "Bouzid",
    "Vermeulen",
    "Popescu",
    "Jacobs",
    "Mbaye",
    "Simon",
]
LEGAL_FORMS = [("017", 45), ("706", 33), ("610", 14), ("014", 2), ("560", 2), ("026", 2), ("", 2)]
EXPERTS = {
    ExpertType.LEGAL: (["Cabinet Lex & Coop", "Avocats Solidaires"], 450, 1800),
    ExpertType.FINANCIAL: (["Fiduciaire Horizon", "Crédal Conseil"], 500, 2400),
    ExpertType.GOVERNANCE: (["Coopérer Ensemble"], 400, 1200),
    ExpertType.MARKETING: (["Studio Agora", "Com'Une"], 300, 1500),
    ExpertType.HR: (["RH Sociale"], 350, 1100),
    ExpertType.IT: (["Libre Informatique"], 300, 2000),
    ExpertType.SECTOR: (["Réseau Filières"], 250, 900),
    ExpertType.OTHER: (["Consultance diverse"], 200, 800),
}
EXPERT_TYPES = list(EXPERTS)
TOPICS = Topic.values  # computed on each access: once here
STOP_REASONS = [
    "Le porteur a retrouvé un emploi salarié.",
    "Financement non trouvé.",
    "Projet abandonné pour raisons personnelles.",
    "Marché jugé trop étroit.",
    "Désaccord entre les porteurs.",
]


@dataclass
class Setting:
    """The organisation's programmes and cohorts, by code and by date."""

    programmes: dict[str, Programme]
    cohorts: dict[str, list[Cohort]] = field(default_factory=dict)

    def cohort_on(self, code: str, day: datetime.date) -> Cohort | None:
        """The cohort of the programme running on that day, or the next one to start."""
        upcoming = [c for c in self.cohorts.get(code, []) if c.end_date >= day]
        return min(upcoming, key=lambda c: c.start_date) if upcoming else None


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def enterprise_number(sequence: int) -> str:
    """A valid, unique-looking number: eight digits then their mod-97 check."""
    base = 7_000_000 + sequence * 37 % 2_900_000  # written 07xxxxxx: a first digit of 0
    return f"{base:08d}{97 - base % 97:02d}"


def create_programmes(organisation: Organisation) -> Setting:
    programmes = {}
    for code, name_fr, name_nl, name_en, kind in PROGRAMMES:
        programmes[code] = Programme.objects.create(
            organisation=organisation,
            code=code,
            name_fr=name_fr,
            name_nl=name_nl,
            name_en=name_en,
            kind=kind,
            source=SOURCE,
        )
    setting = Setting(programmes)
    cohorts = []
    for year in range(FIRST_INTAKE.year, LAST_DAY.year + 1):
        for name, start, end in [
            (f"Seeds {year} printemps", datetime.date(year, 2, 1), datetime.date(year, 6, 30)),
            (f"Seeds {year} automne", datetime.date(year, 9, 1), datetime.date(year + 1, 1, 31)),
        ]:
            cohorts.append(
                Cohort(
                    organisation=organisation,
                    programme=programmes["seeds"],
                    name=name,
                    start_date=start,
                    end_date=end,
                    source=SOURCE,
                )
            )
        cohorts.append(
            Cohort(
                organisation=organisation,
                programme=programmes["blossom"],
                name=f"Blossom {year}",
                start_date=datetime.date(year, 3, 1),
                end_date=datetime.date(year + 1, 2, 28),
                source=SOURCE,
            )
        )
        cohorts.append(
            Cohort(
                organisation=organisation,
                programme=programmes["pollinize"],
                name=f"Pollinize {year}",
                start_date=datetime.date(year, 10, 1),
                end_date=datetime.date(year + 1, 9, 30),
                source=SOURCE,
            )
        )
    for cohort in Cohort.objects.bulk_create(cohorts):
        setting.cohorts.setdefault(cohort.programme.code, []).append(cohort)
    return setting


ACTIVITY_FIELDS = [
    "organisation",
    "source",
    "ref",
    "date",
    "kind",
    "hours",
    "programme",
    "expert_type",
    "expert_name",
    "cost_eur",
    "topics",
    "attendees",
    "audience",
    "channel",
    "note",
]


# Every activity field in order, with its default (None where each activity sets it).
ACTIVITY_ROW = {name: DEFAULTS.get(name) for name in ACTIVITY_FIELDS}


# The tables populate writes, whose indexes are built once at the end.
WRITTEN = [
    Project,
    Person,
    Enrolment,
    Enterprise,
    Activity,
    Activity.projects.through,
    Project.holders.through,
    *(model.history.model for model in (Project, Person, Enrolment, Enterprise)),
]


class Writers:
    """Row writers shared by every chunk, and the history of the demo."""

    def __init__(self):
        self.projects = InstanceWriter(Project)
        self.persons = InstanceWriter(Person)
        self.enrolments = InstanceWriter(Enrolment, parents=(self.projects,))
        self.enterprises = InstanceWriter(Enterprise, parents=(self.projects,))
        self.activities = RowWriter(Activity, [*ACTIVITY_FIELDS, "project_count"])
        self.activity_projects = RowWriter(
            Activity.projects.through,
            ["activity", "project"],
            parents=(self.activities, self.projects),
        )
        self.holders = RowWriter(
            Project.holders.through, ["project", "person"], parents=(self.projects, self.persons)
        )
        self.history = History(None, SOURCE)

    def flush_records(self) -> None:
        self.projects.flush()
        self.persons.flush()
        self.enrolments.flush()
        self.enterprises.flush()

    def flush(self) -> None:
        self.flush_records()
        self.activities.flush()
        self.activity_projects.flush()
        self.holders.flush()


@dataclass
class Chunk:
    """Records of a chunk of projects, written together; links use list positions."""

    projects: list[Project] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    holders: list[tuple[int, int]] = field(default_factory=list)  # (project, person)
    enrolments: list[tuple[int, Enrolment]] = field(default_factory=list)
    enterprises: list[tuple[int, Enterprise]] = field(default_factory=list)
    activities: list[tuple[Iterable, list[int]]] = field(default_factory=list)

    def write(self, writers: Writers) -> None:
        for project in self.projects:
            writers.projects.write(project)
        for person in self.persons:
            writers.persons.write(person)
        for project, person in self.holders:
            writers.holders.add(self.projects[project].pk, self.persons[person].pk)
        for position, enrolment in self.enrolments:
            enrolment.project_id = self.projects[position].pk
            writers.enrolments.write(enrolment)
        for position, enterprise in self.enterprises:
            enterprise.project_id = self.projects[position].pk
            writers.enterprises.write(enterprise)
        writers.flush_records()  # the history copies the rows written
        self.write_history(writers.history)
        for values, positions in self.activities:
            activity = writers.activities.add(*values, len(positions))
            for position in positions:
                writers.activity_projects.add(activity, self.projects[position].pk)

    def write_history(self, history: History) -> None:
        """A first version of each project, holder, enrolment and enterprise, dated when
        it happened, so that a demo project page tells its story from the start."""
        projects = self.projects
        history.record_each(Project, [(p.pk, at_nine(p.intake_date)) for p in projects])
        history.record_each(
            Person,
            [
                (self.persons[person].pk, at_nine(projects[project].intake_date))
                for project, person in self.holders
            ],
        )
        history.record_each(Enrolment, [(e.pk, at_nine(e.start_date)) for _, e in self.enrolments])
        history.record_each(
            Enterprise,
            [
                (e.pk, at_nine(max(e.creation_date, projects[position].intake_date)))
                for position, e in self.enterprises
            ],
        )


def at_nine(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=BRUSSELS)


class Generator:
    def __init__(self, organisation: Organisation, setting: Setting, seed: int):
        self.organisation = organisation
        self.setting = setting
        self.rng = random.Random(seed)
        self.enterprise_sequence = 0
        self.refs_per_year: dict[int, int] = {}
        self.person_sequence = 0
        self.activity_sequence = 0

    # One project and everything about it.

    def project(self, chunk: Chunk, intake: datetime.date) -> None:
        rng = self.rng
        year_count = self.refs_per_year.get(intake.year, 0) + 1
        self.refs_per_year[intake.year] = year_count
        project_type = weighted(
            rng,
            [
                (ProjectType.CREATION, 65),
                (ProjectType.DEVELOPMENT, 25),
                (ProjectType.MULTI_ACTOR, 10),
            ],
        )
        # Pollinize, the multi-actor programme, works in personal services.
        nace_code, sector, themes, words = rng.choice(
            PERSONAL_SERVICES if project_type == ProjectType.MULTI_ACTOR else ACTIVITIES
        )
        project = Project(
            organisation=self.organisation,
            source=SOURCE,
            ref=f"P-{intake.year}-{year_count:04d}",
            name=f"{rng.choice(words)} {rng.choice(PLACES)}",
            project_type=project_type,
            sector_type=sector,
            nace_version="2008",
            nace_code=nace_code if rng.random() < 0.92 else "",
            themes=sorted(
                set(
                    themes
                    + (
                        [rng.choice(["inclusion", "environment", "gender"])]
                        if rng.random() < 0.3
                        else []
                    )
                )
            ),
            intake_date=intake,
        )
        position = len(chunk.projects)
        chunk.projects.append(project)
        for _ in range(weighted(rng, [(1, 55), (2, 35), (3, 10)])):
            chunk.holders.append((position, len(chunk.persons)))
            chunk.persons.append(self.person())
        periods = self.enrolments(chunk, position, project)
        self.outcome(chunk, position, project, periods)
        self.activities(chunk, position, periods)

    def person(self) -> Person:
        rng = self.rng
        gender = weighted(
            rng, [(Gender.FEMALE, 52), (Gender.MALE, 44), (Gender.OTHER, 2), (Gender.UNKNOWN, 2)]
        )
        first, last = rng.choice(FIRST_NAMES[gender]), rng.choice(LAST_NAMES)
        self.person_sequence += 1
        return Person(
            organisation=self.organisation,
            source=SOURCE,
            ref=f"H-{self.person_sequence:06d}",
            first_name=first,
            last_name=last,
            email=(
                fold(f"{first}.{last}@example.org").replace(" ", "") if rng.random() < 0.8 else ""
            ),
            gender=gender,
            birth_year=rng.randint(1962, 2003) if rng.random() < 0.9 else None,
            situation_at_intake=weighted(
                rng,
                [
                    (Situation.JOBSEEKER, 45),
                    (Situation.EMPLOYED, 25),
                    (Situation.SELF_EMPLOYED, 12),
                    (Situation.STUDENT, 6),
                    (Situation.INACTIVE, 7),
                    (Situation.UNKNOWN, 5),
                ],
            ),
        )

    def enrol(self, chunk, position, code, start, months) -> tuple:
        """Enrol in a programme; returns (programme code, start, end or None, outcome)."""
        rng = self.rng
        cohort = self.setting.cohort_on(code, start) if code != "community" else None
        if cohort is not None:
            start = max(start, cohort.start_date)
        end = start + datetime.timedelta(days=int(months * 30.4) + rng.randint(-10, 10))
        if code == "seeds" and cohort is not None:
            end = cohort.end_date
        outcome = weighted(
            rng, [(EnrolmentOutcome.COMPLETED, 82), (EnrolmentOutcome.DROPPED_OUT, 18)]
        )
        if outcome == EnrolmentOutcome.DROPPED_OUT:
            end = between(rng, start + datetime.timedelta(days=30), end)
        if end > LAST_DAY:
            end, outcome = None, EnrolmentOutcome.ONGOING
        chunk.enrolments.append(
            (
                position,
                Enrolment(
                    organisation=self.organisation,
                    source=SOURCE,
                    programme=self.setting.programmes[code],
                    cohort=cohort,
                    start_date=start,
                    end_date=end,
                    outcome=outcome,
                ),
            )
        )
        return code, start, end, outcome

    def enrolments(self, chunk, position, project) -> list:
        rng, periods = self.rng, []
        start = project.intake_date + datetime.timedelta(days=rng.randint(3, 40))
        if start > LAST_DAY:
            return periods
        if project.project_type == ProjectType.CREATION:
            periods.append(self.enrol(chunk, position, "seeds", start, 5))
            _, _, end, outcome = periods[-1]
            if end and outcome == EnrolmentOutcome.COMPLETED and rng.random() < 0.4:
                follow = end + datetime.timedelta(days=rng.randint(20, 120))
                if follow <= LAST_DAY:
                    periods.append(self.enrol(chunk, position, "blossom", follow, 10))
        elif project.project_type == ProjectType.DEVELOPMENT:
            periods.append(self.enrol(chunk, position, "blossom", start, 10))
        else:
            periods.append(self.enrol(chunk, position, "pollinize", start, 12))
        if rng.random() < 0.15:
            periods.append(
                self.enrol(chunk, position, "community", project.intake_date, rng.randint(6, 30))
            )
        return periods

    def outcome(self, chunk, position, project, periods) -> None:
        """Status of the project and, for some, its enterprise."""
        rng = self.rng
        main = [p for p in periods if p[0] != "community"]
        if not main:
            return
        _, _, end, outcome = main[-1]
        if outcome == EnrolmentOutcome.DROPPED_OUT:
            project.status, project.status_date = ProjectStatus.STOPPED, end
            project.stop_reason = rng.choice(STOP_REASONS)
            return
        creates = project.project_type == ProjectType.CREATION and rng.random() < 0.42
        existing = project.project_type != ProjectType.CREATION
        if creates:
            seeds_end = main[0][2] or LAST_DAY
            creation = between(
                rng,
                main[0][1] + datetime.timedelta(days=60),
                seeds_end + datetime.timedelta(days=200),
            )
            if creation > LAST_DAY:
                creates = False
            else:
                self.enterprise(chunk, position, project, creation, during=True)
                project.status, project.status_date = ProjectStatus.LAUNCHED, creation
        elif existing:
            founded = between(
                rng, datetime.date(2005, 1, 1), project.intake_date - datetime.timedelta(days=200)
            )
            self.enterprise(chunk, position, project, founded, during=False)
        if end and outcome == EnrolmentOutcome.COMPLETED and rng.random() < 0.08:
            project.status, project.status_date = ProjectStatus.TRANSFERRED, end
        elif (
            not creates
            and end
            and project.project_type == ProjectType.CREATION
            and rng.random() < 0.5
        ):
            project.status, project.status_date = ProjectStatus.STOPPED, end
            project.stop_reason = rng.choice(STOP_REASONS)

    def enterprise(self, chunk, position, project, created, during: bool) -> None:
        rng = self.rng
        legal_form = weighted(rng, LEGAL_FORMS)
        self.enterprise_sequence += 1
        registered = legal_form != "" or rng.random() < 0.5
        chunk.enterprises.append(
            (
                position,
                Enterprise(
                    organisation=self.organisation,
                    source=SOURCE,
                    name=project.name,
                    enterprise_number=enterprise_number(self.enterprise_sequence)
                    if registered
                    else "",
                    legal_form=legal_form,
                    created_during_accompaniment=during,
                    creation_date=created,
                    joint_committees=[],
                    postcode=str(
                        rng.choice([1000, 1030, 1050, 1060, 1070, 1080, 1090, 1190, 1210])
                    ),
                ),
            )
        )

    # Activities: coaching during each enrolment, experts, coworking, trainings.

    def add(self, chunk, positions, **fields) -> None:
        fields["organisation"] = self.organisation.pk
        self.activity_sequence += 1
        fields["ref"] = f"A-{self.activity_sequence:07d}"
        if "programme" in fields:
            fields["programme"] = fields["programme"].pk
        # The values in the order of ACTIVITY_FIELDS: those given over the defaults.
        chunk.activities.append((({**ACTIVITY_ROW, **fields}).values(), positions))

    def activities(self, chunk, position, periods) -> None:
        rng = self.rng
        for code, start, end, _outcome in periods:
            programme = self.setting.programmes[code]
            last = min(end or LAST_DAY, LAST_DAY)
            if code == "community":
                continue
            day = start + datetime.timedelta(days=rng.randint(2, 12))
            while day <= last:
                self.add(
                    chunk,
                    [position],
                    date=day,
                    kind=ActivityKind.COACHING,
                    hours=Decimal(rng.choice(["1.00", "1.50", "1.50", "2.00", "2.50"])),
                    programme=programme,
                    topics=[rng.choice(TOPICS)] if rng.random() < 0.3 else [],
                )
                day += datetime.timedelta(days=rng.randint(14, 30))
            for _ in range(weighted(rng, [(0, 35), (1, 40), (2, 18), (3, 7)])):
                expert_type = rng.choice(EXPERT_TYPES)
                names, low, high = EXPERTS[expert_type]
                self.add(
                    chunk,
                    [position],
                    date=between(rng, start, last),
                    kind=ActivityKind.EXPERT,
                    programme=programme,
                    hours=Decimal(rng.choice(["2.00", "3.00", "4.00", "6.00"])),
                    expert_type=expert_type,
                    expert_name=rng.choice(names),
                    cost_eur=Decimal(rng.randrange(low, high, 25)),
                    topics=[Topic.LEGAL] if expert_type == ExpertType.LEGAL else [],
                )
        if periods and rng.random() < 0.3:
            code, start, end, _ = periods[0]
            for _ in range(rng.randint(5, 40)):
                day = between(rng, start, min(end or LAST_DAY, LAST_DAY))
                self.add(
                    chunk, [position], date=day, kind=ActivityKind.COWORKING, hours=Decimal("8.00")
                )

    def trainings(self, chunk: Chunk) -> None:
        """Collective trainings: groups of up to 15 projects of a chunk in the same cohort."""
        groups: dict[int, list[int]] = {}
        cohorts: dict[int, Cohort] = {}
        for position, enrolment in chunk.enrolments:
            if enrolment.cohort is not None and enrolment.programme.code in ("seeds", "blossom"):
                groups.setdefault(enrolment.cohort.pk, []).append(position)
                cohorts[enrolment.cohort.pk] = enrolment.cohort
        topics = [
            Topic.DEMOCRATIC_GOVERNANCE,
            Topic.SOCIAL_CONCERTATION,
            Topic.FINANCE,
            Topic.LEGAL,
            Topic.ACCREDITATION,
            Topic.DIVERSITY,
            Topic.ENVIRONMENT,
        ]
        for cohort_pk, positions in groups.items():
            cohort = cohorts[cohort_pk]
            for index in range(0, len(positions), 15):
                group = positions[index : index + 15]
                for session in range(6):
                    day = cohort.start_date + datetime.timedelta(days=14 + session * 18)
                    if day > LAST_DAY:
                        break
                    self.add(
                        chunk,
                        group,
                        date=day,
                        kind=ActivityKind.TRAINING,
                        hours=Decimal("3.00"),
                        programme=cohort.programme,
                        topics=[topics[session % len(topics)]],
                    )

    def events(self, chunk: Chunk) -> None:
        """Community events, twice a month, without projects."""
        rng = self.rng
        day = FIRST_INTAKE
        while day <= LAST_DAY:
            self.add(
                chunk,
                [],
                date=day,
                kind=ActivityKind.EVENT,
                hours=Decimal(rng.choice(["2.00", "3.00", "4.00"])),
                programme=self.setting.programmes["community"],
                attendees=rng.randint(12, 90),
                topics=[
                    rng.choice(
                        [
                            Topic.DEMOCRATIC_GOVERNANCE,
                            Topic.ENVIRONMENT,
                            Topic.DIVERSITY,
                            Topic.OTHER,
                        ]
                    )
                ],
                note=rng.choice(
                    [
                        "Apéro des entrepreneur·es",
                        "Atelier partage d'expériences",
                        "Midi de la coopération",
                        "Soirée réseau",
                    ]
                ),
            )
            day += datetime.timedelta(days=rng.randint(12, 18))


def populate(
    organisation: Organisation,
    projects: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Fill the (empty) organisation with `projects` projects and their story."""
    setting = create_programmes(organisation)
    generator = Generator(organisation, setting, seed)
    span = (LAST_DAY - FIRST_INTAKE).days
    # Intake dates sorted, so that references run in order within a year.
    intakes = sorted(
        FIRST_INTAKE + datetime.timedelta(days=generator.rng.randint(0, span))
        for _ in range(projects)
    )
    writers = Writers()
    # In a transaction of its own too: the indexes are dropped while it writes.
    with transaction.atomic(), indexes_built_after(*WRITTEN):
        for first in range(0, projects, CHUNK):
            chunk = Chunk()
            for intake in intakes[first : first + CHUNK]:
                generator.project(chunk, intake)
            generator.trainings(chunk)
            chunk.write(writers)
            if progress:
                progress(min(first + CHUNK, projects))
        events = Chunk()
        generator.events(events)
        events.write(writers)
        writers.flush()
