"""The dashboard of an organisation, assembled next to what it shows: the period's
catalogue, its year to date (a second semester only), the targets that apply, and a
five-year trend of three indicators in three grouped queries (not five catalogues).

A cold page costs at most two catalogues and three queries; everything is cached per
data version (freshness.py)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from sillon.catalogue.indicators import BY_ID, RATE, Indicator
from sillon.catalogue.periods import Period, year_period
from sillon.catalogue.targets import Against
from sillon.indicators import accompaniment, drilldown, employment, enterprises, followup
from sillon.indicators.engine import compute
from sillon.indicators.freshness import cached
from sillon.indicators.targets import applying
from sillon.indicators.values import Scope

# The figures the dashboard leads with, in this order.
KEY_FIGURES = [
    "projects.accompanied",
    "projects.new",
    "holders.count",
    "holders.women_share",
    "accompaniment.sessions",
    "accompaniment.hours",
    "experts.cost",
    "accompaniment.cost",
    "enterprises.created",
    "enterprises.active_end",
    "jobs.created",
    "jobs.created_fte",
    "jobs.active_end",
    "accreditation.accredited_end",
    "transfers.count",
    "accompaniment.cost_per_job_created",
    "applications.received",
    "applications.acceptance_rate",
]
# The centre's whole mission (docs/spec/mission.md).
KEY_FIGURES += [
    "outreach.activities",
    "outreach.hours",
    "outreach.audience",
    "missions.also_covered_cost_share",
    "stakes.active_end",
]
TREND = ["projects.accompanied", "enterprises.created", "jobs.created"]
TREND_YEARS = 5


def figures(organisation, period: Period) -> dict:
    """{indicator id: IndicatorValue} of the whole catalogue, cached per data version."""
    results = cached(organisation, f"catalogue:{period.id}", lambda: compute(organisation, period))
    return {result.indicator.id: result.value for result in results}


def trend_values(organisation, years: list[int]) -> dict[str, dict[int, int]]:
    """{indicator id: {year: value}} of the trend, each indicator in one query grouped
    by year, on the engine's own querysets (the same figures as each year's catalogue)."""
    if not years:
        return {indicator_id: {} for indicator_id in TREND}
    first, last = year_period(years[0]), year_period(years[-1])
    scope = Scope(
        organisation, Period(f"{first.start}..{last.end}", first.start, last.end), last.end
    )
    overlapping = accompaniment.overlapping_enrolments(scope).order_by()
    projects = overlapping.aggregate(
        **{
            str(year): Count(
                "project",
                distinct=True,
                filter=Q(start_date__lte=year_period(year).end)
                & (Q(end_date__isnull=True) | Q(end_date__gte=year_period(year).start)),
            )
            for year in years
        }
    )
    created = dict(
        enterprises.created_enterprises(scope)
        .filter(creation_date__range=(first.start, last.end))
        .order_by()
        .values_list(ExtractYear("creation_date"))
        .annotate(n=Count("pk"))
    )
    jobs = dict(
        employment.created_jobs(scope)
        .filter(start_date__range=(first.start, last.end))
        .order_by()
        .values_list(ExtractYear("start_date"))
        .annotate(n=Count("pk"))
    )
    return {
        "projects.accompanied": {year: projects[str(year)] for year in years},
        "enterprises.created": {year: created.get(year, 0) for year in years},
        "jobs.created": {year: jobs.get(year, 0) for year in years},
    }


@dataclass
class KeyFigure:
    indicator: Indicator
    value: object
    ytd: object  # the year to date of a second semester, else None
    target: object  # the target's value, or None
    against: Against | None
    drill: bool

    @property
    def is_rate(self) -> bool:
        return self.indicator.unit == RATE

    @property
    def reached(self) -> float | None:
        return self.against.share if self.against else None


def assemble(organisation, period: Period, today: date) -> dict:
    """Everything the dashboard shows for a period."""
    values = figures(organisation, period)
    targets, compared_period = applying(organisation, period)
    compared = values if compared_period == period else figures(organisation, compared_period)
    rows = []
    for indicator_id in KEY_FIGURES:
        target = targets.get(indicator_id)
        compared_value = compared[indicator_id].value
        rows.append(
            KeyFigure(
                indicator=BY_ID[indicator_id],
                value=values[indicator_id].value,
                ytd=compared_value if compared_period != period else None,
                target=target.value if target else None,
                against=target.against(compared_value) if target else None,
                drill=drilldown.has_records(indicator_id),
            )
        )
    last = min(period.start.year, today.year)
    years = list(range(last - TREND_YEARS + 1, last + 1))
    series = cached(
        organisation, f"trend:{years[0]}-{years[-1]}", lambda: trend_values(organisation, years)
    )
    trend = []
    for indicator_id in TREND:
        points = [(year, series[indicator_id][year]) for year in years]
        peak = max((value for _, value in points), default=0) or 1
        trend.append(
            {
                "indicator": BY_ID[indicator_id],
                "bars": [(year, value, round(100 * value / peak)) for year, value in points],
            }
        )
    return {
        "period": period,
        "rows": rows,
        "has_ytd": compared_period != period,
        "trend": trend,
        "survival": values["enterprises.survival_by_cohort"].rows,
        "km": values["enterprises.survival_km"].rows,
        "comparison": comparison_context(values["comparison.survival"].rows),
        "persistence": values["jobs.persistence_by_cohort"].rows,
        # Beside every persistence figure (docs/spec/followup.md, "Figures").
        "response_rate": values["followup.response_rate"].value,
        "confirmed": followup.confirmed_sentence(values["jobs.confirmed_share"].value),
    }


def comparison_context(rows) -> dict:
    """comparison.survival beside the survival table (docs/spec/comparison.md §4), as
    the annual report gives it: sizes only while a group is small."""
    groups, enough = enterprises.comparison_table(rows)
    return {
        "indicator": BY_ID["comparison.survival"],
        "groups": groups,
        "enough": enough,
        "minimum": enterprises.COMPARISON_GROUP_MINIMUM,
        "caveat": enterprises.COMPARISON_CAVEAT,
    }
