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
from sillon.indicators.dashboard import assemble
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
