"""Targets with a direction, never prorated (indicators.md, "Targets"); periods that are
refused; breakdown keys in the code list's order (cli.md)."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from sillon.catalogue.periods import parse_period
from sillon.catalogue.targets import Against, Direction, default_direction, target_period
from sillon.outcomes.forms import TargetForm
from sillon.outcomes.models import Target
from sillon.register.models import Enrolment, Programme, Project
from sillon.reports.forms import ReportForm
from tests.indicators.test_accompaniment import enrol, project


def test_every_cost_is_at_most_and_everything_else_at_least():
    assert default_direction("accompaniment.cost_per_job_created") == Direction.AT_MOST
    assert default_direction("accompaniment.cost") == Direction.AT_MOST
    assert default_direction("experts.cost") == Direction.AT_MOST
    assert default_direction("jobs.created") == Direction.AT_LEAST
    assert default_direction("holders.women_share") == Direction.AT_LEAST


def test_a_cost_below_its_target_reads_as_a_success():
    # The case: €12,933 per job against a target of €38,519 is within target,
    # not "33.6 % reached".
    with translation.override("en"):
        below = Against(Decimal("12933"), Decimal("38519"), Direction.AT_MOST)
        assert below.met and below.text == "within target"
        # 50,000 / 38,519 = 1.29806… : over by 29.8 %.
        over = Against(Decimal("50000"), Decimal("38519"), Direction.AT_MOST)
        assert over.met is False and over.text == "over target by 29.8\u00a0%"
        assert Against(3, 4, Direction.AT_LEAST).text == "75.0\u00a0%"


def test_a_target_belongs_to_its_exact_period():
    year = parse_period("2025")
    assert target_period(year) == ("2025", year)
    # A semester: the annual target, on the year to date.
    assert target_period(parse_period("2025-S1")) == ("2025", parse_period("2025-S1"))
    assert target_period(parse_period("2025-S2")) == ("2025", year)
    other = parse_period("2024-07-01..2025-06-30")
    assert target_period(other) == ("2024-07-01..2025-06-30", other)


@pytest.mark.django_db
def test_the_form_refuses_a_negative_target_and_fills_the_direction(org_a):
    form = TargetForm(
        {"indicator": "jobs.created", "period": "2025", "value": "-1"}, organisation=org_a
    )
    assert not form.is_valid() and "value" in form.errors
    form = TargetForm(
        {"indicator": "accompaniment.cost_per_job_created", "period": "2025", "value": "38519"},
        organisation=org_a,
    )
    assert form.is_valid(), form.errors
    assert form.save().direction == Direction.AT_MOST


def indicators_json(organisation, period) -> dict:
    out = StringIO()
    call_command("indicators", "--organisation", organisation.slug, "--period", period, stdout=out)
    return {item["id"]: item for item in json.loads(out.getvalue())["indicators"]}


@pytest.mark.django_db
def test_the_json_gives_the_target_of_the_period(org_a):
    Target.objects.create(organisation=org_a, indicator="jobs.created", period="2025", value=9)
    Target.objects.create(
        organisation=org_a,
        indicator="accompaniment.cost",
        period="2025",
        value=Decimal("1000.5"),
        direction=Direction.AT_MOST,
    )
    year = indicators_json(org_a, "2025")
    assert year["jobs.created"]["target"] == {"value": 9, "direction": "at_least", "period": "2025"}
    assert year["accompaniment.cost"]["target"]["value"] == 1000.5
    assert "target" not in year["projects.accompanied"]
    # A semester carries the annual target (to be read against the year to date); a
    # period of its own has none, and nothing is prorated.
    assert indicators_json(org_a, "2025-S1")["jobs.created"]["target"]["period"] == "2025"
    assert "target" not in indicators_json(org_a, "2025-02-01..2025-03-31")["jobs.created"]


@pytest.mark.django_db
def test_a_period_starting_after_today_is_refused(org_a, manager):
    next_year = str(datetime.date.today().year + 1)
    with pytest.raises(CommandError, match="starts after today"):
        indicators_json(org_a, next_year)
    manager.client.cookies["django_language"] = "en"
    page = manager.client.get(reverse("dashboard", args=[org_a.slug]), {"period": next_year})
    assert "starts after today" in page.content.decode()
    assert page.context["period"].id == str(datetime.date.today().year)


@pytest.mark.parametrize(
    ("kind", "period", "accepted"),
    [
        ("semester", "2025-S2", True),
        ("semester", "2025", False),  # a semester report for a whole year
        ("semester", "2025-01-01..2025-03-31", False),
        ("annual", "2025", True),
        ("annual", "2025-S1", False),
        ("annual", str(datetime.date.today().year + 1), False),  # not begun
    ],
)
def test_a_report_needs_its_own_kind_of_period(kind, period, accepted):
    form = ReportForm({"kind": kind, "period": period, "format": "pdf", "language": "en"})
    assert form.is_valid() is accepted, form.errors


def build(organisation, order):
    """Projects of three types and holders' programmes, written in `order`."""
    seeds = Programme.objects.get_or_create(
        organisation=organisation,
        code="seeds",
        defaults={"name_fr": "S", "name_nl": "S", "name_en": "S", "kind": "launch"},
    )[0]
    blossom = Programme.objects.get_or_create(
        organisation=organisation,
        code="blossom",
        defaults={"name_fr": "B", "name_nl": "B", "name_en": "B", "kind": "launch"},
    )[0]
    specs = [
        ("P1", "multi_actor", seeds),
        ("P2", "creation", blossom),
        ("P3", "development", seeds),
        ("P4", "creation", blossom),
    ]
    for ref, kind, programme in order(specs):
        enrol(project(organisation, ref, project_type=kind), programme, datetime.date(2025, 2, 1))


@pytest.mark.django_db
def test_two_runs_are_byte_identical_whatever_the_insertion_order(org_a):
    def output():
        out = StringIO()
        call_command("indicators", "--organisation", org_a.slug, "--period", "2025", stdout=out)
        return out.getvalue()

    build(org_a, list)
    first = output()
    Enrolment.objects.filter(organisation=org_a).delete()
    Project.objects.filter(organisation=org_a).delete()
    build(org_a, lambda specs: list(reversed(specs)))
    second = output()
    assert first == second
    item = next(i for i in json.loads(first)["indicators"] if i["id"] == "projects.accompanied")
    # The code list's order (domain.md), not the order of writing or of the database.
    assert list(item["breakdowns"]["project_type"]) == ["creation", "development", "multi_actor"]
    assert list(item["breakdowns"]["programme"]) == ["blossom", "seeds"]
