"""A Document as a workbook: one sheet per section with real numbers and number
formats, the data-quality gaps with the annex, and the raw indicator table."""

import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sillon.catalogue.display import NUMBER_FORMATS
from sillon.core.spreadsheets import as_text
from sillon.reports.blocks import Document, Suppressed, Table, Text

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def _sheet_name(number: int, title: str, taken: set) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", f"{number}. {title}")[:31]
    while name in taken:
        name = name[:29] + f"~{len(taken)}"
    taken.add(name)
    return name


def _write_table(sheet, table: Table) -> None:
    sheet.append([table.title])
    sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append(table.head)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in table.rows:
        sheet.append([row.label, *(cell.number for cell in row.cells)])
        for column, cell in enumerate(row.cells, start=2):
            target = sheet.cell(sheet.max_row, column)
            if cell.unit in NUMBER_FORMATS and not isinstance(cell.value, Suppressed):
                target.number_format = NUMBER_FORMATS[cell.unit]
            if cell.unit == "text":
                target.alignment = Alignment(wrap_text=True, vertical="top")
    if table.note:
        sheet.append([table.note])
    sheet.append([])


def to_xlsx(document: Document) -> bytes:
    with override(document.language):
        workbook = Workbook()
        cover = workbook.active
        cover.title = _("Report")[:31]
        for line in (
            document.organisation,
            document.title,
            document.period_text,
            f"{_('Figures read on')}: {document.as_of_text}",
            document.produced_text,
        ):
            cover.append([line])
        cover["B1"].font = TITLE
        cover.cell(2, 1).font = TITLE
        if document.definitions_not_agreed:
            cover.append(
                [
                    _(
                        "A definition used in this report is not agreed yet: see the "
                        "definitions register in the annex."
                    )
                ]
            )
        if document.suppression:
            cover.append(
                [
                    _("Breakdown cells below %(threshold)s are shown as “< %(threshold)s”.")
                    % {"threshold": document.suppression}
                ]
            )
        cover.column_dimensions["A"].width = 90
        taken = {cover.title}
        for section in document.sections:
            sheet = workbook.create_sheet(_sheet_name(section.number, section.title, taken))
            sheet.append([f"{section.number}. {section.title}"])
            sheet["A1"].font = TITLE
            sheet.append([])
            for block in section.blocks:
                if isinstance(block, Table):
                    _write_table(sheet, block)
                elif isinstance(block, Text):
                    if block.title:
                        sheet.append([block.title])
                        sheet.cell(sheet.max_row, 1).font = BOLD
                    for paragraph in block.paragraphs:
                        sheet.append([paragraph])
                    sheet.append([])
            sheet.column_dimensions["A"].width = 60
            for letter in "BCDEFGHI":
                sheet.column_dimensions[letter].width = 16
        _raw_sheet(workbook.create_sheet(_("Indicators")[:31]), document)
        # Names typed in Sillon are in these sheets: none may become a formula.
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    as_text(cell)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _raw_sheet(sheet, document: Document) -> None:
    """Every indicator of the catalogue as the engine gave it, one value a line."""
    sheet.append(
        [
            "id",
            _("Indicator"),
            _("Unit"),
            _("Breakdown"),
            _("Key"),
            _("Value"),
            _("Numerator"),
            _("Denominator"),
        ]
    )
    for cell in sheet[1]:
        cell.font = BOLD
    for item in document.raw:
        head = [item["id"], item["label"], item["unit"]]
        if "rows" in item:
            for row in item["rows"]:
                (first, first_value), *cells = row.items()
                for column, value in cells:
                    sheet.append([*head, f"{first}={first_value}", column, value])
            continue
        sheet.append([*head, "", "", item["value"], item.get("numerator"), item.get("denominator")])
        for name, parts in item.get("breakdowns", {}).items():
            for key, amount in parts.items():
                sheet.append([*head, name, key, amount])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 60
    sheet.freeze_panes = "A2"
