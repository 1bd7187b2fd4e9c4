"""The annual report's mission section and the definitions register in every report."""

import datetime
from decimal import Decimal

from sillon.catalogue.periods import parse_period
from sillon.mission.models import DefinitionVersion, InterestDeclaration, Mission, Stake
from sillon.outcomes.models import CostLine, Partner
from sillon.reports.document import build
from sillon.reports.render import to_html
from tests.register.factories import activity, enterprise, project

D = datetime.date


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def block(section_, title):
    return next(b for b in section_.blocks if getattr(b, "title", "") == title)


def test_annual_report_names_partners_covering_missions_and_lists_stakes(org_a):
    bruxeo = Partner.objects.get(organisation=org_a, code="bruxeo")
    representation = Mission.objects.create(
        organisation=org_a,
        code="representation",
        title_fr="Représentation",
        title_nl="Vertegenwoordiging",
        title_en="Representation",
        article="3.1.11",
    )
    representation.also_covered_by.set([bruxeo])
    link = activity(org_a, kind="representation", date=D(2025, 5, 5), hours=3, channel="meeting")
    from sillon.mission.models import ActivityMission

    ActivityMission.objects.create(organisation=org_a, activity=link, mission=representation)
    CostLine.objects.create(
        organisation=org_a,
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        amount_eur=Decimal("1000"),
        category="staff",
        funding_source="region",
    )
    shop = enterprise(project(org_a, "P-1"), name="Épicerie SC")
    Stake.objects.create(
        organisation=org_a,
        enterprise=shop,
        acquired_date=D(2024, 3, 1),
        kind="shares",
        amount_eur=Decimal("5000"),
    )
    InterestDeclaration.objects.create(
        organisation=org_a,
        declarant="Board member",
        project=shop.project,
        date=D(2025, 2, 1),
        nature="family",
        measures="SECRET MEASURES TEXT",
    )
    document = build(org_a, parse_period("2025"), "annual", "en")
    mission = section(document, "mission")
    table = block(mission, "Hours and cost per mission of the funding agreement")
    row = next(r for r in table.rows if r.label == "Representation (3.1.11)")
    assert [c.value for c in row.cells] == [3, 0, "BRUXEO"]
    none = next(r for r in table.rows if r.label == "No mission")
    assert none.cells[1].value == Decimal("1000")
    stakes = block(mission, "Stakes held at the end of the period, by enterprise")
    assert [(r.label, r.cells[0].value, r.cells[1].value) for r in stakes.rows] == [
        ("Épicerie SC", "Shares", Decimal("5000"))
    ]
    synergies = block(section(document, "partners"), "Synergies with the partners")
    bruxeo_row = next(r for r in synergies.rows if r.label == "BRUXEO")
    assert bruxeo_row.cells[4].value == "Representation"
    html = to_html(document)
    assert "Declarations of interest recorded by the end of the period: 1." in html
    assert "SECRET MEASURES TEXT" not in html and "Board member" not in html
    # The shipped definitions are drafts: the cover says so and the annex lists them.
    assert document.definitions_not_agreed
    assert "is not agreed yet" in html
    annex = section(document, "annex")
    register = block(annex, "Definitions register: versions in force at the end of the period")
    labels = {r.label: r.cells[1].value for r in register.rows}
    assert labels["Social and democratic enterprise (ESD)"] == "Draft"
    assert labels["Hours per mission"] == "Draft"


def test_once_every_definition_is_agreed_the_cover_says_nothing(org_a):
    build(org_a, parse_period("2025"), "semester", "fr")  # seeds the shipped versions
    DefinitionVersion.objects.filter(organisation=org_a).update(
        status="agreed", agreed_date=D(2025, 3, 1), agreed_by="Brupartners"
    )
    document = build(org_a, parse_period("2025-S1"), "semester", "nl")
    assert not document.definitions_not_agreed
    annex = section(document, "annex")
    register = next(b for b in annex.blocks if getattr(b, "head", [""])[0] == "Definitie")
    assert all(r.cells[1].value == "Goedgekeurd" for r in register.rows)
