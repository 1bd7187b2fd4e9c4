"""An organisation's figures as a peer sees them: the comparable values of its cached
catalogue (sillon/indicators/freshness.py), never recomputed while its data is unchanged."""

from sillon.catalogue.indicators import COMPARABLE
from sillon.catalogue.periods import Period
from sillon.indicators.engine import compute
from sillon.indicators.freshness import cached
from sillon.indicators.output import plain


def catalogue(organisation, period: Period) -> list:
    """The whole catalogue of the period, from the cache the dashboard and reports share."""
    return cached(organisation, f"catalogue:{period.id}", lambda: compute(organisation, period))


def comparable_values(organisation, period: Period) -> dict:
    """{comparable indicator id: plain value or None}, cached beside the catalogue."""

    def pick() -> dict:
        values = {result.indicator.id: result.value for result in catalogue(organisation, period)}
        return {indicator.id: plain(values[indicator.id].value) for indicator in COMPARABLE}

    return cached(organisation, f"comparable:{period.id}", pick)
