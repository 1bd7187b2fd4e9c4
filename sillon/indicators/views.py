from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sillon.accounts.permissions import organisation_view
from sillon.accounts.roles import Ability
from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import Period, parse_period, refuse_future, year_period
from sillon.indicators import drilldown
from sillon.indicators.dashboard import assemble, figures
from sillon.indicators.values import Scope


def chosen_period(request: HttpRequest) -> Period:
    try:
        return parse_period(request.GET.get("period", ""))
    except ValidationError:
        return year_period(timezone.localdate().year)


@organisation_view(Ability.VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    period = chosen_period(request)
    refused = ""
    try:
        refuse_future(period, today)
    except ValidationError as error:
        refused = error.messages[0]
        period = year_period(today.year)
    this_year = today.year
    choices = [
        p
        for year in range(this_year, this_year - 8, -1)
        for p in (str(year), f"{year}-S1", f"{year}-S2")
        if parse_period(p).start <= today
    ]
    context = assemble(request.organisation, period, today)
    context |= {"section": "dashboard", "choices": choices, "refused": refused}
    return render(request, "indicators/dashboard.html", context)


RELATED = {
    drilldown.PROJECTS: ["enterprise"],
    drilldown.PERSONS: [],
    drilldown.ENTERPRISES: ["project"],
    drilldown.JOBS: ["enterprise__project"],
    drilldown.ACTIVITIES: ["programme"],
    drilldown.TRANSFERS: ["project", "partner"],
    drilldown.ASSESSMENTS: ["project"],
    drilldown.ACTIONS: [],
    drilldown.INTERACTIONS: ["partner"],
    drilldown.APPLICATIONS: ["programme", "project"],
    drilldown.STAKES: ["enterprise"],
    drilldown.QUESTIONNAIRES: ["project"],
}
# The projects a holder holds, each a link to the holder on that project's page.
PREFETCH = {drilldown.PERSONS: ["projects"]}
EXPERT_SORTS = {"date": "date", "-date": "-date", "amount": "cost_eur", "-amount": "-cost_eur"}
LINE_SORTS = {
    "date": lambda row: row.line.period_start,
    "amount": lambda row: row.share,
    "category": lambda row: row.line.category,
}


def _int(text, default=None):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _page(request, part, prefix: str):
    """A page of a list, or the cost rows of a cost figure."""
    if part is None or part.kind == drilldown.COSTS:
        return None
    records = part.queryset.prefetch_related(*PREFETCH.get(part.kind, []))
    if RELATED[part.kind]:
        records = records.select_related(*RELATED[part.kind])
    return Paginator(records.order_by("pk"), 50).get_page(request.GET.get(f"{prefix}page"))


@organisation_view(Ability.VIEW)
def drill(request: HttpRequest, indicator: str) -> HttpResponse:
    """The records counted in a figure: a key figure, a breakdown cell (`breakdown`,
    `key`), a survival or persistence cell (`cohort`, `years`), both sides of a ratio,
    the cost lines and expert activities of a cost. A member who may not open records
    (a viewer) reads the figure, its breakdowns and how many records it counts by kind,
    small numbers shown as "< 5", never the records."""
    period = chosen_period(request)
    if indicator not in BY_ID or not drilldown.has_records(indicator):
        raise Http404
    scope = Scope(request.organisation, period, period.end)
    cohort, years = _int(request.GET.get("cohort")), _int(request.GET.get("years"))
    if years is not None:
        years = max(1, min(years, 5))
    found = drilldown.drill(indicator, scope, cohort=cohort, years=years)
    breakdown, key = request.GET.get("breakdown", ""), request.GET.get("key", "")
    if breakdown and not drilldown.narrow(found, breakdown, key, indicator, scope):
        raise Http404
    value = figures(request.organisation, period)[indicator]
    personal = request.membership.can(Ability.VIEW_RECORDS)
    parts = found.parts
    counts = {
        prefix: part.queryset.count()
        for prefix, part in parts
        if personal and part.kind != drilldown.COSTS
    }
    listed = [part for _, part in parts if part.kind != drilldown.COSTS]
    context = {
        "section": "dashboard",
        "indicator": BY_ID[indicator],
        "period": period,
        "value": value,
        "drill": found,
        "cell": breakdown,
        "key": key,
        # For a member who may not open records: the records counted, by kind.
        "breakdown": None
        if personal or not listed
        else [
            row
            for part in [p for p in (found.whole, found.also) if p in listed] or listed[:1]
            for row in drilldown.breakdown(part.kind, part.queryset)
        ],
        "small_number": drilldown.SMALL_NUMBER,
        "part_units": drilldown.part_units(indicator),
        "cohort": cohort,
        "years": years,
        "counts": counts,
        "personal": personal,
        "drillable": {
            name: bool(parts)
            and all(
                drilldown.drillable(indicator, part.kind, name)
                for _, part in parts
                # A transfer counts as a `referral_out` interaction (drilldown.narrow).
                if not (part is found.also and name == "kind")
            )
            for name in value.breakdowns
        },
    }
    if personal:
        context |= {prefix + "page": _page(request, part, prefix) for prefix, part in parts}
        cost = next((part for _, part in parts if part.kind == drilldown.COSTS), None)
        if cost is not None:
            sort = request.GET.get("sort", "date")
            found_lines = cost.queryset.lines
            lines = [] if found_lines is None else drilldown.cost_lines(scope, found_lines)
            lines.sort(key=LINE_SORTS.get(sort.lstrip("-"), LINE_SORTS["date"]))
            if sort.startswith("-"):
                lines.reverse()
            experts = cost.queryset.activities.prefetch_related("projects")
            context |= {
                "sort": sort,
                "cost_lines": lines,
                "experts": experts.order_by(EXPERT_SORTS.get(sort, "date"), "pk"),
                # A share of the costs lists its numerator; the whole is another figure.
                "costs_of": BY_ID["missions.cost"]
                if indicator == drilldown.COVERED_COST_SHARE
                else None,
            }
    return render(request, "indicators/drill.html", context)
