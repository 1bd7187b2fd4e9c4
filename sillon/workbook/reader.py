"""Reading a workbook file into raw sheets: an .xlsx (values only) or a .zip or folder of
CSV files. Nothing here knows the columns; it refuses what cannot be read safely."""

import csv
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

from sillon.workbook.problems import Problem, WorkbookRejected, shown

# A zip whose contents would unpack to more than this is refused (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
MERGE = re.compile(rb'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"')
# The compression methods Python's zipfile reads; anything else is refused by name.
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
# What reading a damaged member may raise (checksum, truncated stream, bad data).
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, LookupError)


@dataclass
class RawSheet:
    name: str  # as written in the file
    header: list[str]
    # (row number as the spreadsheet shows it, cell values), empty rows left out
    rows: list[tuple[int, list]] = field(default_factory=list)


def reject(message: str, value: str = "", sheet: str = "") -> WorkbookRejected:
    return WorkbookRejected([Problem(sheet, None, "", value, message)])


def max_bytes() -> int:
    return settings.WORKBOOK_MAX_BYTES


def read_path(path: Path) -> tuple[list[RawSheet], list[Problem]]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        total = sum(p.stat().st_size for p in files)
        if total > max_bytes():
            raise too_large(total)
        return read_csv_files([(p.name, p.read_bytes()) for p in files])
    size = path.stat().st_size
    if size > max_bytes():
        raise too_large(size)
    return read_bytes(path.name, path.read_bytes())


def too_large(size: int) -> WorkbookRejected:
    return reject(
        _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
        % {"size": (size + 2**20 - 1) // 2**20, "limit": max_bytes() // 2**20}
    )


def read_bytes(name: str, content: bytes) -> tuple[list[RawSheet], list[Problem]]:
    """Sheets and the problems found while reading (formulas, merged cells)."""
    if len(content) > max_bytes():
        raise too_large(len(content))
    extension = Path(name).suffix.lower()
    if extension not in (".xlsx", ".zip"):
        raise reject(
            _("Sillon reads .xlsx workbooks and .zip files of CSV sheets, not %(kind)s files.")
            % {"kind": extension or _("unnamed")},
            value=name,
        )
    archive = open_zip(name, content)
    if extension == ".xlsx":
        return read_xlsx(archive, content)
    members = [
        info for info in archive.infolist() if not info.is_dir() and not is_hidden(info.filename)
    ]
    return read_csv_files([(posixpath.basename(i.filename), archive.read(i)) for i in members])


def damaged_member(name: str) -> WorkbookRejected:
    return reject(
        _("The file is damaged: its part %(part)s cannot be read (checksum or data wrong).")
        % {"part": name},
        sheet=posixpath.basename(name),
    )


def is_hidden(path: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/"))


def open_zip(name: str, content: bytes) -> zipfile.ZipFile:
    """A zip whose contents are safe to unpack (an .xlsx is a zip too)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise reject(_("The file is damaged or is not what its name says."), value=name) from None
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise reject(_("The file unpacks to far more data than a workbook holds."), value=name)
    for info in infos:
        part = posixpath.basename(info.filename)
        if info.flag_bits & 0x1:
            raise reject(
                _("Part %(part)s of the file is protected by a password: save it without one.")
                % {"part": info.filename},
                sheet=part,
            )
        if info.compress_type not in READABLE_METHODS:
            raise reject(
                _(
                    "Part %(part)s of the file is compressed with a method Sillon cannot read "
                    "(number %(method)d): save or zip it again with the usual settings."
                )
                % {"part": info.filename, "method": info.compress_type},
                sheet=part,
            )
    # Every part is read once here, so that a damaged one is named now rather than
    # failing somewhere in the middle of reading.
    try:
        bad = archive.testzip()
    except DAMAGED:
        bad = next((i.filename for i in infos if not _readable(archive, i)), name)
    if bad is not None:
        raise damaged_member(bad)
    return archive


def _readable(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(info) as member:
            while member.read(2**20):
                pass
    except DAMAGED:
        return False
    return True


def read_xlsx(archive: zipfile.ZipFile, content: bytes) -> tuple[list[RawSheet], list[Problem]]:
    import openpyxl

    refuse_declarations(archive)

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise reject(_("The file is damaged or is not an Excel workbook (.xlsx).")) from None
    problems: list[Problem] = []
    merged = merged_cells(archive)
    sheets = []
    try:
        for worksheet in book.worksheets:
            for cell_range in merged.get(worksheet.title, []):
                problems.append(
                    Problem(
                        worksheet.title,
                        None,
                        cell_range,
                        "",
                        _("Merged cells are not accepted: unmerge them and fill every cell."),
                    )
                )
            sheets.append(read_worksheet(worksheet, problems))
    except Exception:
        raise reject(_("The file is damaged or is not an Excel workbook (.xlsx).")) from None
    finally:
        book.close()
    return sheets, problems


def refuse_declarations(archive: zipfile.ZipFile) -> None:
    """A workbook's XML never declares a document type; one that does may define
    entities that expand without end (a "billion laughs")."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(info):
            raise reject(
                _("Part %(part)s of the file declares XML entities, which no workbook has.")
                % {"part": info.filename},
                sheet=posixpath.basename(info.filename),
            )


def read_worksheet(worksheet, problems: list[Problem]) -> RawSheet:
    sheet = RawSheet(worksheet.title, [])
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                problems.append(
                    Problem(
                        worksheet.title,
                        number,
                        getattr(cell, "column_letter", ""),
                        shown(value),
                        _("Formulas are not accepted: paste the values instead."),
                    )
                )
                value = None
            values.append(value)
        if number == 1:
            sheet.header = [str(v).strip() if v is not None else "" for v in values]
        elif any(v is not None and str(v).strip() for v in values):
            sheet.rows.append((number, values))
    return sheet


def merged_cells(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """Merged ranges per sheet title. openpyxl's read-only mode does not tell them, so
    they are read from each sheet's XML."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    found = {}
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        try:
            ranges = MERGE.findall(archive.read(posixpath.normpath(path)))
        except KeyError:
            continue
        if ranges:
            found[sheet.get("name")] = [r.decode() for r in ranges]
    return found


def read_csv_files(files: list[tuple[str, bytes]]) -> tuple[list[RawSheet], list[Problem]]:
    sheets, problems = [], []
    for name, content in files:
        stem, extension = posixpath.splitext(name)
        if extension.lower() != ".csv":
            problems.append(
                Problem(name, None, "", "", _("Only CSV files named <sheet>.csv are read."))
            )
            continue
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(
                Problem(stem, None, "", "", _("The file is not UTF-8 text: save it as CSV UTF-8."))
            )
            continue
        try:
            sheets.append(read_csv(stem, text))
        except CsvUnreadable as unreadable:
            problems.append(unreadable.problem)
    return sheets, problems


class CsvUnreadable(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.line())
        self.problem = problem


def read_csv(name: str, text: str) -> RawSheet:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CsvUnreadable(
            Problem(
                name, line, "", "", _("This line holds a NUL character, which no cell can hold.")
            )
        )
    sheet = RawSheet(name, [])
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for number, values in enumerate(rows, start=1):
            if number == 1:
                sheet.header = [v.strip() for v in values]
            elif any(v.strip() for v in values):
                sheet.rows.append((number, values))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            message = _(
                "A cell holds more than %(limit)d characters, far more than any column."
            ) % {"limit": csv.field_size_limit()}
        else:
            message = _("This line is not valid CSV (a quote left open?).")
        raise CsvUnreadable(Problem(name, rows.line_num, "", "", message)) from None
    return sheet
