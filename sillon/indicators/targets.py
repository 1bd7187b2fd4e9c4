"""The targets that apply to a period (docs/spec/indicators.md, "Targets"), read once
for the dashboard, the CLI and the reports."""

from dataclasses import dataclass
from decimal import Decimal

from sillon.catalogue.periods import Period
from sillon.catalogue.targets import Against, target_period
from sillon.outcomes.models import Target


@dataclass(frozen=True)
class TargetFigure:
    indicator_id: str
    value: Decimal
    direction: str
    period: str  # the id of the period the target was set for

    def against(self, value) -> Against:
        return Against(value, self.value, self.direction)


def applying(organisation, period: Period) -> tuple[dict[str, TargetFigure], Period]:
    """({indicator id: target}, the period whose value is compared with it): the
    targets of the exact period, or for a semester the annual ones on its year to date."""
    target_id, compared = target_period(period)
    found = {
        indicator: TargetFigure(indicator, value, direction, period_id)
        for indicator, value, direction, period_id in Target.objects.filter(
            organisation=organisation, period=target_id
        ).values_list("indicator", "value", "direction", "period")
    }
    return found, compared
