"""The one rule of every spreadsheet Sillon writes: text is never a formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from sillon.core.spreadsheets import FORMULA_STARTS, as_text, could_be_formula

HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("write_only", [False, True])
def test_strings_are_written_as_text_and_read_back_unchanged(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("s") if write_only else book.active
    if write_only:
        sheet.append([as_text(WriteOnlyCell(sheet, value=value)) for value in [*HOSTILE, 3]])
    else:
        sheet.append([*HOSTILE, 3])
        for cell in sheet[1]:
            as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue()))
    row = next(read.worksheets[-1].iter_rows())
    assert [cell.data_type for cell in row] == ["s"] * len(HOSTILE) + ["n"]
    # XML turns a carriage return into a line feed; nothing else changes.
    assert [cell.value for cell in row[:-1]] == [v.replace("\r", "\n") for v in HOSTILE]


def test_without_it_openpyxl_would_write_a_formula():
    book = Workbook()
    book.active.append(["=1+1"])
    assert book.active["A1"].data_type == "f"


def test_the_starts_are_owasps():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}
    assert all(could_be_formula(value) for value in HOSTILE)
    assert not could_be_formula("Boulangerie") and not could_be_formula(-1)
