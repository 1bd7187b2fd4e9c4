"""comparison.survival (docs/spec/comparison.md §4) on a small hand-made organisation:
the enterprises created beside those of rejected and withdrawn applicants, as the
official register's entries give their creation and cessation, counted by hand."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from sillon.catalogue.periods import parse_period
from sillon.demo.register import enterprise_number
from sillon.indicators.engine import compute
from sillon.kbo.models import RegisterEntry, SyncRun
from sillon.register.models import Application, Programme
from sillon.reports.document import build
from tests.register import factories as make

pytestmark = pytest.mark.django_db
D = datetime.date
N = {k: enterprise_number(900 + k) for k in range(1, 11)}


def run() -> SyncRun:
    now = timezone.now()
    return SyncRun.objects.create(
        kind="full",
        extract_number=150,
        snapshot_date=D(2026, 1, 1),
        file_name="KboOpenData_0150_2026_01_Full.zip",
        checksum="0" * 64,
        started_at=now,
        finished_at=now,
        read_seconds=1.0,
        write_seconds=1.0,
    )


def entry(sync, number, start, stopped=None):
    RegisterEntry.objects.create(
        enterprise_number=number,
        active=stopped is None,
        start_date=start,
        stopped_since=stopped,
        sync_run=sync,
        extract_number=sync.extract_number,
        snapshot_date=sync.snapshot_date,
    )


def apply(organisation, programme, ref, day, decision, number):
    Application.objects.create(
        organisation=organisation,
        ref=ref,
        date=day,
        programme=programme,
        name=f"Candidature {ref}",
        decision=decision,
        enterprise_number=number,
    )


@pytest.fixture
def hand_made(org_a, org_b):
    programme = make.programme(org_a)
    created = [
        # (creation, cessation, number): E1 to E4 are the enterprises created.
        (D(2021, 3, 1), None, N[10]),
        (D(2022, 6, 1), D(2023, 12, 31), ""),
        (D(2024, 2, 1), None, ""),
        (D(2025, 10, 1), None, ""),
    ]
    for index, (creation, cessation, number) in enumerate(created, start=1):
        project = make.project(org_a, f"P-{index}", intake_date=D(2020, 1, 1))
        make.enrolment(project, programme, start_date=D(2020, 1, 6))
        make.enterprise(
            project,
            creation_date=creation,
            cessation_date=cessation,
            enterprise_number=number,
            created_during_accompaniment=True,
        )
    existed = make.project(org_a, "P-9", intake_date=D(2020, 1, 1))
    make.enrolment(existed, programme, start_date=D(2020, 1, 6))
    make.enterprise(existed, creation_date=D(2020, 1, 1), created_during_accompaniment=False)

    sync = run()
    apply(org_a, programme, "C-1", D(2021, 1, 10), "rejected", N[1])
    apply(org_a, programme, "C-1b", D(2021, 2, 1), "rejected", N[1])  # applied twice
    entry(sync, N[1], D(2021, 5, 1))
    apply(org_a, programme, "C-2", D(2022, 1, 10), "withdrawn", N[2])
    entry(sync, N[2], D(2022, 3, 1), stopped=D(2023, 1, 1))
    apply(org_a, programme, "C-3", D(2023, 5, 1), "rejected", N[3])
    entry(sync, N[3], D(2023, 9, 1), stopped=D(2025, 10, 1))
    # Left out: created before applying, accepted, waiting, created after A, another
    # organisation's applicant, no application, and an enterprise accompanied here.
    apply(org_a, programme, "C-4", D(2024, 3, 1), "rejected", N[4])
    entry(sync, N[4], D(2024, 1, 15))
    apply(org_a, programme, "C-5", D(2021, 1, 1), "accepted", N[5])
    entry(sync, N[5], D(2021, 6, 1))
    apply(org_a, programme, "C-6", D(2021, 1, 1), "waiting", N[6])
    entry(sync, N[6], D(2021, 6, 1))
    apply(org_a, programme, "C-7", D(2025, 11, 1), "rejected", N[7])
    entry(sync, N[7], D(2026, 3, 1))
    apply(org_b, make.programme(org_b), "C-8", D(2021, 1, 1), "rejected", N[8])
    entry(sync, N[8], D(2021, 6, 1))
    entry(sync, N[9], D(2021, 6, 1))
    apply(org_a, programme, "C-10", D(2020, 12, 1), "rejected", N[10])
    entry(sync, N[10], D(2021, 3, 1))
    return org_a


def table(organisation, period="2025"):
    found = compute(organisation, parse_period(period))
    return next(r.value.rows for r in found if r.indicator.id == "comparison.survival")


def test_both_groups_counted_by_hand(hand_made):
    accompanied, not_accompanied = table(hand_made)
    # E1..E4 created on or before A (31 December 2025); E2 ceased before its 2nd year;
    # E3 has reached its 1st anniversary only, E4 none.
    assert accompanied == {
        "group": "accompanied",
        "n": 4,
        "rate_1y": 3 / 3,
        "rate_2y": 1 / 2,
        "rate_3y": 1 / 2,
    }
    # N1 alive; N2 stopped before its 1st anniversary; N3 stopped after its 2nd.
    assert not_accompanied == {
        "group": "not_accompanied",
        "n": 3,
        "rate_1y": 2 / 3,
        "rate_2y": 2 / 3,
        "rate_3y": 1 / 2,
    }


def test_the_accompanied_rates_are_the_survival_rates(hand_made):
    found = {r.indicator.id: r.value for r in compute(hand_made, parse_period("2025"))}
    accompanied = found["comparison.survival"].rows[0]
    for years in (1, 2, 3):
        assert accompanied[f"rate_{years}y"] == found[f"enterprises.survival_rate_{years}y"].value


def test_an_earlier_as_of_date_sees_fewer_anniversaries(hand_made):
    _accompanied, not_accompanied = table(hand_made, "2023")
    # On 31 December 2023: N1 (1y, 2y reached), N2 (1y reached, stopped), N3 none.
    assert not_accompanied == {
        "group": "not_accompanied",
        "n": 3,
        "rate_1y": 1 / 2,
        "rate_2y": 1 / 1,
        "rate_3y": None,
    }


def test_the_report_gives_only_the_sizes_below_five(hand_made):
    document = build(hand_made, parse_period("2025"), "annual", "en")
    section = next(s for s in document.sections if s.key == "comparison")
    survival = next(
        b for b in section.blocks if getattr(b, "title", "").startswith("Survival of accompanied")
    )
    assert survival.head == ["Group", "Enterprises"]
    assert [[c.value for c in row.cells] for row in survival.rows] == [[4], [3]]
    assert "Fewer than 5" in survival.note
    caveats = " ".join(p for b in section.blocks if b.kind == "text" for p in b.paragraphs)
    assert "not randomised" in caveats


def test_the_report_gives_the_rates_from_five_in_each_group(hand_made):
    programme = Programme.objects.get(organisation=hand_made, code="seeds")
    sync = SyncRun.objects.get()
    for k, year in [(11, 2020), (12, 2020)]:
        number = enterprise_number(900 + k)
        apply(hand_made, programme, f"C-{k}", D(year, 1, 2), "rejected", number)
        entry(sync, number, D(year, 2, 1))
    project = make.project(hand_made, "P-5", intake_date=D(2020, 1, 1))
    make.enrolment(project, programme, start_date=D(2020, 1, 6))
    make.enterprise(project, creation_date=D(2020, 5, 1), created_during_accompaniment=True)
    document = build(hand_made, parse_period("2025"), "annual", "fr")
    section = next(s for s in document.sections if s.key == "comparison")
    survival = next(b for b in section.blocks if getattr(b, "head", [None])[0] == "Groupe")
    assert len(survival.head) == 5
    # Accompanied: E1, E2, E3 and P-5 alive a year on; E2 ceased before its 2nd year.
    # Not accompanied: N2 stopped in its first year, N3 before its 3rd is reached.
    assert [c.value for c in survival.rows[0].cells] == [5, 4 / 4, 2 / 3, 2 / 3]
    assert [c.value for c in survival.rows[1].cells] == [5, 4 / 5, 4 / 5, 3 / 4]
    assert not survival.note


def test_the_command_line_json_has_the_table(hand_made):
    out = io.StringIO()
    call_command(
        "indicators",
        "--organisation",
        hand_made.slug,
        "--period",
        "2025",
        "--lang",
        "en",
        stdout=out,
    )
    item = next(
        i for i in json.loads(out.getvalue())["indicators"] if i["id"] == "comparison.survival"
    )
    assert item["unit"] == "table"
    assert [(row["group"], row["n"]) for row in item["rows"]] == [
        ("accompanied", 4),
        ("not_accompanied", 3),
    ]
    assert item["rows"][1]["rate_3y"] == 0.5
