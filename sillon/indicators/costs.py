"""Experts and cost (docs/spec/indicators.md). The ratios to projects, enterprises and jobs are
assembled by the engine from the other groups."""

from decimal import Decimal

from django.db.models import Count, Sum

from sillon.indicators.values import NONE, IndicatorValue, Scope, breakdown
from sillon.outcomes.models import CostLine
from sillon.register.choices import ActivityKind
from sillon.register.models import Activity


def expert_activities(scope: Scope):
    """The expert interventions of P: `experts.interventions`, and `experts.cost` summed
    over them."""
    return Activity.objects.filter(
        organisation=scope.organisation,
        kind=ActivityKind.EXPERT,
        date__range=(scope.period.start, scope.period.end),
    )


def cost_lines(scope: Scope):
    """The cost lines overlapping P (each counts for its share in P)."""
    return CostLine.objects.filter(
        organisation=scope.organisation,
        period_start__lte=scope.period.end,
        period_end__gte=scope.period.start,
    )


def days_inside(start, end, period) -> tuple[int, int]:
    """(days of a cost line inside P, days of the line)."""
    inside = (min(end, period.end) - max(start, period.start)).days + 1
    return inside, (end - start).days + 1


def share_in_period(start, end, amount, period) -> Decimal:
    """A cost line's share in P: amount × (days of the line inside P) / (days of the line)."""
    inside, days = days_inside(start, end, period)
    return amount * inside / days


def costs(scope: Scope) -> dict[str, IndicatorValue]:
    period = scope.period
    experts = expert_activities(scope)
    by_type = list(
        experts.order_by().values_list("expert_type").annotate(n=Count("pk"), eur=Sum("cost_eur"))
    )
    by_programme = experts.order_by().values_list("programme__code").annotate(eur=Sum("cost_eur"))
    expert_cost = sum((eur or 0 for _, _, eur in by_type), Decimal(0))

    # A cost line counts for the share of its days inside P. Cost lines are a few a year:
    # their five columns are read and prorated here.
    lines = cost_lines(scope).values_list(
        "period_start", "period_end", "amount_eur", "category", "programme__code"
    )
    by_category: dict[str, Decimal] = {"expert": expert_cost}
    by_line_programme: list[tuple[str | None, Decimal]] = list(by_programme)
    total = expert_cost
    for start, end, amount, category, programme in lines:
        share = share_in_period(start, end, amount, period)
        total += share
        by_category[category] = by_category.get(category, Decimal(0)) + share
        by_line_programme.append((programme, share))
    return {
        "experts.interventions": IndicatorValue(
            "experts.interventions",
            sum(n for _, n, _ in by_type),
            breakdowns={"expert_type": breakdown((t or NONE, n) for t, n, _ in by_type)},
        ),
        "experts.cost": IndicatorValue(
            "experts.cost",
            expert_cost,
            breakdowns={"expert_type": breakdown((t or NONE, e or 0) for t, _, e in by_type)},
        ),
        "accompaniment.cost": IndicatorValue(
            "accompaniment.cost",
            total,
            breakdowns={
                "category": breakdown(by_category.items()),
                "programme": breakdown(by_line_programme),
            },
        ),
    }
