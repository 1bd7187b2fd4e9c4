"""The empty workbook: every sheet and header, drop-down lists for single codes, and a
`notes` sheet (ignored on import) explaining each column in French, Dutch and English."""

from typing import IO

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sillon.workbook.sheets import IGNORED, SHEETS

NOTES_HEADER = ["sheet", "column", "required", "français", "Nederlands", "English", "codes"]
LANGUAGES = ("fr", "nl", "en")
FIRST_LIST_COLUMN = len(NOTES_HEADER) + 2  # code lists, right of the explanations


def write_template(target: IO | str) -> None:
    book = Workbook()
    book.remove(book.active)
    notes = book.create_sheet(IGNORED)
    notes.append(NOTES_HEADER)
    for cell in notes[1]:
        cell.font = Font(bold=True)
    list_column = FIRST_LIST_COLUMN
    for sheet in SHEETS:
        worksheet = book.create_sheet(sheet.name)
        worksheet.append([column.name for column in sheet.columns])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for position, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(position)].width = 18
            notes.append(
                [
                    sheet.name,
                    column.name,
                    "yes" if column.required else "",
                    *(explained(column.help, language) for language in LANGUAGES),
                    ";".join(column.codes.choices.values) if column.codes else "",
                ]
            )
            if column.codes and column.parse is column.codes:  # single code: a drop-down
                letter = get_column_letter(list_column)
                values = column.codes.choices.values
                notes.cell(1, list_column, f"{sheet.name}.{column.name}").font = Font(bold=True)
                for row, value in enumerate(values, start=2):
                    notes.cell(row, list_column, value)
                rule = DataValidation(
                    type="list",
                    formula1=f"{IGNORED}!${letter}$2:${letter}${len(values) + 1}",
                    allow_blank=True,
                )
                target_letter = get_column_letter(position)
                rule.add(f"{target_letter}2:{target_letter}10000")
                worksheet.add_data_validation(rule)
                list_column += 1
    book.move_sheet(IGNORED, offset=len(SHEETS))
    book.save(target)


def explained(text, language: str) -> str:
    with translation.override(language):
        return str(text)
