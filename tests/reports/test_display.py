"""One display rule (docs/spec/indicators.md, "Display"): half away from zero, once, and
the same figure reads identically in the dashboard, the HTML, the PDF and the XLSX."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from sillon.catalogue import display
from sillon.catalogue.periods import parse_period
from sillon.outcomes.models import Enterprise, Target
from sillon.reports.document import build
from sillon.reports.render import to_html, to_pdf
from sillon.reports.xlsx import to_xlsx
from tests.outcomes import factories as outcome


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (Decimal("0.125"), 2, "0.13"),
        (0.665, 2, "0.67"),  # read as the text people see, not the binary 0.66499…
        (66.65, 1, "66.7"),  # banker's rounding would give 66.6
        (-0.004, 2, "0.00"),  # no "−0.00"
    ],
)
def test_rounding_is_half_away_from_zero(value, places, expected):
    assert str(display.half_away_from_zero(value, places)) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (2 / 3, "rate", "66.7\u00a0%"),
        (0.0065, "rate", "0.7\u00a0%"),  # a PDF once showed 0.6 % here
        (0.6666, "rate", "66.7\u00a0%"),  # and 66.6 % here (truncated)
        (Decimal("12932.995"), "EUR", "€\u00a012,933.00"),
        (Decimal("3.0000"), "count", "3"),
        (1.005, "FTE", "1.01"),
        (1234.5, "hours", "1,234.50"),
        (None, "count", "—"),
    ],
)
def test_figures_read_in_english(value, unit, expected):
    with translation.override("en"):
        assert display.figure(value, unit) == expected


def test_french_writes_its_own_decimal_comma_and_the_euro_after():
    with translation.override("fr"):
        assert display.figure(Decimal("1125.5"), "EUR").endswith("125,50\u00a0€")
        assert display.figure(2 / 3, "rate") == "66,7\u00a0%"


@pytest.fixture
def awkward(hand_made):
    """The hand-made 2025 plus a job of 25 hours a week: 1 + 0.5 + 25/38 = 2.1578… FTE
    created, shown 2.16; a target of 3 projects for 2 accompanied: 66.66… % reached,
    shown 66.7 %."""
    bakery = Enterprise.objects.get(organisation=hand_made)
    outcome.job(bakery, "J3", start_date=bakery.creation_date.replace(month=6), weekly_hours=25)
    Target.objects.filter(organisation=hand_made).update(value=3)
    return hand_made


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.django_db
def test_the_same_figure_reads_the_same_everywhere(awkward, manager):
    period = parse_period("2025")
    manager.client.cookies["django_language"] = "en"
    page = manager.client.get(reverse("dashboard", args=[awkward.slug]), {"period": "2025"})
    dashboard = flat(page.content.decode())
    document = build(awkward, period, "annual", "en")
    html = flat(to_html(document))
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(document))).pages))
    for shown in ("2.16", "66.7 %"):
        assert shown in dashboard and shown in html and shown in pdf, shown
    assert "2.15" not in pdf and "66.6 %" not in pdf

    workbook = load_workbook(io.BytesIO(to_xlsx(document)))
    rows = {r[0].value: r for r in workbook["1. Summary"].iter_rows()}
    fte = rows["Jobs created (FTE)"][1]
    assert fte.value == pytest.approx(1.5 + 25 / 38) and fte.number_format == "#,##0.00"
    reached = rows["Projects accompanied"][5]
    assert reached.value == pytest.approx(2 / 3) and reached.number_format == "0.0%"
