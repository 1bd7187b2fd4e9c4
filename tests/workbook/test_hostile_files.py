"""No uploaded file makes a server error: each damaged file gets a located, translated
message, and the refusal is recorded without the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from sillon.accounts.models import AuditEvent
from sillon.workbook.actions import import_workbook
from sillon.workbook.models import ImportRun, ImportStatus
from tests.workbook.hostile import hostile_files

pytestmark = pytest.mark.django_db

CASES = hostile_files()
# The files the issue found answered by a server error.
LOCATED = {
    "zip bad crc": "projects.csv",
    "zip unsupported compression": "projects.csv",
    "zip encrypted member": "projects.csv",
    "zip csv field over the limit": "projects",
    "zip csv with nul bytes": "projects",
    "xlsx sheet bad crc": "sheet1.xml",
    "xlsx sheet encrypted": "sheet1.xml",
    "xlsx workbook unsupported compression": "workbook.xml",
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_file_is_refused_with_a_message_in_each_language(org_a, case):
    name, content = CASES[case]
    messages = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            result = import_workbook(org_a, content, name)
        assert not result.ok, case
        messages[language] = result.problems[0].message
    # Translated: the three languages say it differently.
    assert len(set(messages.values())) == 3, messages


@pytest.mark.parametrize("case", LOCATED)
def test_the_message_names_the_damaged_part(org_a, case):
    name, content = CASES[case]
    result = import_workbook(org_a, content, name)
    assert result.problems[0].sheet == LOCATED[case]


def test_the_field_over_the_limit_is_located_on_its_line(org_a):
    name, content = CASES["zip csv field over the limit"]
    (problem,) = import_workbook(org_a, content, name).problems
    assert (problem.sheet, problem.row) == ("projects", 2)


@pytest.mark.parametrize("case", CASES)
def test_uploading_a_damaged_file_never_fails_and_is_recorded(org_a, manager, case):
    name, content = CASES[case]
    response = manager.client.post(
        reverse("workbook_import", args=[org_a.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert "token" not in response.context
    run = ImportRun.objects.get(organisation=org_a)
    assert (run.status, run.user, run.file_name, run.size) == (
        ImportStatus.REJECTED,
        manager.user,
        name,
        len(content),
    )
    event = AuditEvent.objects.get(kind="upload.refused")
    assert (event.organisation, event.actor_id) == (org_a, manager.user.pk)
    assert event.details["size"] == len(content)
    assert name not in str(event.details)  # a file name may name a person


@override_settings(WORKBOOK_MAX_BYTES=1024)
def test_a_file_too_large_is_recorded_with_its_size_and_why(org_a, manager):
    response = manager.client.post(
        reverse("workbook_import", args=[org_a.slug]),
        {"file": SimpleUploadedFile("big.xlsx", b"x" * 4096)},
        follow=True,
    )
    assert response.status_code == 200
    run = ImportRun.objects.get(organisation=org_a)
    assert (run.status, run.size, run.file_name) == (ImportStatus.REJECTED, 4096, "big.xlsx")
    assert "trop volumineux" in run.reason
    # Listed with the import history, with its reason.
    assert "trop volumineux" in response.content.decode().split("<h2>")[-1]
