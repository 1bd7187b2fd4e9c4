from django import template

from sillon.core.navigation import SECTIONS

register = template.Library()


@register.inclusion_tag("core/_navigation.html", takes_context=True)
def navigation(context) -> dict:
    request = context["request"]
    return {
        "sections": SECTIONS,
        "current": context.get("section"),
        "organisation": request.organisation,
    }
