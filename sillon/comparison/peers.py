"""An organisation's figures as a peer sees them: the comparable values of its cached
catalogue (sillon/indicators/freshness.py), never recomputed while its data is unchanged."""

from django.core.cache import cache

from sillon.catalogue.indicators import COMPARABLE
from sillon.catalogue.periods import Period
from sillon.indicators.engine import compute
from sillon.indicators.freshness import CACHE_SECONDS, cache_key, cached
from sillon.indicators.output import plain


def catalogue(organisation, period: Period) -> list:
    """The whole catalogue of the period, from the cache the dashboard and reports share."""
    return cached(organisation, f"catalogue:{period.id}", lambda: compute(organisation, period))


def _pick(results) -> dict:
    values = {result.indicator.id: result.value for result in results}
    return {indicator.id: plain(values[indicator.id].value) for indicator in COMPARABLE}


def comparable_values(organisation, period: Period) -> dict:
    """{comparable indicator id: plain value or None}, cached beside the catalogue."""
    return cached(
        organisation, f"comparable:{period.id}", lambda: _pick(catalogue(organisation, period))
    )


def comparable_values_of(organisations: list, period: Period) -> dict:
    """comparable_values of many organisations in a few cache round trips: the cached
    comparable values, else the cached catalogues (computed only when absent)."""
    keys = {o.pk: cache_key(o, f"comparable:{period.id}") for o in organisations}
    found = cache.get_many(list(keys.values()))
    values = {o.pk: found[keys[o.pk]] for o in organisations if keys[o.pk] in found}
    missing = [o for o in organisations if o.pk not in values]
    if missing:
        catalogue_keys = {o.pk: cache_key(o, f"catalogue:{period.id}") for o in missing}
        catalogues = cache.get_many(list(catalogue_keys.values()))
        fresh = {}
        for organisation in missing:
            results = catalogues.get(catalogue_keys[organisation.pk])
            if results is None:
                results = catalogue(organisation, period)
            values[organisation.pk] = fresh[keys[organisation.pk]] = _pick(results)
        cache.set_many(fresh, CACHE_SECONDS)
    return values
