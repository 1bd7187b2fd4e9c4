"""Writing an extract in the register's own format (quoted CSV, `dd-mm-yyyy`, dotted
numbers): for `sillon kbo demo-extract`, the tests and the benchmark's small cases."""

import datetime
import zipfile
from pathlib import Path

from sillon.codes import enterprise_numbers
from sillon.kbo.extract import HEADERS

OTHER_HEADERS = {
    "establishment": ["EstablishmentNumber", "StartDate", "EnterpriseNumber"],
    "contact": ["EntityNumber", "EntityContact", "ContactType", "Value"],
    "branch": ["Id", "StartDate", "EnterpriseNumber"],
}


def csv_line(values) -> str:
    return ",".join('"' + str(value).replace('"', '""') + '"' for value in values) + "\n"


def kbo_date(day: datetime.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def dotted(number: str) -> str:
    return enterprise_numbers.dotted(number)


def meta_rows(kind: str, number: int, snapshot: datetime.date) -> list[list[str]]:
    return [
        ["SnapshotDate", kbo_date(snapshot)],
        ["ExtractTimestamp", f"{kbo_date(snapshot)} 06:00:00"],
        ["ExtractType", kind],
        ["ExtractNumber", str(number)],
        ["Version", "1.0.0"],
    ]


def write_zip(path: Path, tables: dict[str, list[list[str]]]) -> Path:
    """`tables` maps a member name (without .csv) to its rows; headers are added."""
    headers = HEADERS | OTHER_HEADERS
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            base = name.removesuffix("_insert")
            if name.endswith("_delete"):
                header = ["EnterpriseNumber" if base.startswith("enterprise") else "EntityNumber"]
            else:
                header = headers[base]
            text = csv_line(header) + "".join(csv_line(row) for row in rows)
            archive.writestr(f"{name}.csv", text)
    return path


def extract_name(number: int, snapshot: datetime.date, kind: str) -> str:
    suffix = "Full" if kind == "full" else "Update"
    return f"KboOpenData_{number:04d}_{snapshot.year}_{snapshot.month:02d}_{suffix}.zip"
