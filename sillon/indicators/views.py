from datetime import date

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sillon.accounts.permissions import organisation_view
from sillon.accounts.roles import Ability
from sillon.catalogue.indicators import BY_ID, RATE
from sillon.catalogue.periods import Period, parse_period, year_period
from sillon.indicators import accompaniment, drilldown, employment, enterprises
from sillon.indicators.engine import compute
from sillon.indicators.freshness import cached
from sillon.indicators.values import Scope
from sillon.outcomes.models import Target

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
]
TREND = ["projects.accompanied", "enterprises.created", "jobs.created"]
TREND_YEARS = 5


def figures(organisation, period: Period) -> dict:
    """{indicator id: IndicatorValue} of the whole catalogue, cached per data version."""
    results = cached(organisation, f"catalogue:{period.id}", lambda: compute(organisation, period))
    return {result.indicator.id: result.value for result in results}


def trend_figures(organisation, year: int) -> dict:
    """The trend's few figures of a year: only the groups that compute them, cached."""

    def compute_trend() -> dict:
        scope = Scope(organisation, year_period(year), year_period(year).end)
        values = accompaniment.projects(scope) | enterprises.counts(scope)
        values |= employment.counts(scope)
        return {indicator_id: values[indicator_id].value for indicator_id in TREND}

    return cached(organisation, f"trend:{year}", compute_trend)


def chosen_period(request: HttpRequest) -> Period:
    try:
        return parse_period(request.GET.get("period", ""))
    except ValidationError:
        return year_period(timezone.localdate().year)


@organisation_view(Ability.VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    period = chosen_period(request)
    values = figures(organisation, period)
    # A semester is compared with the annual target on its year to date.
    year_to_date = period
    if period.id.endswith("-S2"):
        year_to_date = Period(
            f"{period.start.year}-01-01..{period.end}", date(period.start.year, 1, 1), period.end
        )
        ytd_values = figures(organisation, year_to_date)
    else:
        ytd_values = values
    target_period = str(period.start.year) if "-S" in period.id else period.id
    targets = dict(
        Target.objects.filter(organisation=organisation, period=target_period).values_list(
            "indicator", "value"
        )
    )
    rows = []
    for indicator_id in KEY_FIGURES:
        indicator, value = BY_ID[indicator_id], values[indicator_id]
        compared = ytd_values[indicator_id].value
        target = targets.get(indicator_id)
        reached = float(compared) / float(target) if target and compared is not None else None
        rows.append(
            {
                "indicator": indicator,
                "value": value.value,
                "is_rate": indicator.unit == RATE,
                "ytd": compared if year_to_date is not period else None,
                "target": target,
                "reached": reached,
                "drill": drilldown.records(indicator_id, Scope(organisation, period, period.end))
                is not None,
            }
        )
    this_year = timezone.localdate().year
    trend_years = range(
        min(period.start.year, this_year) - TREND_YEARS + 1, min(period.start.year, this_year) + 1
    )
    trend = []
    for indicator_id in TREND:
        series = [
            (year, figures(organisation, year_period(year))[indicator_id].value)
            for year in trend_years
        ]
        peak = max((v or 0 for _, v in series), default=0) or 1
        trend.append(
            {
                "indicator": BY_ID[indicator_id],
                "bars": [(year, value, round(100 * (value or 0) / peak)) for year, value in series],
            }
        )
    choices = [
        p
        for year in range(this_year, this_year - 8, -1)
        for p in (str(year), f"{year}-S1", f"{year}-S2")
    ]
    return render(
        request,
        "indicators/dashboard.html",
        {
            "section": "dashboard",
            "period": period,
            "rows": rows,
            "trend": trend,
            "choices": choices,
            "survival": values["enterprises.survival_by_cohort"].rows,
            "km": values["enterprises.survival_km"].rows,
            "persistence": values["jobs.persistence_by_cohort"].rows,
        },
    )


@organisation_view(Ability.VIEW)
def drill(request: HttpRequest, indicator: str) -> HttpResponse:
    """The records counted in a figure of the dashboard."""
    period = chosen_period(request)
    found = drilldown.records(indicator, Scope(request.organisation, period, period.end))
    if indicator not in BY_ID or found is None:
        raise Http404
    kind, queryset = found
    if not request.membership.can(Ability.VIEW_RECORDS):
        # A viewer reads the counts behind the figure, never the records.
        return render(
            request,
            "indicators/drill.html",
            {
                "section": "dashboard",
                "indicator": BY_ID[indicator],
                "period": period,
                "kind": kind,
                "breakdown": drilldown.breakdown(kind, queryset),
                "small_number": drilldown.SMALL_NUMBER,
            },
        )
    related = {
        "projects": ["enterprise"],
        "enterprises": ["project"],
        "jobs": ["enterprise__project"],
        "activities": ["programme"],
    }[kind]
    page = Paginator(queryset.select_related(*related).order_by("pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "indicators/drill.html",
        {
            "section": "dashboard",
            "indicator": BY_ID[indicator],
            "period": period,
            "kind": kind,
            "page": page,
        },
    )
