"""A located error of an imported workbook: what the user must fix, and where."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Sheet, row as the spreadsheet shows it (1 is the header) and column; empty when
    the problem is the file or a whole sheet. The message is already translated."""

    sheet: str
    row: int | None
    column: str
    value: str
    message: str

    def line(self) -> str:
        """One line for the terminal: sheet:row column "value" — message."""
        place = self.sheet or "-"
        if self.row is not None:
            place += f":{self.row}"
        if self.column:
            place += f" {self.column}"
        value = f' "{self.value}"' if self.value else ""
        return f"{place}{value} — {self.message}"


class WorkbookRejected(Exception):
    """The file cannot be read at all (wrong kind, corrupted, too large)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.line() for problem in problems))
        self.problems = problems


def shown(value) -> str:
    """A cell value as the user typed it, short enough for a message."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text if len(text) <= 80 else text[:77] + "…"
