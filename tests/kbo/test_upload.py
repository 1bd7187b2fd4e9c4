"""An administrator uploads an extract on the Official register page; `sillon worker`
reads it in the background; a bad extract shows its error; nobody else may upload."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sillon.kbo import uploads
from sillon.kbo.models import ExtractUpload, Finding, SyncRun, UploadStatus
from tests.kbo.conftest import FULL, zipped
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def upload(persona, organisation, file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return persona.client.post(
            reverse("kbo_extract_upload", args=[organisation.slug]), {"extract": file}
        )


def test_an_uploaded_extract_is_read_by_the_worker(
    admin, org_a, tracked, tmp_path, data_dir, django_capture_on_commit_callbacks
):
    syncs = reverse("kbo_syncs", args=[org_a.slug])
    assert b'enctype="multipart/form-data"' in admin.client.get(syncs).content
    extract = zipped(FULL, tmp_path)
    with extract.open("rb") as file:
        response = upload(admin, org_a, file, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    kept = ExtractUpload.objects.get()
    assert kept.status == UploadStatus.QUEUED and kept.file_name == extract.name
    path = uploads.path_of(kept)
    assert path.read_bytes() == extract.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o600
    assert not SyncRun.objects.exists()  # nothing read during the request

    run_worker()
    kept.refresh_from_db()
    assert kept.status == UploadStatus.DONE and kept.sync_run.file_name == extract.name
    assert Finding.objects.filter(organisation=org_a).exists()
    assert not path.exists()  # deleted once read
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = admin.client.get(syncs).content.decode()
    assert extract.name in page


def test_a_bad_extract_shows_its_error_and_is_not_retried(
    admin, org_a, tracked, tmp_path, django_capture_on_commit_callbacks
):
    extract = zipped(FULL, tmp_path, leave_out=("meta.csv",))
    with extract.open("rb") as file:
        upload(admin, org_a, file, django_capture_on_commit_callbacks)
    run_worker()
    kept = ExtractUpload.objects.get()
    assert kept.status == UploadStatus.FAILED and "meta.csv" in kept.error
    assert DBTaskResult.objects.count() == 1  # no retry of a bad file
    assert not SyncRun.objects.exists()
    assert kept.error in admin.client.get(reverse("kbo_syncs", args=[org_a.slug])).content.decode()


def test_only_a_zip_is_taken(admin, org_a, django_capture_on_commit_callbacks):
    file = SimpleUploadedFile("extract.csv", b"a,b")
    response = upload(admin, org_a, file, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not ExtractUpload.objects.exists()
    page = admin.client.get(response["Location"]).content.decode()
    assert "extract.csv" in page and "zip" in page


def test_too_large_is_refused(admin, org_a, django_capture_on_commit_callbacks):
    with mock.patch.object(uploads, "MAX_BYTES", 2):
        upload(
            admin, org_a, SimpleUploadedFile("x.zip", b"PK\x03"), django_capture_on_commit_callbacks
        )
    assert not ExtractUpload.objects.exists()


def test_only_an_administrator_uploads(manager, viewer, outsider, org_a):
    url = reverse("kbo_extract_upload", args=[org_a.slug])
    file = SimpleUploadedFile("x.zip", b"PK")
    assert manager.client.post(url, {"extract": file}).status_code == 403
    assert viewer.client.post(url, {"extract": file}).status_code == 403
    assert outsider.client.post(url, {"extract": file}).status_code == 404
    assert manager.client.get(url).status_code == 405
    page = manager.client.get(reverse("kbo_syncs", args=[org_a.slug])).content
    assert b"multipart/form-data" not in page
