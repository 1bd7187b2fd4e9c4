"""Key figures against targets, previous year or year to date, and the pace alerts."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sillon.catalogue.indicators import BY_ID
from sillon.reports import charts
from sillon.reports.blocks import Cell, Row, Table, written
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
    target: float

    @property
    def share(self) -> float:
        return self.compared / self.target


def reached(ctx: Context, compared_values: dict, targets: dict) -> list[Reached]:
    found = []
    for indicator_id in KEY_FIGURES:
        target = targets.get(indicator_id)
        value = compared_values[indicator_id].value
        if target and value is not None:
            found.append(Reached(indicator_id, float(value), target))
    return found


def gauge_chart(ctx: Context, found: list[Reached]) -> str:
    if not found:
        return ""
    return charts.gauges(
        [(ctx.label(r.indicator_id), r.share, written(r.share, "rate")) for r in found],
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
        share = float(value) / target if target and value is not None else None
        rows.append(
            Row(
                ctx.label(indicator_id),
                [
                    Cell(value, unit),
                    Cell(before, unit),
                    Cell(change, "rate"),
                    Cell(target, unit),
                    Cell(share, "rate"),
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
        share = float(ytd) / target if target and ytd is not None else None
        rows.append(
            Row(
                ctx.label(indicator_id),
                [Cell(value, unit), Cell(ytd, unit), Cell(target, unit), Cell(share, "rate")],
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


# Ratios fall behind when they grow: a cost per job above its target is no progress.
LOWER_IS_BETTER = {"accompaniment.cost_per_job_created"}


def behind_pace(found: list[Reached], elapsed: float) -> list[Reached]:
    """Targets whose year-to-date share is below the share of the year elapsed (for a
    ratio, whose value above target)."""
    late = []
    for item in found:
        if item.indicator_id in LOWER_IS_BETTER:
            if item.share > 1:
                late.append(item)
        elif item.share < elapsed:
            late.append(item)
    return late


def pace_table(ctx: Context, late: list[Reached], elapsed: float) -> Table:
    rows = [
        Row(
            ctx.label(item.indicator_id),
            [
                Cell(item.compared, BY_ID[item.indicator_id].unit),
                Cell(item.target, BY_ID[item.indicator_id].unit),
                Cell(item.share, "rate"),
                Cell(elapsed, "rate"),
            ],
        )
        for item in late
    ]
    head = [_("Indicator"), _("Year to date"), _("Annual target"), _("Reached"), _("Expected")]
    return Table(_("Indicators behind their target pace"), head, rows)
