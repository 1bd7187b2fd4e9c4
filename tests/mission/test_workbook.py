"""An independent hand-made organisation with outreach, missions and stakes, imported
from a workbook: its figures equal the ones computed by hand (docs/spec/mission.md)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from sillon.accounts.models import Organisation
from sillon.indicators.mission import mission
from sillon.mission.models import ActivityMission, CostLineMission, Mission, Stake
from sillon.register.models import Activity
from sillon.workbook.actions import import_workbook
from sillon.workbook.export import export_organisation
from tests.indicators.test_accompaniment import scope
from tests.workbook.helpers import xlsx

D = datetime.date

PROJECTS = [
    ["project_ref", "name", "project_type", "sector_type", "intake_date"],
    ["P-1", "Épicerie", "creation", "market", "2024-01-15"],
    ["P-2", "Atelier", "creation", "market", "2024-02-15"],
]
ENTERPRISES = [
    ["project_ref", "name", "creation_date"],
    ["P-1", "Épicerie SC", "2024-06-01"],
    ["P-2", "Atelier ASBL", "2024-07-01"],
]
MISSIONS = [
    ["code", "title_fr", "title_nl", "title_en", "article", "also_covered_by"],
    ["programmes", "Programmes", "Programma's", "Programmes", "3.1.1", ""],
    [
        "representation",
        "Représentation",
        "Vertegenwoordiging",
        "Representation",
        "3.1.11",
        "bruxeo",
    ],
    ["communication", "Communication", "Communicatie", "Communication", "3.1.10", ""],
]
ACTIVITIES = [
    [
        "activity_ref",
        "date",
        "kind",
        "hours",
        "project_refs",
        "audience",
        "channel",
        "partners",
        "mission",
    ],
    ["A-1", "2025-02-03", "representation", "3", "", "", "meeting", "bruxeo;febisp", ""],
    ["A-2", "2025-03-10", "communication", "1,5", "", "250", "online", "", ""],
    ["A-3", "2025-03-31", "prospection", "2", "", "30", "event", "", "communication"],
    ["A-4", "2025-04-02", "coaching", "2", "P-1", "", "", "", "programmes"],
    ["A-5", "2025-07-01", "representation", "4", "", "", "meeting", "", "representation"],
    ["A-6", "2024-12-31", "communication", "9", "", "1000", "print", "", ""],
]
COSTS = [
    ["period_start", "period_end", "category", "amount_eur", "funding_source", "mission"],
    ["2025-01-01", "2025-12-31", "staff", "36500", "region", "representation"],
    ["2025-01-01", "2025-06-30", "operating", "1810", "region", ""],
]
STAKES = [
    [
        "project_ref",
        "acquired_date",
        "kind",
        "amount_eur",
        "capital_share",
        "ended_date",
        "decision_ref",
        "note",
    ],
    ["P-1", "2024-09-01", "shares", "5000", "0,1", "", "CA 2024-08", ""],
    ["P-2", "2025-01-15", "subordinated_loan", "10000", "", "2025-06-30", "CA 2025-01", ""],
    ["P-2", "2025-03-01", "board_seat", "", "", "", "CA 2025-02", ""],
]


def book(**changes):
    sheets = {
        "projects": PROJECTS,
        "enterprises": ENTERPRISES,
        "missions": MISSIONS,
        "activities": ACTIVITIES,
        "costs": COSTS,
        "stakes": STAKES,
    }
    return xlsx(sheets | changes)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_hand_made_organisation_imports_and_its_figures_match(db):
    org = Organisation.objects.create(slug="centre-x", name="Centre X")
    result = import_workbook(org, book(), "mission.xlsx")
    assert result.problems == []
    assert Mission.objects.filter(organisation=org).count() == 3
    covered = Mission.objects.get(organisation=org, code="representation")
    assert [p.code for p in covered.also_covered_by.all()] == ["bruxeo"]
    link = ActivityMission.objects.get(activity__ref="A-1")
    assert sorted(p.code for p in link.partners.all()) == ["bruxeo", "febisp"]
    assert CostLineMission.objects.get().mission == covered

    # P = 2025-S1 (2025-01-01..2025-06-30, 181 days). By hand:
    # outreach in P: A-1 representation 3 h, A-2 communication 1.5 h audience 250,
    # A-3 prospection 2 h audience 30 (A-5 is in July, A-6 in 2024) → 3 activities,
    # 6.5 h, 280 people.
    # missions (no defaults): A-1 none 3, A-2 none 1.5, A-3 communication 2,
    # A-4 programmes 2 → 8.5 h; representation has no hours in S1 → share 0 / 8.5.
    # cost: staff 36500 over 365 days, 181 in P → 18100 to representation;
    # operating 1810 all in P → none. Total 19910; also covered 18100 / 19910.
    # stakes at 2025-06-30: P-1 shares 5000 (held), P-2 loan ends on 2025-06-30 (the last
    # day held, so active) 10000, P-2 board seat → 3 stakes, 15000 EUR.
    values = mission(scope(org, "2025-S1"))
    assert values["outreach.activities"].value == 3
    assert values["outreach.hours"].value == Decimal("6.5")
    assert values["outreach.audience"].value == 280
    assert values["missions.hours"].value == Decimal("8.5")
    assert values["missions.hours"].breakdowns["mission"] == {
        "none": Decimal("4.5"),
        "communication": 2,
        "programmes": 2,
    }
    assert values["missions.also_covered_hours_share"].value == 0
    assert values["missions.cost"].value == Decimal("19910")
    assert values["missions.cost"].breakdowns["mission"] == {
        "representation": Decimal("18100"),
        "none": Decimal("1810"),
    }
    share = values["missions.also_covered_cost_share"]
    assert (share.numerator, share.denominator) == (Decimal("18100"), Decimal("19910"))
    assert values["stakes.active_end"].value == 3
    assert values["stakes.active_end_amount"].value == Decimal("15000")
    # 2025-S2: A-5 representation 4 h, its own mission, covered → 4 / 4; the loan ended.
    values = mission(scope(org, "2025-S2"))
    assert values["missions.also_covered_hours_share"].value == 1
    assert values["stakes.active_end"].value == 2


def test_export_then_import_changes_nothing(db):
    org = Organisation.objects.create(slug="centre-y", name="Centre Y")
    assert import_workbook(org, book(), "mission.xlsx").problems == []
    exported = io.BytesIO()
    export_organisation(org, exported, personal=True)
    again = import_workbook(org, exported.getvalue(), "export.xlsx")
    assert again.problems == []
    for sheet in ("missions", "activities", "costs", "stakes"):
        assert again.counts[sheet]["created"] == 0, sheet
        assert again.counts[sheet]["updated"] == 0, sheet


def problems(org, **changes):
    result = import_workbook(org, book(**changes), "bad.xlsx")
    return {(p.sheet, p.row, p.column) for p in result.problems}


def test_bad_rows_are_located_and_nothing_is_written(db, org_a, org_b):
    activities = [
        ACTIVITIES[0],
        ["B-1", "2025-02-03", "prospection", "1", "P-1", "", "event", "", ""],
        ["B-2", "2025-02-03", "prospection", "1", "", "", "event", "nobody", ""],
        ["B-3", "2025-02-03", "prospection", "1", "", "", "event", "", "unknown"],
    ]
    stakes = [
        STAKES[0],
        ["P-1", "2024-09-01", "shares", "-5", "", "", "", ""],
        ["P-2", "2024-09-01", "shares", "", "1,5", "", "", ""],
        ["P-9", "2024-09-01", "shares", "", "", "", "", ""],
    ]
    found = problems(org_a, activities=activities, stakes=stakes)
    assert {
        ("activities", 2, "project_refs"),
        ("activities", 3, "partners"),
        ("activities", 4, "mission"),
        ("stakes", 2, "amount_eur"),
        ("stakes", 3, "capital_share"),
        ("stakes", 4, "project_ref"),
    } <= found
    assert not Activity.objects.filter(organisation=org_a).exists()
    assert not Stake.objects.exists()
