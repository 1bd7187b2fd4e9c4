"""What every spreadsheet Sillon writes shares: no text ever becomes a live formula.

A value typed in Sillon (a project's name, a partner, an organisation's name) may start
with "=", "+", "-" or "@", or a tab or carriage return — the starts OWASP lists for
formula injection. openpyxl turns a string starting with "=" into a formula; Excel and
LibreOffice evaluate formulas when the file is opened. Every string cell is therefore
written as a text cell, which no spreadsheet evaluates, with its value unchanged (so
that the workbook export imports back as it was). Both writers — the workbook export
(`workbook/export.py`) and the report's XLSX (`reports/xlsx.py`) — go through
`as_text`.
"""

# The starts that make a cell a formula in some spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell):
    """Mark an openpyxl cell holding a string as text (never a formula); other values
    (numbers, dates, empty) are left as they are. Returns the cell."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def could_be_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)
