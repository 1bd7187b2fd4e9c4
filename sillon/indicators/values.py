"""What the engine returns: plain values, the same for pages, CLI, reports and API."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sillon.accounts.models import Organisation
from sillon.catalogue.periods import Period

NONE = "none"  # breakdown key of an absent link (docs/spec/indicators.md, conventions)
UNKNOWN = "unknown"  # breakdown key of an unknown code


@dataclass(frozen=True)
class Scope:
    """The organisation, the period P and the as-of date A of a computation."""

    organisation: Organisation
    period: Period
    as_of: date


@dataclass
class IndicatorValue:
    id: str
    value: int | float | Decimal | None = None
    numerator: int | float | Decimal | None = None
    denominator: int | float | Decimal | None = None
    breakdowns: dict[str, dict[str, int | float | Decimal]] = field(default_factory=dict)
    rows: list[dict] | None = None


def ratio(numerator, denominator) -> IndicatorValue:
    """A rate or ratio: null when the denominator is 0 (docs/spec/indicators.md)."""
    value = None if not denominator else numerator / denominator
    return IndicatorValue(id="", value=value, numerator=numerator, denominator=denominator)


def breakdown(pairs) -> dict:
    """{key: value} without zero values, missing keys named `none`."""
    result = {}
    for key, amount in pairs:
        if amount:
            name = NONE if key in (None, "") else str(key)
            result[name] = result.get(name, 0) + amount
    return result
