"""A bad extract gets a clear error and changes nothing."""

import zipfile

import pytest
from django.utils import translation

from sillon.kbo.extract import ExtractError
from sillon.kbo.models import Finding, RegisterEntry, SyncRun
from sillon.kbo.sync import sync_extract
from tests.kbo.conftest import FULL, UPDATE, copied, zipped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English; one test checks the French."""
    with translation.override("en"):
        yield


def nothing_changed() -> bool:
    return not (
        SyncRun.objects.exists() or RegisterEntry.objects.exists() or Finding.objects.exists()
    )


def rejects(path, words: str) -> None:
    with pytest.raises(ExtractError, match=words):
        sync_extract(path)
    assert nothing_changed()


def test_a_file_that_is_not_a_zip_is_rejected(tracked, tmp_path):
    path = tmp_path / "KboOpenData_0140_2025_10_Full.zip"
    path.write_text("EnterpriseNumber,Status\n")
    rejects(path, "not a readable zip file")


def test_a_zip_without_meta_is_not_a_kbo_extract(tracked, tmp_path):
    rejects(zipped(FULL, tmp_path, leave_out={"meta.csv"}), "has no meta.csv")


def test_a_missing_table_is_named(tracked, tmp_path):
    rejects(zipped(FULL, tmp_path, leave_out={"activity.csv"}), "activity.csv")


def test_an_unexpected_header_is_shown(tracked, tmp_path):
    def rename(data: bytes) -> bytes:
        return data.replace(b'"NaceCode"', b'"Nace"', 1)

    rejects(zipped(FULL, tmp_path, replace={"activity.csv": rename}), "unexpected header")


def test_a_table_cut_in_the_middle_of_a_line_is_truncated(tracked, tmp_path):
    def cut(data: bytes) -> bytes:
        return data[: len(data) - 20]

    rejects(zipped(FULL, tmp_path, replace={"denomination.csv": cut}), "truncated")


def test_a_zip_whose_data_is_damaged_is_truncated(tracked, tmp_path):
    path = zipped(FULL, tmp_path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("enterprise.csv")
    data = bytearray(path.read_bytes())
    # Flip bytes inside the compressed data of enterprise.csv: the CRC no longer matches.
    start = info.header_offset + 30 + len(info.filename) + 10
    for position in range(start, start + 8):
        data[position] ^= 0xFF
    path.write_bytes(bytes(data))
    rejects(path, "truncated or damaged")


def test_a_zip_cut_short_is_rejected(tracked, tmp_path):
    path = zipped(FULL, tmp_path)
    path.write_bytes(path.read_bytes()[:-200])
    rejects(path, "not a readable zip file")


def test_meta_without_an_extract_type_is_rejected(tracked, tmp_path):
    folder = copied(FULL, tmp_path)
    meta = folder / "meta.csv"
    meta.write_bytes(meta.read_bytes().replace(b'"ExtractType","full"', b'"ExtractType",""'))
    rejects(folder, "extract type")


def test_an_update_needs_a_full_extract_first(tracked, tmp_path):
    rejects(zipped(UPDATE, tmp_path), "read a full extract first")


def test_an_update_older_than_the_last_full_sync_is_rejected(tracked, tmp_path):
    folder = copied(FULL, tmp_path)
    sync_extract(folder)
    before = (RegisterEntry.objects.count(), Finding.objects.count(), SyncRun.objects.count())
    update = copied(UPDATE, tmp_path)
    meta = update / "meta.csv"
    meta.write_bytes(meta.read_bytes().replace(b"08-10-2025", b"08-09-2025"))
    with pytest.raises(ExtractError, match="older than the last full extract"):
        sync_extract(update)
    after = (RegisterEntry.objects.count(), Finding.objects.count(), SyncRun.objects.count())
    assert before == after


def test_a_missing_path_is_reported(tracked, tmp_path):
    rejects(tmp_path / "nowhere.zip", "does not exist")


def test_errors_are_in_the_users_language(tracked, tmp_path):
    with translation.override("fr"), pytest.raises(ExtractError) as error:
        sync_extract(zipped(FULL, tmp_path, leave_out={"meta.csv"}))
    assert str(error.value) == (
        "KboOpenData_0140_2025_10_Full.zip n’est pas un extrait des données ouvertes de la "
        "BCE : il n’a pas de meta.csv."
    )
