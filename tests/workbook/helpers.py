import io

from openpyxl import Workbook


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PROJECTS = [
    ["project_ref", "name", "project_type", "sector_type", "intake_date"],
    ["P-1", "Épicerie", "creation", "market", "2024-01-15"],
]
