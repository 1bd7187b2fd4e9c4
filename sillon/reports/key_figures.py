"""Key figures against targets, previous year or year to date, and the pace alerts."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.targets import Against, Direction
from sillon.indicators.targets import TargetFigure
from sillon.reports import charts
from sillon.reports.blocks import Cell, Row, Table
from sillon.reports.context import Context

KEY_FIGURES = [
    "projects.accompanied",
    "projects.new",
    "holders.count",
    "accompaniment.sessions",
    "accompaniment.hours",
    "enterprises.created",
    "enterprises.active_end",
    "jobs.created",
    "jobs.created_fte",
    "jobs.active_end",
    "accreditation.obtained",
    "accreditation.accredited_end",
    "transfers.count",
    "accompaniment.cost",
    "accompaniment.cost_per_job_created",
]


@dataclass
class Reached:
    indicator_id: str
    compared: float
    target: TargetFigure

    @property
    def against(self) -> Against:
        return self.target.against(self.compared)

    @property
    def share(self) -> float | None:
        return self.against.share


def reached(ctx: Context, compared_values: dict, targets: dict) -> list[Reached]:
    found = []
    for indicator_id in KEY_FIGURES:
        target = targets.get(indicator_id)
        value = compared_values[indicator_id].value
        if target is not None and value is not None:
            found.append(Reached(indicator_id, value, target))
    return found


def reached_cell(target, value) -> Cell:
    """The share reached of an at_least target; "within target" or "over target by x %"
    of an at_most one (indicators.md, "Targets")."""
    if target is None or value is None:
        return Cell(None, "rate")
    against = target.against(value)
    if against.direction == Direction.AT_MOST:
        return Cell(against.text, "text")
    return Cell(against.share, "rate")


def gauge_chart(ctx: Context, found: list[Reached]) -> str:
    if not found:
        return ""
    return charts.gauges(
        [(ctx.label(r.indicator_id), r.share or 0, r.against.text) for r in found],
        _("target"),
    )


def annual_table(ctx: Context, previous: dict, targets: dict) -> Table:
    """The year against its targets and the previous year."""
    rows = []
    for indicator_id in KEY_FIGURES:
        ctx.use(indicator_id)
        unit = BY_ID[indicator_id].unit
        value, before = ctx.values[indicator_id].value, previous[indicator_id].value
        change = (
            (float(value) - float(before)) / float(before) if value is not None and before else None
        )
        target = targets.get(indicator_id)
        rows.append(
            Row(
                ctx.label(indicator_id),
                [
                    Cell(value, unit),
                    Cell(before, unit),
                    Cell(change, "rate"),
                    Cell(target.value if target else None, unit),
                    reached_cell(target, value),
                ],
            )
        )
    year = ctx.period.start.year
    head = [
        _("Indicator"),
        str(year),
        str(year - 1),
        _("Change"),
        _("Target %(year)s") % {"year": year},
        _("Target reached"),
    ]
    return Table(_("Key figures of the year"), head, rows)


def semester_table(ctx: Context, year_to_date: dict, targets: dict) -> Table:
    rows = []
    for indicator_id in KEY_FIGURES:
        ctx.use(indicator_id)
        unit = BY_ID[indicator_id].unit
        value = ctx.values[indicator_id].value
        ytd = year_to_date[indicator_id].value
        target = targets.get(indicator_id)
        rows.append(
            Row(
                ctx.label(indicator_id),
                [
                    Cell(value, unit),
                    Cell(ytd, unit),
                    Cell(target.value if target else None, unit),
                    reached_cell(target, ytd),
                ],
            )
        )
    head = [
        _("Indicator"),
        _("Semester"),
        _("Year to date"),
        _("Annual target"),
        _("Target reached"),
    ]
    return Table(_("Key figures of the semester"), head, rows)


def behind_pace(found: list[Reached], elapsed: float) -> list[Reached]:
    """Targets behind their pace: an at_least target whose year-to-date share is below
    the share of the year elapsed; an at_most one (a cost) already over its target."""
    late = []
    for item in found:
        against = item.against
        if against.direction == Direction.AT_MOST:
            if against.met is False:
                late.append(item)
        elif against.share is not None and against.share < elapsed:
            late.append(item)
    return late


def pace_table(ctx: Context, late: list[Reached], elapsed: float) -> Table:
    rows = [
        Row(
            ctx.label(item.indicator_id),
            [
                Cell(item.compared, BY_ID[item.indicator_id].unit),
                Cell(item.target.value, BY_ID[item.indicator_id].unit),
                reached_cell(item.target, item.compared),
                Cell(elapsed, "rate")
                if item.against.direction == Direction.AT_LEAST
                else Cell(None, "rate"),
            ],
        )
        for item in late
    ]
    head = [_("Indicator"), _("Year to date"), _("Annual target"), _("Reached"), _("Expected")]
    return Table(_("Indicators behind their target pace"), head, rows)
