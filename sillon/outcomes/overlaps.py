"""Cost lines of one category (and programme) that cover the same days twice.

Not forbidden — a budget may be split on purpose — but usually a mistake that would
count a cost twice, so Sillon warns and does not block.
"""

from collections import defaultdict

from sillon.outcomes.models import CostLine


def overlapping_cost_lines(line: CostLine):
    return (
        CostLine.objects.filter(
            organisation_id=line.organisation_id,
            category=line.category,
            programme_id=line.programme_id,
            period_start__lte=line.period_end,
            period_end__gte=line.period_start,
        )
        .exclude(pk=line.pk)
        .order_by("period_start")
    )


def overlaps_among(lines: list[CostLine]) -> dict[int, list[CostLine]]:
    """For each line, the others of the list that overlap it (one pass, no query)."""
    groups = defaultdict(list)
    for line in lines:
        groups[(line.category, line.programme_id)].append(line)
    found: dict[int, list[CostLine]] = {}
    for group in groups.values():
        for line in group:
            others = [
                other
                for other in group
                if other.pk != line.pk
                and other.period_start <= line.period_end
                and other.period_end >= line.period_start
            ]
            if others:
                found[line.pk] = others
    return found
