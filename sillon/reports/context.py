"""What a report reads: the engine's values for its periods, the targets, the labels,
and the helpers that turn them into tables and charts. Nothing here computes an
indicator: every figure is a value of `sillon.indicators.engine.compute`."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sillon.catalogue.indicators import BY_ID, COUNT, DAYS, EUR, FTE, HOURS, PEOPLE
from sillon.catalogue.periods import Period, year_period
from sillon.indicators.engine import compute
from sillon.indicators.freshness import cached
from sillon.indicators.targets import applying
from sillon.reports import charts
from sillon.reports.blocks import COUNT_LIKE, Cell, Row, Suppressed, Table, written
from sillon.reports.labels import KeyLabels, breakdown_names

# The FTE figures whose breakdown cells follow the suppression of their headcount.
PAIRED_COUNTS = {"jobs.created_fte": "jobs.created", "jobs.active_end_fte": "jobs.active_end"}
# A breakdown longer than this shows its largest parts and one line for the rest: a page
# reads better, and WeasyPrint lays out a short table much faster than hundreds of rows.
# The spreadsheet's raw indicator table keeps every part.
TOP_PARTS = 15
ADDITIVE_UNITS = {COUNT, PEOPLE, DAYS, HOURS, EUR, FTE}


def values_of(organisation, period: Period) -> dict:
    """{indicator id: Value} of the whole catalogue, shared with the dashboard's cache."""
    results = cached(organisation, f"catalogue:{period.id}", lambda: compute(organisation, period))
    return {result.indicator.id: result.value for result in results}


