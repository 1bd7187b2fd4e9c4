"""The centre's whole mission (docs/spec/mission.md, docs/spec/indicators.md "Mission"):
outreach, hours and cost per mission of the funding agreement, stakes and declarations."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.mission.models import InterestDeclaration, Mission, MissionDefault, Stake
from sillon.outcomes.models import CostLine
from sillon.register.choices import OUTREACH_KINDS
from sillon.register.models import Activity


def _share(name: str, part, whole) -> IndicatorValue:
    value = ratio(part, whole)
    value.id = name
    return value


def mission(scope: Scope) -> dict[str, IndicatorValue]:
    organisation, period = scope.organisation, scope.period
    missions = {
        pk: (code, covered)
        for pk, code, covered in Mission.objects.filter(organisation=organisation)
        .order_by()
        .values_list("pk", "code")
        .annotate(covered=Count("also_covered_by"))
    }
    defaults = dict(
        MissionDefault.objects.filter(organisation=organisation).values_list(
            "activity_kind", "mission_id"
        )
    )
    # One pass over the activities of P, grouped by kind and own mission.
    groups = list(
        Activity.objects.filter(organisation=organisation, date__range=(period.start, period.end))
        .order_by()
        .values_list("kind", "mission_link__mission_id")
        .annotate(n=Count("pk"), hours=Sum("hours"), audience=Sum("audience"), eur=Sum("cost_eur"))
    )
    outreach = [group for group in groups if group[0] in OUTREACH_KINDS]

    def code_of(kind, own):
        pk = own or defaults.get(kind)
        return missions[pk][0] if pk in missions else None

    def covered(code) -> bool:
        return any(c == code and n for c, n in missions.values())

    hours_by_mission = breakdown(
        (code_of(kind, own), hours) for kind, own, _, hours, _, _ in groups
    )
    cost_pairs = [(code_of(kind, own), eur or 0) for kind, own, _, _, _, eur in groups]
    # Cost lines prorated as accompaniment.cost, to their own mission (else none).
    lines = CostLine.objects.filter(
        organisation=organisation, period_start__lte=period.end, period_end__gte=period.start
    ).values_list("period_start", "period_end", "amount_eur", "mission_link__mission__code")
    for start, end, amount, code in lines:
        inside = (min(end, period.end) - max(start, period.start)).days + 1
        cost_pairs.append((code, amount * inside / ((end - start).days + 1)))
    cost_by_mission = breakdown(cost_pairs)
    total_hours = sum(hours or 0 for _, _, _, hours, _, _ in groups)
    total_cost = sum((eur for _, eur in cost_pairs), Decimal(0))

    end = period.end
    active = Stake.objects.filter(
        Q(ended_date__isnull=True) | Q(ended_date__gte=end),
        organisation=organisation,
        acquired_date__lte=end,
    )
    stakes = list(
        active.order_by().values_list("kind").annotate(n=Count("pk"), eur=Sum("amount_eur"))
    )
    declared = (
        InterestDeclaration.objects.filter(organisation=organisation, date__lte=end)
        .values("project")
        .distinct()
        .count()
    )
    return {
        "outreach.activities": IndicatorValue(
            "outreach.activities",
            sum(n for _, _, n, *_ in outreach),
            breakdowns={"kind": breakdown((kind, n) for kind, _, n, *_ in outreach)},
        ),
        "outreach.hours": IndicatorValue(
            "outreach.hours",
            sum((hours for _, _, _, hours, _, _ in outreach), Decimal(0)),
            breakdowns={"kind": breakdown((kind, h) for kind, _, _, h, _, _ in outreach)},
        ),
        "outreach.audience": IndicatorValue(
            "outreach.audience",
            sum(audience or 0 for _, _, _, _, audience, _ in outreach),
            breakdowns={"kind": breakdown((kind, a or 0) for kind, _, _, _, a, _ in outreach)},
        ),
        "missions.hours": IndicatorValue(
            "missions.hours", total_hours, breakdowns={"mission": hours_by_mission}
        ),
        "missions.cost": IndicatorValue(
            "missions.cost", total_cost, breakdowns={"mission": cost_by_mission}
        ),
        "missions.also_covered_hours_share": _share(
            "missions.also_covered_hours_share",
            sum((h for code, h in hours_by_mission.items() if covered(code)), Decimal(0)),
            total_hours,
        ),
        "missions.also_covered_cost_share": _share(
            "missions.also_covered_cost_share",
            sum((e for code, e in cost_by_mission.items() if covered(code)), Decimal(0)),
            total_cost,
        ),
        "stakes.active_end": IndicatorValue(
            "stakes.active_end",
            sum(n for _, n, _ in stakes),
            breakdowns={"kind": breakdown((kind, n) for kind, n, _ in stakes)},
        ),
        "stakes.active_end_amount": IndicatorValue(
            "stakes.active_end_amount",
            sum((eur or 0 for _, _, eur in stakes), Decimal(0)),
            breakdowns={"kind": breakdown((kind, eur or 0) for kind, _, eur in stakes)},
        ),
        "stakes.projects_with_declaration": IndicatorValue(
            "stakes.projects_with_declaration", declared
        ),
    }
