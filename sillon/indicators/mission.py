"""The centre's whole mission (docs/spec/mission.md, docs/spec/indicators.md "Mission"):
outreach, hours and cost per mission of the funding agreement, stakes and declarations."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from sillon.indicators.accompaniment import activities_in_period
from sillon.indicators.costs import cost_lines, share_in_period
from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.mission.models import InterestDeclaration, Mission, MissionDefault, Stake
from sillon.register.choices import OUTREACH_KINDS, ActivityKind
from sillon.register.models import Project


def _share(name: str, part, whole) -> IndicatorValue:
    value = ratio(part, whole)
    value.id = name
    return value


class Missions:
    """The organisation's missions and the default mission of each activity kind: which
    mission an activity's hours and cost go to, and which missions are also covered."""

    def __init__(self, scope: Scope):
        organisation = scope.organisation
        self.missions = {
            pk: (code, covered)
            for pk, code, covered in Mission.objects.filter(organisation=organisation)
            .order_by()
            .values_list("pk", "code")
            .annotate(covered=Count("also_covered_by"))
        }
        self.defaults = dict(
            MissionDefault.objects.filter(organisation=organisation).values_list(
                "activity_kind", "mission_id"
            )
        )

    def code_of(self, kind, own) -> str | None:
        """The mission of an activity: its own, else the default of its kind, else none."""
        pk = own or self.defaults.get(kind)
        return self.missions[pk][0] if pk in self.missions else None

    def covered(self, code) -> bool:
        return any(c == code and n for c, n in self.missions.values())

    def covered_codes(self) -> set[str]:
        """The codes of the missions a partner also covers."""
        return {code for code, covered in self.missions.values() if covered}

    def activities_to(self, activities, codes):
        """Those of `activities` whose hours go to one of the missions `codes` (None for
        none), by `code_of` over every own mission and every kind."""
        own = [pk for pk in self.missions if self.code_of(None, pk) in codes]
        kinds = [kind for kind in ActivityKind.values if self.code_of(kind, None) in codes]
        return activities.filter(
            Q(mission_link__mission_id__in=own)
            | Q(mission_link__mission_id__isnull=True, kind__in=kinds)
        )


def outreach_activities(scope: Scope):
    """The activities of `outreach.activities`, `outreach.hours` and `outreach.audience`."""
    return activities_in_period(scope).filter(kind__in=OUTREACH_KINDS)


def cost_activities(scope: Scope):
    """The activities whose `cost_eur` `missions.cost` sums: every activity of P with a
    cost, whatever its kind."""
    return activities_in_period(scope).filter(cost_eur__isnull=False)


def covered_activities(scope: Scope):
    """(numerator, denominator) activities of `missions.also_covered_hours_share`: every
    activity of P, and those whose mission is also covered by a partner."""
    missions = Missions(scope)
    every = activities_in_period(scope)
    return missions.activities_to(every, missions.covered_codes()), every


def active_stakes(scope: Scope):
    """The stakes of `stakes.active_end` (the end date is the last day held)."""
    end = scope.period.end
    return Stake.objects.filter(
        Q(ended_date__isnull=True) | Q(ended_date__gte=end),
        organisation=scope.organisation,
        acquired_date__lte=end,
    )


def declarations(scope: Scope):
    """The declarations of interest dated ≤ P.end."""
    return InterestDeclaration.objects.filter(
        organisation=scope.organisation, date__lte=scope.period.end
    )


def declaring_projects(scope: Scope):
    """The projects counted in `stakes.projects_with_declaration`."""
    return Project.objects.filter(pk__in=declarations(scope).values("project"))


def mission(scope: Scope) -> dict[str, IndicatorValue]:
    period = scope.period
    missions = Missions(scope)
    code_of, covered = missions.code_of, missions.covered
    # One pass over the activities of P, grouped by kind and own mission.
    groups = list(
        activities_in_period(scope)
        .order_by()
        .values_list("kind", "mission_link__mission_id")
        .annotate(n=Count("pk"), hours=Sum("hours"), audience=Sum("audience"))
    )
    outreach = [group for group in groups if group[0] in OUTREACH_KINDS]

    hours_by_mission = breakdown((code_of(kind, own), hours) for kind, own, _, hours, _ in groups)
    # The activities' cost, grouped the same way, over the activities the drill-down lists.
    cost_groups = (
        cost_activities(scope)
        .order_by()
        .values_list("kind", "mission_link__mission_id")
        .annotate(eur=Sum("cost_eur"))
    )
    cost_pairs = [(code_of(kind, own), eur) for kind, own, eur in cost_groups]
    # Cost lines prorated as accompaniment.cost, to their own mission (else none).
    lines = cost_lines(scope).values_list(
        "period_start", "period_end", "amount_eur", "mission_link__mission__code"
    )
    for start, end, amount, code in lines:
        cost_pairs.append((code, share_in_period(start, end, amount, period)))
    cost_by_mission = breakdown(cost_pairs)
    total_hours = sum(hours or 0 for _, _, _, hours, _ in groups)
    total_cost = sum((eur for _, eur in cost_pairs), Decimal(0))

    stakes = list(
        active_stakes(scope)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"), eur=Sum("amount_eur"))
    )
    declared = declarations(scope).values("project").distinct().count()
    return {
        "outreach.activities": IndicatorValue(
            "outreach.activities",
            sum(n for _, _, n, *_ in outreach),
            breakdowns={"kind": breakdown((kind, n) for kind, _, n, *_ in outreach)},
        ),
        "outreach.hours": IndicatorValue(
            "outreach.hours",
            sum((hours for _, _, _, hours, _ in outreach), Decimal(0)),
            breakdowns={"kind": breakdown((kind, h) for kind, _, _, h, _ in outreach)},
        ),
        "outreach.audience": IndicatorValue(
            "outreach.audience",
            sum(audience or 0 for _, _, _, _, audience in outreach),
            breakdowns={"kind": breakdown((kind, a or 0) for kind, _, _, _, a in outreach)},
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
