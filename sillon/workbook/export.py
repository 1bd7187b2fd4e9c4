"""Writing workbooks: an organisation's records in the import format (what import
reads, export writes), and any list of records as rows."""

import datetime
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from sillon.accounts.models import Organisation
from sillon.core.spreadsheets import as_text
from sillon.workbook.records import BINDINGS, EXPORT_ONLY_BINDINGS
from sillon.workbook.sheets import EXPORTED

DATE_FORMAT = "yyyy-mm-dd"


def cell_value(value):
    """A stored value as the workbook writes it (and import reads back the same)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(str(part) for part in value)
    if value == "":
        return None
    return value


def sheet_rows(organisation: Organisation, personal: bool) -> dict[str, tuple[list, list]]:
    """{sheet: (columns, rows of values)}; without personal columns when `personal` is
    False (a viewer's export, not meant for re-import). The sheets the import reads, then
    those it skips (the follow-up's questionnaires)."""
    result = {}
    for binding in [*BINDINGS, *EXPORT_ONLY_BINDINGS]:
        sheet = EXPORTED[binding.sheet_name]
        columns = [c.name for c in sheet.columns if personal or not c.personal]
        rows = sorted(
            (row for _record, row in binding.existing(organisation)),
            key=lambda row: tuple(sort_key(row[name]) for name in sheet.key),
        )
        result[sheet.name] = (columns, [[row[name] for name in columns] for row in rows])
    return result


def sort_key(value):
    return (value is None, str(value) if value is not None else "")


def write_workbook(sheets: dict[str, tuple[list, list]], target: IO | str) -> None:
    book = Workbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        worksheet = book.create_sheet(name)
        worksheet.append([header_cell(worksheet, column) for column in columns])
        for values in rows:
            worksheet.append([data_cell(worksheet, value) for value in values])
    if not sheets:
        book.create_sheet("empty")
    book.save(target)


def header_cell(worksheet, text: str) -> WriteOnlyCell:
    cell = as_text(WriteOnlyCell(worksheet, value=str(text)))
    cell.font = Font(bold=True)
    return cell


def data_cell(worksheet, value) -> WriteOnlyCell:
    value = cell_value(value)
    cell = as_text(WriteOnlyCell(worksheet, value=value))  # never a formula
    if isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.number_format = "0.00##"
    return cell


def export_organisation(organisation: Organisation, target: IO | str, personal: bool) -> None:
    write_workbook(sheet_rows(organisation, personal), target)
