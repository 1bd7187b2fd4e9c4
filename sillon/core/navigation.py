"""The sections of the main navigation, in order.

Each section names the URL of its landing page; the URL takes the organisation slug.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sillon.accounts.roles import Ability


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    url_name: str
    # The ability the landing page asks: a member without it does not see the section.
    ability: Ability = Ability.VIEW


SECTIONS = [
    Section("dashboard", _("Dashboard"), "dashboard"),
    Section("projects", _("Projects"), "projects", Ability.VIEW_RECORDS),
    Section("activities", _("Activities"), "activities", Ability.VIEW_RECORDS),
    Section("enterprises", _("Enterprises & jobs"), "enterprises", Ability.VIEW_RECORDS),
    # The follow-up after the accompaniment: a viewer sees its counts only.
    Section("followup", _("Follow-up"), "followup"),
    Section("comparison", _("Comparison"), "comparison"),
    Section("reports", _("Reports"), "reports"),
    Section("data", _("Data"), "data", Ability.VIEW_RECORDS),
    Section("settings", _("Settings"), "settings"),
]


def sections_for(membership) -> list[Section]:
    """The sections a member may open."""
    return [section for section in SECTIONS if membership.can(section.ability)]
