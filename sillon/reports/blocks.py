"""The pieces a report is made of, shared by the HTML/PDF templates and the XLSX writer."""

import base64
from dataclasses import dataclass, field
from decimal import Decimal

from sillon.catalogue import display

COUNT_LIKE = {"count", "people", "days"}


@dataclass(frozen=True)
class Suppressed:
    """A breakdown cell below the small-number threshold, shown as `< N`."""

    threshold: int

    def __str__(self) -> str:
        return f"< {self.threshold}"


def written(value, unit: str) -> str:
    """A value as the active language writes it, by the one display rule
    (sillon/catalogue/display.py)."""
    if value is None:
        return "—"
    if isinstance(value, Suppressed):
        return str(value)
    if unit in ("year", "text"):
        return str(value)
    return display.figure(value, unit)


@dataclass
class Cell:
    value: object
    unit: str
    text: str = ""

    def __post_init__(self):
        self.text = written(self.value, self.unit)

    @property
    def number(self):
        """The value for a spreadsheet: a number, or the text when it is not one."""
        if isinstance(self.value, Suppressed) or self.unit == "text":
            return str(self.value)
        if isinstance(self.value, Decimal):
            return float(self.value)
        return self.value


@dataclass
class Row:
    label: str
    cells: list[Cell]
    emphasis: bool = False

    def __post_init__(self):
        self.label = str(self.label)  # lazy labels become text in the report's language


@dataclass
class Table:
    title: str
    head: list[str]
    rows: list[Row]
    chart: str = ""  # SVG
    note: str = ""
    kind: str = "table"

    def __post_init__(self):
        self.title, self.note = str(self.title), str(self.note)
        self.head = [str(heading) for heading in self.head]

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(heading, whether the column holds numbers): numbers align right, text left."""
        return [
            (heading, index > 0 and not all(r.cells[index - 1].unit == "text" for r in self.rows))
            for index, heading in enumerate(self.head)
        ]

    @property
    def chart_uri(self) -> str:
        """The chart as an <img> source: the pages' content security policy allows
        data: images, and WeasyPrint reads them too."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.chart.encode()).decode()


@dataclass
class Text:
    paragraphs: list[str]
    title: str = ""
    caveat: bool = False
    kind: str = "text"


@dataclass
class Section:
    number: int
    key: str
    title: str
    blocks: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"


@dataclass
class Document:
    kind: str
    title: str
    organisation: str
    period_id: str
    period_text: str
    as_of_text: str
    produced_text: str
    language: str
    suppression: int | None
    provisional: bool
    sections: list[Section]
    raw: list[dict]  # the raw indicator table: one dict per line
    # A definition used is not `agreed` in the definitions register (docs/spec/mission.md).
    definitions_not_agreed: bool = False