class Context:
    def __init__(self, organisation, period: Period, language: str, suppression: int | None):
        self.organisation = organisation
        self.period = period
        self.language = language
        self.suppression = suppression
        self.values = values_of(organisation, period)
        self.labels = KeyLabels(organisation, language)
        self.names = breakdown_names()
        self.used: list[str] = []  # indicator ids shown, for the annex's definitions

    # -- values ---------------------------------------------------------------------------

    def use(self, indicator_id: str):
        if indicator_id not in self.used:
            self.used.append(indicator_id)
        return self.values[indicator_id]

    def label(self, indicator_id: str) -> str:
        return str(BY_ID[indicator_id].label)

    def cell(self, indicator_id: str, values: dict | None = None) -> Cell:
        value = (values or self.values)[indicator_id].value
        return Cell(value, BY_ID[indicator_id].unit)

    def targets(self, year: int) -> dict:
        """{indicator id: TargetFigure} set for that year (never prorated)."""
        return applying(self.organisation, year_period(year))[0]

    def texts(self, unit: str):
        return lambda value: written(value, unit)

    # -- breakdowns -----------------------------------------------------------------------

    def parts(self, indicator_id: str, breakdown: str) -> dict:
        """A breakdown's parts, with small counts suppressed when asked."""
        parts = self.values[indicator_id].breakdowns.get(breakdown, {})
        if not self.suppression:
            return dict(parts)
        unit = BY_ID[indicator_id].unit
        counted = PAIRED_COUNTS.get(indicator_id)
        if unit not in COUNT_LIKE and not counted:
            return dict(parts)
        counts = self.values[counted].breakdowns.get(breakdown, {}) if counted else parts
        return {
            key: Suppressed(self.suppression) if 0 < counts.get(key, 0) < self.suppression else v
            for key, v in parts.items()
        }

    def suppress_count(self, value):
        if self.suppression and isinstance(value, int) and 0 < value < self.suppression:
            return Suppressed(self.suppression)
        return value

    def breakdown(self, indicator_id: str, breakdown: str, chart: bool = True) -> Table | None:
        """One breakdown of one indicator: a table sorted by value and its bar chart."""
        self.use(indicator_id)
        parts = self.parts(indicator_id, breakdown)
        if not parts:
            return None
        unit = BY_ID[indicator_id].unit
        ordered = sorted(parts.items(), key=lambda item: (-_sortable(item[1]), item[0]))
        ordered, rest = ordered[: TOP_PARTS - 1], ordered[TOP_PARTS - 1 :]
        if len(rest) == 1:
            ordered, rest = ordered + rest, []
        rows = [
            Row(self.labels(breakdown, key, indicator_id), [Cell(value, unit)])
            for key, value in ordered
        ]
        if rest:
            rest_value = self._rest_value(indicator_id, breakdown, [key for key, _ in rest])
            rows.append(Row(_other_label(len(rest)), [Cell(rest_value, unit)]))
            ordered.append(("", rest_value))
        name = self.names[breakdown]
        title = f"{self.label(indicator_id)} — {name[0].lower()}{name[1:]}"
        svg = ""
        if chart:
            svg = charts.bars(
                [
                    (row.label, _plotted(v), row.cells[0].text)
                    for row, (_, v) in zip(rows, ordered, strict=True)
                ]
            )
        note = ""
        if breakdown == "programme" and indicator_id.startswith("projects."):
            note = _("A project enrolled in several programmes counts in each of them.")
        return Table(title, [self.names[breakdown], self.label(indicator_id)], rows, svg, note)

    def _rest_value(self, indicator_id: str, breakdown: str, keys: list):
        """The parts beyond the largest ones, added up from the engine's unsuppressed
        values (a sum of small parts is hidden only if it is small itself); rates and
        other figures that do not add up are left blank."""
        unit = BY_ID[indicator_id].unit
        if unit not in ADDITIVE_UNITS:
            return None
        parts = self.values[indicator_id].breakdowns.get(breakdown, {})
        total = sum((parts.get(key) or 0) for key in keys)
        counted = PAIRED_COUNTS.get(indicator_id)
        if counted:
            count = sum((self.values[counted].breakdowns[breakdown].get(k) or 0) for k in keys)
            if self.suppression and 0 < count < self.suppression:
                return Suppressed(self.suppression)
            return total
        return self.suppress_count(total) if unit in COUNT_LIKE else total

    def multi_breakdown(self, indicator_ids: list[str], breakdown: str) -> Table | None:
        """Several indicators side by side over the keys of one breakdown (no chart)."""
        columns = {i: self.parts(i, breakdown) for i in indicator_ids}
        for indicator_id in indicator_ids:
            self.use(indicator_id)
        keys = sorted(
            {key for parts in columns.values() for key in parts},
            key=lambda key: (-_sortable(columns[indicator_ids[0]].get(key, 0)), key),
        )
        if not keys:
            return None
        keys, rest = keys[: TOP_PARTS - 1], keys[TOP_PARTS - 1 :]
        if len(rest) == 1:
            keys, rest = keys + rest, []
        rows = [
            Row(
                self.labels(breakdown, key, indicator_ids[0]),
                [Cell(columns[i].get(key, 0), BY_ID[i].unit) for i in indicator_ids],
            )
            for key in keys
        ]
        if rest:
            cells = [
                Cell(self._rest_value(i, breakdown, rest), BY_ID[i].unit) for i in indicator_ids
            ]
            rows.append(Row(_other_label(len(rest)), cells))
        head = [self.names[breakdown], *(self.label(i) for i in indicator_ids)]
        return Table(self.names[breakdown], head, rows)

    def scalars(self, title: str, indicator_ids: list[str], extra_columns=None) -> Table:
        """A table of scalar figures, one per line, optionally with more columns
        (`extra_columns`: list of (heading, {indicator id: Value})."""
        extra_columns = extra_columns or []
        rows = []
        for indicator_id in indicator_ids:
            self.use(indicator_id)
            cells = [self.cell(indicator_id)]
            cells += [self.cell(indicator_id, values) for _, values in extra_columns]
            rows.append(Row(self.label(indicator_id), cells))
        head = [_("Indicator"), _("Value"), *(heading for heading, _ in extra_columns)]
        return Table(title, head, rows)

    def table(self, indicator_id: str, columns: list[tuple[str, str, str]]) -> Table:
        """A table indicator: `columns` are (key in the row, heading, unit)."""
        self.use(indicator_id)
        rows = []
        for row in self.values[indicator_id].rows or []:
            first_key, _heading, first_unit = columns[0]
            cells = [Cell(row[key], unit) for key, _heading, unit in columns[1:]]
            rows.append(Row(written(row[first_key], first_unit), cells))
        return Table(self.label(indicator_id), [heading for _, heading, _ in columns], rows)


def _other_label(count: int) -> str:
    return ngettext("Other (%(count)s category)", "Other (%(count)s categories)", count) % {
        "count": count
    }


def _plotted(value) -> float | None:
    """A bar's length; none for a hidden or blank cell."""
    return None if value is None or isinstance(value, Suppressed) else float(value)


def _sortable(value) -> float:
    if isinstance(value, Suppressed):
        return 0.0
    return float(value or 0)


def today() -> date:
    from django.utils import timezone

    return timezone.localdate()
