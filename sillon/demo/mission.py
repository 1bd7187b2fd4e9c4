"""The demo's part of the centre's whole mission (docs/spec/mission.md): the missions of
a funding agreement with their default per activity kind, a quarter's worth of outreach
each quarter, the cost lines assigned, a few stakes and declarations of interest."""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from sillon.accounts.models import Organisation
from sillon.demo.register import FIRST_INTAKE, LAST_DAY, SOURCE
from sillon.mission.models import (
    ActivityMission,
    CostLineMission,
    InterestDeclaration,
    Mission,
    MissionDefault,
    Stake,
)
from sillon.outcomes.choices import CostCategory
from sillon.outcomes.models import CostLine, Partner
from sillon.register.models import Activity, Enterprise

# (code, FR, NL, EN, article, partners also covering it, activity kinds by default)
MISSIONS = [
    (
        "programmes",
        "Programmes d’accompagnement",
        "Begeleidingsprogramma's",
        "Accompaniment programmes",
        "3.1.1",
        [],
        ["coaching", "training", "expert"],
    ),
    (
        "coworking",
        "Espace de coworking",
        "Coworkingruimte",
        "Coworking space",
        "3.1.5",
        [],
        ["coworking"],
    ),
    (
        "prospection",
        "Prospection",
        "Prospectie",
        "Prospection",
        "3.1.8",
        ["trace"],
        ["prospection"],
    ),
    (
        "communication",
        "Communication",
        "Communicatie",
        "Communication",
        "3.1.10",
        [],
        ["communication", "event"],
    ),
    (
        "representation",
        "Représentation du secteur",
        "Vertegenwoordiging van de sector",
        "Representation of the sector",
        "3.1.11",
        ["bruxeo", "febisp"],
        ["representation"],
    ),
    (
        "dissemination",
        "Essaimage",
        "Verspreiding",
        "Dissemination",
        "3.1.12",
        [],
        ["dissemination"],
    ),
    (
        "administration",
        "Fonctionnement de l’association",
        "Werking van de vereniging",
        "Running of the association",
        "3.2",
        [],
        [],
    ),
]
# Cost-line categories → mission (staff lines go to the programmes).
COST_MISSIONS = {
    CostCategory.STAFF: "programmes",
    CostCategory.COWORKING: "coworking",
    CostCategory.COMMUNICATION: "communication",
    CostCategory.OPERATING: "administration",
    CostCategory.OVERHEAD: "administration",
}
OUTREACH = [
    # kind, channel, hours range, audience range, notes
    (
        "prospection",
        "event",
        (2, 4),
        (10, 60),
        ["Séance d’information", "Stand au salon de l’emploi"],
    ),
    ("communication", "online", (1, 3), (200, 2500), ["Newsletter", "Article sur le site"]),
    (
        "representation",
        "meeting",
        (2, 3),
        None,
        ["Comité de concertation", "Groupe de travail régional"],
    ),
    (
        "dissemination",
        "meeting",
        (3, 6),
        (5, 25),
        ["Transfert de méthode à une structure partenaire"],
    ),
]


@transaction.atomic
def populate(organisation: Organisation, seed: int) -> None:
    rng = random.Random(seed * 104729 + 3)
    partners = {p.code: p for p in Partner.objects.filter(organisation=organisation)}
    missions = {}
    for code, fr, nl, en, article, covering, kinds in MISSIONS:
        mission = Mission.objects.create(
            organisation=organisation,
            source=SOURCE,
            code=code,
            title_fr=fr,
            title_nl=nl,
            title_en=en,
            article=article,
        )
        mission.also_covered_by.set([partners[c] for c in covering if c in partners])
        missions[code] = mission
        MissionDefault.objects.bulk_create(
            MissionDefault(
                organisation=organisation, source=SOURCE, activity_kind=k, mission=mission
            )
            for k in kinds
        )
    CostLineMission.objects.bulk_create(
        CostLineMission(
            organisation=organisation,
            source=SOURCE,
            cost_line_id=pk,
            mission=missions[COST_MISSIONS[category]],
        )
        for pk, category in CostLine.objects.filter(organisation=organisation).values_list(
            "pk", "category"
        )
        if category in COST_MISSIONS
    )
    # Outreach: a few of each kind every quarter.
    day = FIRST_INTAKE
    activities, partner_sets = [], []
    while day <= LAST_DAY:
        for kind, channel, (low, high), audience, notes in OUTREACH:
            for _ in range(rng.randint(1, 3)):
                date = day + datetime.timedelta(days=rng.randint(0, 89))
                if date > LAST_DAY:
                    continue
                activities.append(
                    Activity(
                        organisation=organisation,
                        source=SOURCE,
                        ref=f"O-{len(activities) + 1:06d}",
                        date=date,
                        kind=kind,
                        hours=Decimal(rng.randint(low, high)),
                        audience=rng.randint(*audience) if audience else None,
                        channel=channel,
                        note=rng.choice(notes),
                    )
                )
                partner_sets.append(
                    rng.sample(sorted(partners), k=rng.randint(1, 2))
                    if kind == "representation" and partners
                    else []
                )
        day += datetime.timedelta(days=91)
    Activity.objects.bulk_create(activities, batch_size=2000)
    for activity, codes in zip(activities, partner_sets, strict=True):
        if codes:
            link = ActivityMission.objects.create(
                organisation=organisation, source=SOURCE, activity=activity
            )
            link.partners.set([partners[c] for c in codes])
    # Stakes in a few enterprises, and a declaration for some of them.
    enterprises = list(
        Enterprise.objects.filter(organisation=organisation, creation_date__isnull=False)
        .select_related("project")
        .order_by("pk")[:400]
    )
    for enterprise in rng.sample(enterprises, k=min(6, len(enterprises))):
        acquired = enterprise.creation_date + datetime.timedelta(days=rng.randint(30, 400))
        if acquired > LAST_DAY:
            continue
        Stake.objects.create(
            organisation=organisation,
            source=SOURCE,
            enterprise=enterprise,
            acquired_date=acquired,
            kind=rng.choice(["shares", "subordinated_loan", "board_seat"]),
            amount_eur=Decimal(rng.choice([2500, 5000, 10000])),
            capital_share=Decimal(rng.choice(["0.05", "0.10", "0.15"])),
            decision_ref=f"CA {acquired:%Y-%m}",
        )
        if rng.random() < 0.5:
            InterestDeclaration.objects.create(
                organisation=organisation,
                source=SOURCE,
                declarant="Administrateur·rice",
                project=enterprise.project,
                date=acquired,
                nature="mandate",
                measures="Ne prend pas part aux décisions concernant cette entreprise.",
            )
