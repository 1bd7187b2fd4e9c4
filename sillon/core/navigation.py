"""The sections of the main navigation, in order.

Each section names the URL of its landing page; the URL takes the organisation slug.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    url_name: str


SECTIONS = [
    Section("dashboard", _("Dashboard"), "dashboard"),
    Section("projects", _("Projects"), "projects"),
    Section("activities", _("Activities"), "activities"),
    Section("enterprises", _("Enterprises & jobs"), "enterprises"),
    Section("comparison", _("Comparison"), "comparison"),
    Section("reports", _("Reports"), "reports"),
    Section("data", _("Data"), "data"),
    Section("settings", _("Settings"), "settings"),
]
