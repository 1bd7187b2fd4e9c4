"""`sillon kbo sync | findings | accept | dismiss | demo-extract`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sillon.kbo.choices import FindingKind, FindingStatus
from sillon.kbo.models import Finding, SyncRun
from tests.kbo.conftest import FULL, zipped
from tests.register import factories as make

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("kbo", *args, stdout=out)
    return out.getvalue()


def test_sync_prints_what_it_read(tracked, full_zip):
    out = run("sync", str(full_zip))
    assert "KboOpenData_0140_2025_10_Full.zip" in out
    assert "5 of 6 tracked enterprises found, 5 new findings" in out


def test_sync_of_a_bad_extract_is_a_command_error(tracked, tmp_path):
    with pytest.raises(CommandError, match=r"meta\.csv"):
        run("sync", str(zipped(FULL, tmp_path, leave_out={"meta.csv"})))
    assert not SyncRun.objects.exists()


def test_findings_as_json(tracked, tracked_b, full_zip, org_a):
    run("sync", str(full_zip))
    rows = json.loads(run("findings", "--organisation", org_a.slug, "--format", "json"))
    assert {row["kind"] for row in rows} == set(FindingKind.values)
    legal = next(row for row in rows if row["kind"] == FindingKind.LEGAL_FORM)
    assert legal["enterprise_number"] == "0403.123.486"
    assert (legal["sillon"], legal["register"], legal["status"]) == ("017", "610", "open")
    assert (legal["extract_number"], legal["snapshot_date"]) == (140, "2025-10-01")
    assert all(row["organisation"] == org_a.slug for row in rows)


def test_findings_as_text_and_unknown_organisation(tracked, full_zip, org_a):
    run("sync", str(full_zip))
    assert "0403.123.486" in run("findings", "--organisation", org_a.slug)
    with pytest.raises(CommandError, match="No organisation"):
        run("findings", "--organisation", "nobody")


def test_accept_and_dismiss_by_id(tracked, full_zip):
    run("sync", str(full_zip))
    legal = Finding.objects.get(kind=FindingKind.LEGAL_FORM)
    dated = Finding.objects.get(kind=FindingKind.CREATION_DATE)
    assert f"#{legal.pk} accepted" in run("accept", str(legal.pk))
    assert f"#{dated.pk} dismissed" in run("dismiss", str(dated.pk))
    tracked.workshops.refresh_from_db()
    assert tracked.workshops.legal_form == "610"
    dated.refresh_from_db()
    assert dated.status == FindingStatus.DISMISSED
    with pytest.raises(CommandError):
        run("accept", str(dated.pk))
    with pytest.raises(CommandError, match="No finding"):
        run("accept", "999999")


def test_demo_extract_gives_three_findings_for_a_new_user(org_a, tmp_path):
    programme = make.programme(org_a)
    numbers = ["0200362210", "0403123486", "0410000093", "0500123486", "0700999994"]
    for index, number in enumerate(numbers):
        project = make.project(org_a, f"D-{index}", nace_code="10711")
        make.enrolment(project, programme)
        make.enterprise(project, enterprise_number=number, legal_form="706", postcode="1000")
    path = tmp_path / "demo.zip"
    out = run("demo-extract", "-o", str(path), "--organisation", org_a.slug)
    assert "absent" in out
    run("sync", str(path))
    kinds = sorted(Finding.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [FindingKind.JURIDICAL_SITUATION, FindingKind.NO_LONGER_ACTIVE, FindingKind.LEGAL_FORM]
    )
