"""Opening a KBO/BCE open-data extract — the monthly zip or its unpacked folder — and
reading its members as large decompressed chunks (docs/spec/reference.md, KBO open data).

Nothing here writes: every problem raises ExtractError with a message for the user,
before the sync writes anything.
"""

import csv
import datetime
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from sillon.kbo.choices import SyncKind

# Inflating several megabytes at a time keeps Python's share of the work small.
CHUNK_SIZE = 8 << 20

HEADERS = {
    "meta": ["Variable", "Value"],
    "code": ["Category", "Code", "Language", "Description"],
    "enterprise": [
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "JuridicalFormCAC",
        "StartDate",
    ],
    "denomination": ["EntityNumber", "Language", "TypeOfDenomination", "Denomination"],
    "address": [
        "EntityNumber",
        "TypeOfAddress",
        "CountryNL",
        "CountryFR",
        "Zipcode",
        "MunicipalityNL",
        "MunicipalityFR",
        "StreetNL",
        "StreetFR",
        "HouseNumber",
        "Box",
        "ExtraAddressInfo",
        "DateStrikingOff",
    ],
    "activity": ["EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"],
}
# The tables a sync reads, and the key column of their delete files.
ENTITY_TABLES = ["enterprise", "denomination", "address", "activity"]
KEY_COLUMNS = {"enterprise": "EnterpriseNumber"} | dict.fromkeys(
    ("denomination", "address", "activity"), "EntityNumber"
)


class ExtractError(Exception):
    """A bad extract: the message says what is wrong, in the user's language."""


@dataclass(frozen=True)
class Meta:
    kind: str
    number: int
    snapshot_date: datetime.date
    timestamp: str
    version: str


def parse_date(text: str) -> datetime.date | None:
    """`dd-mm-yyyy` as the register writes dates; empty is null."""
    if not text:
        return None
    day, month, year = text.split("-")
    return datetime.date(int(year), int(month), int(day))


def member_names(kind: str) -> list[str]:
    """The files a sync needs, besides meta.csv."""
    if kind == SyncKind.FULL:
        return ["code.csv"] + [f"{table}.csv" for table in ENTITY_TABLES]
    return (
        ["code.csv"]
        + [f"{table}_delete.csv" for table in ENTITY_TABLES]
        + [f"{table}_insert.csv" for table in ENTITY_TABLES]
    )


def expected_header(member: str) -> list[str]:
    table = member.removesuffix(".csv")
    if table.endswith("_delete"):
        return [KEY_COLUMNS[table.removesuffix("_delete")]]
    return HEADERS[table.removesuffix("_insert")]


class Extract:
    """A zip (`KboOpenData_<n>_<yyyy>_<mm>_Full.zip`) or the folder it unpacks to."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.name = self.path.name
        self._zip = None
        if self.path.is_dir():
            self._names = {child.name for child in self.path.iterdir() if child.is_file()}
        elif self.path.is_file():
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as error:
                raise ExtractError(
                    _("%(file)s is not a KBO open-data extract: it is not a readable zip file.")
                    % {"file": self.name}
                ) from error
            self._names = {info.filename for info in self._zip.infolist()}
        else:
            raise ExtractError(_("%(file)s does not exist.") % {"file": str(self.path)})
        if "meta.csv" not in self._names:
            raise ExtractError(
                _("%(file)s is not a KBO open-data extract: it has no meta.csv.")
                % {"file": self.name}
            )
        self.meta = self._read_meta()
        missing = [name for name in member_names(self.meta.kind) if name not in self._names]
        if missing:
            raise ExtractError(
                _("%(file)s lacks tables of a KBO %(kind)s extract: %(tables)s.")
                % {
                    "file": self.name,
                    "kind": SyncKind(self.meta.kind).label.lower(),
                    "tables": ", ".join(missing),
                }
            )

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # Reading

    def chunks(self, member: str) -> Iterator[bytes]:
        """The member's bytes, decompressed, in chunks of about CHUNK_SIZE."""
        try:
            if self._zip is not None:
                with self._zip.open(member) as stream:
                    while chunk := stream.read(CHUNK_SIZE):
                        yield chunk
            else:
                with open(self.path / member, "rb") as stream:
                    while chunk := stream.read(CHUNK_SIZE):
                        yield chunk
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as error:
            raise self.truncated(member) from error

    def truncated(self, member: str) -> ExtractError:
        return ExtractError(
            _("%(member)s of %(file)s is truncated or damaged: download the extract again.")
            % {"member": member, "file": self.name}
        )

    def read_rows(self, member: str) -> Iterator[list[str]]:
        """Every row of a small member (meta.csv, code.csv), its header checked."""
        text = io.TextIOWrapper(io.BytesIO(b"".join(self.chunks(member))), encoding="utf-8-sig")
        reader = csv.reader(text)
        self.check_header(member, next(reader, []))
        yield from reader

    def check_header(self, member: str, header: list[str]) -> None:
        expected = expected_header(member)
        if header != expected:
            raise ExtractError(
                _(
                    "%(member)s of %(file)s has an unexpected header: %(found)s "
                    "instead of %(expected)s."
                )
                % {
                    "member": member,
                    "file": self.name,
                    "found": ",".join(header) or "—",
                    "expected": ",".join(expected),
                }
            )

    def _read_meta(self) -> Meta:
        values = {row[0]: row[1] for row in self.read_rows("meta.csv") if len(row) == 2}
        kind = values.get("ExtractType", "").lower()
        try:
            number = int(values.get("ExtractNumber", ""))
            snapshot = parse_date(values.get("SnapshotDate", ""))
        except ValueError:
            snapshot = None
        if kind not in SyncKind.values or snapshot is None:
            raise ExtractError(
                _(
                    "meta.csv of %(file)s does not give the extract type (full or update), "
                    "number and snapshot date."
                )
                % {"file": self.name}
            )
        return Meta(
            kind=kind,
            number=number,
            snapshot_date=snapshot,
            timestamp=values.get("ExtractTimestamp", ""),
            version=values.get("Version", ""),
        )

    def checksum(self) -> str:
        """Identifies the extract's content cheaply: the members' CRCs and sizes (zip),
        or meta.csv and the files' sizes (folder)."""
        digest = hashlib.sha256()
        if self._zip is not None:
            for info in sorted(self._zip.infolist(), key=lambda info: info.filename):
                digest.update(f"{info.filename}:{info.CRC}:{info.file_size}\n".encode())
        else:
            digest.update((self.path / "meta.csv").read_bytes())
            for name in sorted(self._names):
                digest.update(f"{name}:{(self.path / name).stat().st_size}\n".encode())
        return digest.hexdigest()
