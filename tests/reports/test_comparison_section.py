"""The annual report's "Comparison with similar structures" (docs/spec/comparison.md):
the peers' statistics replace the "no benchmark data" sentence when peers exist; the
baselines are printed with their source; in French, Dutch and English."""

import json

import pytest
from django.utils import translation

from sillon.catalogue.indicators import BY_ID, CATALOGUE_VERSION
from sillon.catalogue.periods import parse_period
from sillon.comparison import statements
from sillon.reports.document import build

pytestmark = pytest.mark.django_db

NUMBERS = ["0123456749", "0202239951", "0403170701"]


def publish(number: str, cost: float) -> None:
    statements.store(
        json.dumps(
            {
                "format": "sillon-statement/1",
                "organisation": {"name": f"Structure {number}", "enterprise_number": number},
                "period": {"id": "2025", "start": "2025-01-01", "end": "2025-12-31"},
                "as_of": "2025-12-31",
                "definitions": CATALOGUE_VERSION,
                "produced_at": "2026-02-01T10:00:00+01:00",
                "indicators": [
                    {"id": "accompaniment.cost_per_job_created", "unit": "EUR", "value": cost}
                ],
            }
        ).encode()
    )


def section(document):
    return next(s for s in document.sections if s.key == "comparison")


def texts(block) -> str:
    return " ".join(block.paragraphs)


def test_without_peers_the_sentence_stays_and_the_baselines_are_printed(hand_made):
    document = build(hand_made, parse_period("2025"), "annual", "en")
    blocks = section(document).blocks
    assert "No benchmark data" in texts(blocks[-1])
    baselines = next(b for b in blocks if getattr(b, "title", "") == "Published baselines")
    cost = next(r for r in baselines.rows if r.label == "Cost per job created")
    assert cost.cells[1].value == 8066 and "EBN" in cost.cells[2].text


@pytest.mark.parametrize(
    ("language", "title", "median"),
    [("en", "Peers", "Median"), ("fr", "Pairs", "Médiane"), ("nl", "Gelijken", "Mediaan")],
)
def test_a_sharing_organisation_with_peers_gets_their_statistics(
    hand_made, language, title, median
):
    for number, cost in zip(NUMBERS, [100.0, 300.0, 800.0], strict=True):
        publish(number, cost)
    hand_made.shares_with_peers = True
    hand_made.save()
    document = build(hand_made, parse_period("2025"), "annual", language)
    blocks = section(document).blocks
    peers = next(b for b in blocks if getattr(b, "title", "") == title)
    assert peers.head[5] == median
    with translation.override(language):
        label = str(BY_ID["accompaniment.cost_per_job_created"].label)
    row = next(r for r in peers.rows if r.label == label)
    # Us 250 € (the hand-made figures); peers 100, 300, 800: median 300, rank 3 of 4.
    assert [c.value for c in row.cells[:3]] == [250, 3, 100.0]
    assert row.cells[4].value == 300.0  # the median; q3 = 300 + (800 - 300) / 2
    assert row.cells[7].value == "3 / 4"
    assert "No benchmark data" not in " ".join(texts(b) for b in blocks if hasattr(b, "paragraphs"))
