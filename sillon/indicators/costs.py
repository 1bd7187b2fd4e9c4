"""Experts and cost (docs/spec/indicators.md). The ratios to projects, enterprises and jobs are
assembled by the engine from the other groups."""

from decimal import Decimal

from django.db.models import Count, Sum

from sillon.indicators.values import NONE, IndicatorValue, Scope, breakdown
from sillon.outcomes.models import CostLine
from sillon.register.choices import ActivityKind
from sillon.register.models import Activity


def costs(scope: Scope) -> dict[str, IndicatorValue]:
    period = scope.period
    experts = Activity.objects.filter(
        organisation=scope.organisation,
        kind=ActivityKind.EXPERT,
        date__range=(period.start, period.end),
    )
    by_type = list(
        experts.order_by().values_list("expert_type").annotate(n=Count("pk"), eur=Sum("cost_eur"))
    )
    by_programme = experts.order_by().values_list("programme__code").annotate(eur=Sum("cost_eur"))
    expert_cost = sum((eur or 0 for _, _, eur in by_type), Decimal(0))

    # A cost line counts for the share of its days inside P. Cost lines are a few a year:
    # their five columns are read and prorated here.
    lines = CostLine.objects.filter(
        organisation=scope.organisation,
        period_start__lte=period.end,
        period_end__gte=period.start,
    ).values_list("period_start", "period_end", "amount_eur", "category", "programme__code")
    by_category: dict[str, Decimal] = {"expert": expert_cost}
    by_line_programme: list[tuple[str | None, Decimal]] = list(by_programme)
    total = expert_cost
    for start, end, amount, category, programme in lines:
        inside = (min(end, period.end) - max(start, period.start)).days + 1
        share = amount * inside / ((end - start).days + 1)
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
