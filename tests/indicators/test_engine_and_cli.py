"""The whole catalogue: every indicator in order, the JSON of docs/spec/cli.md, and a number of
queries that does not depend on the amount of data."""

import json
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import CATALOGUE
from sillon.catalogue.periods import parse_period
from sillon.indicators import engine
from sillon.indicators.engine import compute


def run(*args) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    call_command("demo", projects=40, seed=2, verbosity=0)
    return Organisation.objects.get(slug="coopcity")


def test_json_lists_every_indicator_in_catalogue_order(demo):
    document = json.loads(run("--organisation", "coopcity", "--period", "2025", "--lang", "nl"))
    assert document["organisation"] == "coopcity"
    assert document["period"] == {"id": "2025", "start": "2025-01-01", "end": "2025-12-31"}
    assert document["as_of"] == "2025-12-31"
    items = document["indicators"]
    assert [item["id"] for item in items] == [indicator.id for indicator in CATALOGUE]
    by_id = {item["id"]: item for item in items}
    assert by_id["projects.accompanied"]["label"] == "Begeleide projecten"
    assert isinstance(by_id["projects.accompanied"]["value"], int)
    share = by_id["holders.women_share"]
    assert set(share) >= {"value", "numerator", "denominator"}
    assert share["value"] == pytest.approx(share["numerator"] / share["denominator"])
    assert by_id["enterprises.survival_by_cohort"]["unit"] == "table"
    assert isinstance(by_id["enterprises.survival_by_cohort"]["rows"], list)
    # The cost ratios are the cost over their denominators.
    cost = by_id["accompaniment.cost"]["value"]
    per_project = by_id["accompaniment.cost_per_project"]
    assert per_project["denominator"] == by_id["projects.accompanied"]["value"]
    assert per_project["value"] == pytest.approx(cost / per_project["denominator"])
    # The ratios of docs/spec/comparison.md.
    projects = by_id["projects.accompanied"]["value"]
    created = by_id["enterprises.created"]["value"]
    per_100 = by_id["ratio.enterprises_per_100_projects"]
    assert (per_100["numerator"], per_100["denominator"]) == (100 * created, projects)
    assert per_100["value"] == pytest.approx(100 * created / projects)
    jobs = by_id["ratio.jobs_per_enterprise_created"]
    assert jobs["unit"] == "ratio"
    assert jobs["value"] == pytest.approx(by_id["jobs.created"]["value"] / created)
    hours = by_id["ratio.hours_per_project"]
    assert hours["value"] == pytest.approx(by_id["accompaniment.hours"]["value"] / projects)


def test_csv_and_text_formats(demo):
    csv_text = run("--organisation", "coopcity", "--period", "2025-S1", "--format", "csv")
    assert csv_text.splitlines()[0] == "id,label,unit,breakdown,key,value,numerator,denominator"
    assert "projects.accompanied,Projets accompagnés,count,,," in csv_text
    text = run("--organisation", "coopcity", "--period", "2025", "--format", "text", "--lang", "en")
    assert "Projects accompanied" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "nobody", "--period", "2025"], "No organisation"),
        (["--organisation", "coopcity", "--period", "2025-S3"], "is not a period"),
        (
            ["--organisation", "coopcity", "--period", "2025", "--as-of", "31/12/2025"],
            "is not a date",
        ),
    ],
)
def test_bad_input_is_a_clear_error(demo, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_empty_organisation_gives_every_indicator_zero_or_null(db):
    organisation = Organisation.objects.create(slug="empty", name="Empty")
    results = compute(organisation, parse_period("2025"))
    assert len(results) == len(CATALOGUE)
    for result in results:
        assert result.value.value in (0, None) or result.value.rows is not None


def test_the_number_of_queries_does_not_depend_on_the_amount_of_data(db):
    def queries(projects: int) -> int:
        call_command("demo", projects=projects, seed=4, verbosity=0)
        organisation = Organisation.objects.get(slug="coopcity")
        with CaptureQueriesContext(connection) as captured:
            compute(organisation, parse_period("2024"))
        return len(captured)

    assert queries(15) == queries(150)


@pytest.mark.django_db(transaction=True)
def test_groups_computed_on_several_connections_give_the_same_catalogue(settings, monkeypatch):
    # Outside a transaction the groups run on worker threads, each on its own
    # connection; the catalogue must be the one computed group after group.
    call_command("demo", projects=40, seed=3, verbosity=0)
    organisation = Organisation.objects.get(slug="coopcity")
    threads = set()
    original = engine._work

    def spied(*args):
        threads.add(threading.current_thread().name)
        return original(*args)

    monkeypatch.setattr(engine, "_work", spied)
    period = parse_period("2025")
    settings.SILLON_INDICATOR_WORKERS = 3
    in_parallel = compute(organisation, period)
    assert len(threads) == 3 and all(name.startswith("indicators") for name in threads)
    settings.SILLON_INDICATOR_WORKERS = 1
    assert compute(organisation, period) == in_parallel
    assert len(threads) == 3  # one worker: no thread at all


def test_inside_a_transaction_the_groups_run_on_its_connection(demo, settings, monkeypatch):
    # A test runs in a transaction: other connections would not see its records.
    settings.SILLON_INDICATOR_WORKERS = 3
    monkeypatch.setattr(engine, "_work", lambda *args: pytest.fail("ran on a worker"))
    results = {r.indicator.id: r.value.value for r in compute(demo, parse_period("2025"))}
    assert results["projects.accompanied"] > 0


def test_a_cached_catalogue_refers_to_the_catalogues_indicators():
    """Indicators are pickled by id: a peer's cached catalogue unpickles into the
    catalogue's own objects, without rebuilding their lazy labels (docs/performance.md)."""
    import pickle

    from sillon.catalogue.indicators import CATALOGUE

    for indicator in CATALOGUE:
        assert pickle.loads(pickle.dumps(indicator)) is indicator
