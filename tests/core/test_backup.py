"""`sillon backup` then `sillon restore` into an empty database gives the same
indicator catalogue, the same rows and the same files; a damaged archive, a newer
Sillon's backup or a database holding data are refused with nothing written."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sillon.core.backup import row_counts
from tests.reports.conftest import hand_made  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def catalogue() -> dict:
    output = io.StringIO()
    call_command("indicators", organisation="coop-a", period="2025", format="json", stdout=output)
    return json.loads(output.getvalue())


def rewritten(archive: Path, target: Path, change) -> Path:
    """The archive with its manifest changed by `change` (checksums still right)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                change(manifest)
                content = json.dumps(manifest).encode()
                member.size = len(content)
            copy.addfile(member, io.BytesIO(content))
    return target


def test_round_trip_gives_the_same_catalogue_rows_and_files(
    hand_made,  # noqa: F811
    settings,
    tmp_path,
):
    settings.DATA_DIR = tmp_path / "data"
    report_file = tmp_path / "data" / "media" / "reports" / "2026" / "annual.pdf"
    report_file.parent.mkdir(parents=True)
    report_file.write_bytes(b"%PDF-1.7 produced")
    before, counts = catalogue(), row_counts()

    archive = tmp_path / "sillon.backup"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o777 == 0o600

    call_command("flush", interactive=False)
    report_file.unlink()
    empty = row_counts()

    # A truncated archive, a newer Sillon's backup: refused, nothing written.
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="not a complete Sillon backup"):
        call_command("restore", str(truncated))
    newer = rewritten(
        archive,
        tmp_path / "newer.backup",
        lambda manifest: manifest["migrations"]["reports"].append("0099_from_the_future"),
    )
    with pytest.raises(CommandError, match=r"newer version of Sillon.*reports\.0099"):
        call_command("restore", str(newer))
    garbage = tmp_path / "garbage.backup"
    garbage.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="not a complete Sillon backup"):
        call_command("restore", str(garbage))
    assert row_counts() == empty and not report_file.exists()

    output = io.StringIO()
    call_command("restore", str(archive), stdout=output)
    assert "Restored" in output.getvalue()
    assert catalogue() == before
    assert row_counts() == counts
    assert report_file.read_bytes() == b"%PDF-1.7 produced"

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
