"""The figures through the API are the command line's, byte for byte; a workbook
imports all or nothing with the interface's located problems."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from sillon.accounts.models import Organisation
from sillon.accounts.roles import Role
from sillon.register.models import Project
from tests.api.conftest import base, token_client
from tests.conftest import make_member
from tests.workbook.helpers import PROJECTS, xlsx


@pytest.fixture
def demo(db):
    call_command("demo", projects=40, seed=2, verbosity=0)
    return Organisation.objects.get(slug="coopcity")


def cli(*args) -> bytes:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("query", "args", "language"),
    [
        ("period=2024", ["--period", "2024"], "fr"),
        ("period=2025-S1&as_of=2025-09-30", ["--period", "2025-S1", "--as-of", "2025-09-30"], "fr"),
        ("period=2024", ["--period", "2024", "--lang", "nl"], "nl"),
    ],
)
def test_indicators_are_the_clis_json_byte_for_byte(demo, query, args, language):
    viewer = make_member(demo, "vera-viewer", Role.VIEWER)
    client = token_client(viewer, language=language)
    response = client.get(base(demo) + f"indicators/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == cli("--organisation", "coopcity", *args)


def test_indicators_lang_parameter(demo):
    viewer = make_member(demo, "vera-viewer", Role.VIEWER)
    response = token_client(viewer, "fr").get(base(demo) + "indicators/?period=2024&lang=en")
    expected = cli("--organisation", "coopcity", "--period", "2024", "--lang", "en")
    assert response.content == expected


@pytest.mark.parametrize(
    "query", ["", "period=2024-S3", "period=nonsense", "period=2024&as_of=2024-13-01"]
)
def test_indicators_bad_period_is_400(api, org_a, query):
    response = api[Role.VIEWER].get(base(org_a) + f"indicators/?{query}")
    assert response.status_code == 400
    assert set(response.json()) <= {"period", "as_of"}


def test_import_applies_a_workbook(api, org_a):
    content = xlsx({"projects": PROJECTS})
    response = api[Role.MANAGER].post(
        base(org_a) + "import/",
        {"file": _upload("register.xlsx", content)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["applied"] is True
    assert Project.objects.filter(organisation=org_a, ref="P-1").exists()


def test_import_is_all_or_nothing_with_located_problems(api, org_a):
    rows = [*PROJECTS, ["P-2", "Bad", "creation", "market", "2024-13-45"]]
    response = api[Role.ADMIN].post(
        base(org_a) + "import/",
        {"file": _upload("register.xlsx", xlsx({"projects": rows}))},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["applied"] is False
    assert {"sheet": "projects", "row": 3, "column": "intake_date"}.items() <= body["problems"][
        0
    ].items()
    assert not Project.objects.filter(organisation=org_a).exists()


def test_import_refuses_a_file_that_is_not_a_workbook(api, org_a):
    response = api[Role.ADMIN].post(
        base(org_a) + "import/",
        {"file": _upload("notes.xlsx", b"not a workbook")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["problems"][0]["message"]


def test_a_manager_cannot_import_the_admins_sheets(api, org_a):
    book = xlsx({"targets": [["indicator", "period", "value"], ["jobs.created", "2025", 3]]})
    response = api[Role.MANAGER].post(
        base(org_a) + "import/", {"file": _upload("t.xlsx", book)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["problems"][0]["sheet"] == "targets"


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_rate_limits_answer_429_with_retry_after(settings, coach, org_a):
    from rest_framework.settings import api_settings

    from sillon.api.throttling import BurstRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "burst": "3/min"}
    original = BurstRateThrottle.THROTTLE_RATES
    BurstRateThrottle.THROTTLE_RATES = rates
    try:
        client = token_client(coach.user)
        other = token_client(coach.user)
        codes = [client.get(base(org_a) + "projects/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get(base(org_a) + "projects/")
        assert int(refused["Retry-After"]) > 0
        # Per token: another token of the same member is not limited yet.
        assert other.get(base(org_a) + "projects/").status_code == 200
    finally:
        BurstRateThrottle.THROTTLE_RATES = original


def test_comparison_is_the_clis_json_for_a_sharing_organisation(demo):
    viewer = make_member(demo, "vera-viewer", Role.VIEWER)
    client = token_client(viewer, language="fr")
    refused = client.get(base(demo) + "comparison/?period=2024")
    assert refused.status_code == 403 and "detail" in refused.json()
    demo.shares_with_peers = True
    demo.save(update_fields=["shares_with_peers"])
    response = client.get(base(demo) + "comparison/?period=2024")
    assert response.status_code == 200
    out = StringIO()
    call_command(
        "compare", "--organisation", "coopcity", "--period", "2024", "--format", "json", stdout=out
    )
    assert response.content == out.getvalue().encode()


def test_statement_is_the_file_the_cli_exports(demo, tmp_path):
    viewer = make_member(demo, "vera-viewer", Role.VIEWER)
    response = token_client(viewer).get(base(demo) + "statement/?period=2024")
    assert response.status_code == 200
    exported = tmp_path / "statement.json"
    call_command(
        "statement",
        "export",
        "--organisation",
        "coopcity",
        "--period",
        "2024",
        "-o",
        str(exported),
        stdout=StringIO(),
    )
    ours, theirs = json.loads(response.content), json.loads(exported.read_text())
    # Produced a second apart at most: everything but the production time is the same.
    ours.pop("produced_at"), theirs.pop("produced_at")
    assert ours == theirs and ours["indicators"]


def test_comparison_and_statement_404_to_an_outsider(api_outsider, org_a):
    for path in ("comparison/?period=2024", "statement/?period=2024"):
        assert api_outsider.get(base(org_a) + path).status_code == 404
