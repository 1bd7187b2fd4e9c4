"""The sections of the main navigation, in order.

Each section names the URL of its landing page; the URL takes the organisation slug.
A section whose app has not arrived yet points at the "coming" page of core.
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
    Section("reports", _("Reports"), "reports"),
    Section("data", _("Data"), "data"),
    Section("settings", _("Settings"), "settings"),
]

# What each section that is not built yet will hold, shown on its "coming" page.
COMING = {
    "reports": _("The semester monitoring report and the annual report, as PDF, XLSX and HTML."),
    "data": _("Import and export of workbooks, and the official business register."),
}
