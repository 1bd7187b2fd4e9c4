"""Statements and the comparison (docs/spec/comparison.md), tried as an evaluator would:
three structures publish their 2024 statements, a fourth imports them and its comparison
equals an independent computation from the three files; bad statements are refused."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import BY_ID, CATALOGUE_VERSION, COMPARABLE
from sillon.catalogue.periods import parse_period
from sillon.comparison import statements
from sillon.comparison.compare import compare
from sillon.comparison.models import Statement
from sillon.comparison.statistics import summary


def run(name, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(path) -> str:
    err = StringIO()
    with (
        translation.override("en"),  # the reasons are in the active language
        pytest.raises(CommandError, match="nothing was stored"),
    ):
        call_command("statement", "import", str(path), stdout=StringIO(), stderr=err)
    assert not Statement.objects.exists()
    return err.getvalue()


def quartiles_by_hand(values):
    """Inclusive quartiles: linear interpolation at (n - 1) × p of the sorted values."""
    values = sorted(values)

    def at(p):
        position = (len(values) - 1) * p
        low = int(position)
        high = min(low + 1, len(values) - 1)
        return values[low] + (values[high] - values[low]) * (position - low)

    return at(0.25), at(0.5), at(0.75)


@pytest.fixture
def published(db, tmp_path):
    """Three structures, each on 'its own Sillon', publish their 2024 statements; here
    they neither share nor keep their number, as if they were not on this installation."""
    files = []
    for seed, slug in enumerate(["peer-one", "peer-two", "peer-three"], start=3):
        call_command("demo", organisation=slug, projects=25, seed=seed, verbosity=0)
        path = tmp_path / f"{slug}.json"
        run("statement", "export", "--organisation", slug, "--period", "2024", "-o", str(path))
        files.append(path)
        Organisation.objects.filter(slug=slug).update(enterprise_number="")
    call_command("demo", organisation="fourth", projects=25, seed=9, verbosity=0)
    return files


def test_the_comparison_equals_an_independent_computation_from_three_files(published):
    for path in published:
        run("statement", "import", str(path))
    documents = [json.loads(path.read_text()) for path in published]
    assert all(document["definitions"] == CATALOGUE_VERSION for document in documents)
    fourth = Organisation.objects.get(slug="fourth")
    own = {
        item["id"]: item["value"]
        for item in json.loads(run("indicators", "--organisation", "fourth", "--period", "2024"))[
            "indicators"
        ]
        if "value" in item
    }
    result = json.loads(run("compare", "--organisation", "fourth", "--period", "2024"))
    with translation.override("fr"):  # the command's default language
        assert result == json.loads(json.dumps(compare(fourth, parse_period("2024"))))
    assert result["organisation"] == "fourth"
    assert [item["id"] for item in result["indicators"]] == [i.id for i in COMPARABLE]
    assert [peer["name"] for peer in result["peers"]] == sorted(
        document["organisation"]["name"] for document in documents
    )
    checked = 0
    for item in result["indicators"]:
        peer_values = []
        for document in documents:
            value = {i["id"]: i["value"] for i in document["indicators"]}[item["id"]]
            if value is not None:
                peer_values.append(value)
        assert item["value"] == own[item["id"]]
        assert item["n"] == len(peer_values)
        if len(peer_values) < 3:
            assert item["min"] is item["median"] is item["rank"] is None
            assert item["reason"]
            continue
        checked += 1
        q1, median, q3 = quartiles_by_hand(peer_values)
        assert item["min"] == pytest.approx(min(peer_values))
        assert item["max"] == pytest.approx(max(peer_values))
        assert (item["q1"], item["median"], item["q3"]) == pytest.approx((q1, median, q3))
        if item["value"] is None:
            assert item["rank"] is None
        else:
            assert item["rank"] == 1 + sum(1 for v in peer_values if v > item["value"])
    assert checked >= 5  # the demo gives most comparable indicators a value
    text = run("compare", "--organisation", "fourth", "--period", "2024", "--format", "text")
    assert "rank=" in text


def test_a_statement_holds_scalar_indicators_only_and_nothing_personal(published):
    document = json.loads(published[0].read_text())
    assert document["format"] == "sillon-statement/1"
    assert set(document) == {
        "format",
        "organisation",
        "period",
        "as_of",
        "definitions",
        "produced_at",
        "indicators",
    }
    assert document["period"] == {"id": "2024", "start": "2024-01-01", "end": "2024-12-31"}
    assert document["organisation"]["enterprise_number"]
    for item in document["indicators"]:
        assert BY_ID[item["id"]].is_scalar
        assert set(item) <= {"id", "unit", "value", "numerator", "denominator"}


def test_reimporting_replaces_and_keeps_history(published):
    run("statement", "import", str(published[0]))
    out = run("statement", "import", str(published[0]))
    assert "replacing" in out
    assert Statement.objects.count() == 2
    assert Statement.objects.current().count() == 1


def test_another_catalogue_version_is_marked_and_its_changed_indicators_left_out(published):
    for path in published:
        document = json.loads(path.read_text())
        document["definitions"] = "2026.2"  # before the ratios were added
        path.write_text(json.dumps(document))
        run("statement", "import", str(path))
    result = compare(Organisation.objects.get(slug="fourth"), parse_period("2024"))
    assert all(peer["marked"] for peer in result["peers"])
    by_id = {item["id"]: item for item in result["indicators"]}
    assert by_id["ratio.hours_per_project"]["n"] == 0
    assert by_id["holders.women_share"]["n"] == 3
    # A later version's changes are unknown here: none of its figures is used.
    Statement.objects.update(definitions="2099.1")
    result = compare(Organisation.objects.get(slug="fourth"), parse_period("2024"))
    assert all(item["n"] == 0 for item in result["indicators"])


def test_sharing_organisations_of_the_installation_are_peers(db):
    for seed, slug in enumerate(["a-one", "a-two", "a-three", "a-four"], start=1):
        call_command("demo", organisation=slug, projects=15, seed=seed, verbosity=0)
    Organisation.objects.filter(slug__in=["a-one", "a-two"]).update(shares_with_peers=True)
    result = compare(Organisation.objects.get(slug="a-one"), parse_period("2024"))
    assert [peer["name"] for peer in result["peers"]] == ["a-two (démo)"]
    assert all(item["q1"] is None and item["n"] <= 1 for item in result["indicators"])
    assert result["indicators"][0]["reason"]
    Organisation.objects.update(shares_with_peers=True)
    result = compare(Organisation.objects.get(slug="a-one"), parse_period("2024"))
    assert len(result["peers"]) == 3


def test_statistics_and_rank():
    assert summary(5, [1, 9, 5, 7]) == {
        "n": 4,
        "min": 1.0,
        "q1": 4.0,
        "median": 6.0,
        "q3": 7.5,
        "max": 9.0,
        "rank": 3,  # 9 and 7 are strictly greater; 5 ties
    }
    assert summary(None, [1, 2, 3])["rank"] is None
    assert summary(1, [1, 2]) == {
        "n": 2,
        "min": None,
        "q1": None,
        "median": None,
        "q3": None,
        "max": None,
        "rank": None,
    }


def good_statement() -> dict:
    return {
        "format": "sillon-statement/1",
        "organisation": {"name": "Structure Z", "enterprise_number": "0123456749"},
        "period": {"id": "2024", "start": "2024-01-01", "end": "2024-12-31"},
        "as_of": "2024-12-31",
        "definitions": CATALOGUE_VERSION,
        "produced_at": "2025-02-01T10:00:00+01:00",
        "indicators": [
            {
                "id": "holders.women_share",
                "unit": "rate",
                "value": 0.5,
                "numerator": 5,
                "denominator": 10,
            },
        ],
    }


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["organisation"].update(enterprise_number="0123456748"), "mod-97"),
        (lambda d: d["indicators"][0].update(id="holders.height"), "not an indicator"),
        (lambda d: d["indicators"][0].update(unit="count"), "does not match the unit"),
        (lambda d: d["period"].update(id="2024-S3"), "is not a period"),
        (lambda d: d["period"].update(end="2024-06-30"), "does not match the period"),
        (lambda d: d.update(format="other/2"), "format"),
    ],
)
def test_bad_statements_are_refused_with_their_reason(db, tmp_path, change, reason):
    document = good_statement()
    change(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    assert reason in refused(path)


def test_every_reason_is_given_at_once(db, tmp_path):
    document = good_statement()
    document["organisation"]["enterprise_number"] = "0123456748"
    document["indicators"].append({"id": "jobs.created", "unit": "EUR", "value": 3})
    document["indicators"].append({"id": "nope", "unit": "count", "value": 3})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    errors = refused(path)
    assert "organisation.enterprise_number" in errors
    assert "indicators[1].unit" in errors
    assert "indicators[2].id" in errors


def test_not_json_and_a_50_mb_file_are_refused(db, tmp_path):
    path = tmp_path / "not.json"
    path.write_text("format: sillon-statement/1\n")
    assert "not JSON" in refused(path)
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    assert "at most" in refused(big)
    # The same limits when the bytes come from the interface.
    with translation.override("en"), pytest.raises(statements.StatementInvalid, match="at most"):
        statements.store(b" " * (statements.MAX_BYTES + 1))


def test_a_good_statement_is_stored(db, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good_statement()))
    run("statement", "import", str(path))
    statement = Statement.objects.get()
    assert statement.enterprise_number == "0123456749"
    assert statement.values() == {"holders.women_share": 0.5}
