"""Targets (docs/spec/indicators.md, "Targets"): a direction, the period a target belongs
to, and how an actual value reads against it — the same in the dashboard, the reports
and the CLI."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sillon.catalogue import display
from sillon.catalogue.indicators import BY_ID, EUR, RATE
from sillon.catalogue.periods import Period, year_period, year_to_date


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("at least (higher is better)")
    AT_MOST = "at_most", _("at most (lower is better)")


def default_direction(indicator_id: str) -> str:
    """Every cost and cost ratio is `at_most`; everything else `at_least`."""
    indicator = BY_ID.get(indicator_id)
    return Direction.AT_MOST if indicator and indicator.unit == EUR else Direction.AT_LEAST


def target_period(period: Period) -> tuple[str, Period] | None:
    """(id of the period whose targets apply, the period whose value is compared).

    A target belongs to its exact period and is never prorated: a year or any other
    period is compared with its own targets, a semester with the annual target on its
    year to date."""
    if period.id.endswith(("-S1", "-S2")):
        return year_period(period.start.year).id, year_to_date(period)
    return period.id, period


@dataclass(frozen=True)
class Against:
    """An actual value against a target."""

    value: object
    target: object
    direction: str

    @property
    def share(self) -> float | None:
        """value / target: the share reached (at_least) or spent (at_most)."""
        if self.value is None or not self.target:
            return None
        return float(self.value) / float(self.target)

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.direction == Direction.AT_MOST:
            return Decimal(str(self.value)) <= Decimal(str(self.target))
        return Decimal(str(self.value)) >= Decimal(str(self.target))

    @property
    def gauge(self) -> float | None:
        """How full a gauge is drawn: 1 at the target, for either direction."""
        return self.share

    @property
    def text(self) -> str:
        """ "66.7 %" of an at_least target; "within target" or "over target by 12.3 %"
        of an at_most one."""
        if self.value is None or self.target is None:
            return "—"
        if self.direction == Direction.AT_MOST:
            if self.met:
                return gettext("within target")
            if not self.target:
                return gettext("over target")
            over = display.figure(self.share - 1, RATE)
            return gettext("over target by %(share)s") % {"share": over}
        if self.share is None:
            return "—"
        return display.figure(self.share, RATE)
