"""Applications (docs/spec/comparison.md §4): received in P, and the share accepted among
those decided. One aggregate query, grouped by programme and decision."""

from django.db.models import Count

from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.register.choices import ApplicationDecision
from sillon.register.models import Application


def applications_in_period(scope: Scope):
    """The applications dated in P (`applications.received`)."""
    period = scope.period
    return Application.objects.filter(
        organisation=scope.organisation, date__range=(period.start, period.end)
    )


def acceptance_parts(scope: Scope):
    """(numerator, denominator) of `applications.acceptance_rate`: the applications of P
    with a decision other than `waiting`, and those of them accepted."""
    decided = applications_in_period(scope).exclude(decision=ApplicationDecision.WAITING)
    return decided.filter(decision=ApplicationDecision.ACCEPTED), decided


def applications(scope: Scope) -> dict[str, IndicatorValue]:
    groups = list(
        applications_in_period(scope)
        .order_by()
        .values_list("programme__code", "decision")
        .annotate(n=Count("pk"))
    )
    received = sum(n for _, _, n in groups)
    decided = [
        (code, decision, n)
        for code, decision, n in groups
        if decision != ApplicationDecision.WAITING
    ]
    accepted = [(c, d, n) for c, d, n in decided if d == ApplicationDecision.ACCEPTED]
    rate = ratio(sum(n for *_, n in accepted), sum(n for *_, n in decided))
    rate.id = "applications.acceptance_rate"
    by_programme = {}
    for code in {code for code, _, _ in decided}:
        part = ratio(
            sum(n for c, _, n in accepted if c == code), sum(n for c, _, n in decided if c == code)
        )
        by_programme[code] = part.value
    rate.breakdowns = {"programme": {k: v for k, v in by_programme.items() if v is not None}}
    return {
        "applications.received": IndicatorValue(
            id="applications.received",
            value=received,
            breakdowns={
                "programme": breakdown((code, n) for code, _, n in groups),
                "decision": breakdown((decision, n) for _, decision, n in groups),
            },
        ),
        "applications.acceptance_rate": rate,
    }
