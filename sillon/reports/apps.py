from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def indicator_definitions() -> dict:
    """The annex's text of each indicator, for the definitions register (one source)."""
    from sillon.mission.definitions import indicator_source
    from sillon.reports.definitions import DEFINITIONS

    source = indicator_source()
    return {indicator_id: (text, source) for indicator_id, text in DEFINITIONS.items()}


class ReportsConfig(AppConfig):
    name = "sillon.reports"
    verbose_name = _("Reports")

    def ready(self):
        from sillon.core.records import CLOSED_UNTIL
        from sillon.mission.definitions import register_definitions
        from sillon.reports.models import closed_until

        CLOSED_UNTIL.append(closed_until)
        register_definitions(indicator_definitions)
