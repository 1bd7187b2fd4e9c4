from django import template

from sillon.catalogue import display
from sillon.core import personal_data
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


@register.filter
def euros(value) -> str:
    """An amount in euros, to the cent, written as the user's language writes it."""
    return display.euros(value)


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
    """An indicator's value as the user's language writes it, by the one display rule
    (sillon/catalogue/display.py): rates as percentages, euros with their sign."""
    return display.figure(value, unit)


@register.filter
def gauge(share) -> int:
    """Width of a target gauge, in percent, full at the target."""
    return max(0, min(100, round(float(share) * 100)))


@register.simple_tag(takes_context=True)
def shown(context, record, name: str):
    """`{% shown record "field" as value %}`: the field's value (a choice's label), or
    None when the member may not read it — by the one declaration of personal and
    sensitive data (sillon/core/personal_data.py) and the member's role."""
    request = context.get("request")
    return personal_data.shown(record, name, getattr(request, "membership", None))
