from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from sillon.core.navigation import sections_for

register = template.Library()


@register.inclusion_tag("core/_navigation.html", takes_context=True)
def navigation(context) -> dict:
    request = context["request"]
    return {
        "sections": sections_for(request.membership),
        "current": context.get("section"),
        "organisation": request.organisation,
    }


# Where the euro sign goes, by language: "1 125,00 €" in French, "€ 1.125,00" in Dutch.
EURO_AFTER = {"fr"}


@register.filter
def euros(value) -> str:
    """An amount in euros, with two decimals, written as the user's language writes it."""
    if value in (None, ""):
        return ""
    amount = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{amount}\u00a0€" if (get_language() or "fr")[:2] in EURO_AFTER else f"€\u00a0{amount}"


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dictionary's value for a key known only at render time."""
    return mapping.get(key) if mapping else None


@register.filter
def tag(value: str) -> str:
    """A free tag as people read it: "circular_economy" → "circular economy"."""
    return str(value).replace("_", " ")


@register.filter
def figure(value, unit: str = "") -> str:
    """An indicator's value as the user's language writes it: rates as percentages,
    euros with their sign, counts with thousands separators."""
    if value is None or value == "":
        return "—"
    if unit == "rate":
        return f"{number_format(float(value) * 100, 1)}\u00a0%"
    if unit == "EUR":
        return euros(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return number_format(round(float(value), 2), 2, force_grouping=True)


@register.filter
def gauge(share) -> int:
    """Width of a target gauge, in percent, full at the target."""
    return max(0, min(100, round(float(share) * 100)))
