from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sillon.reports"
    verbose_name = _("Reports")

    def ready(self):
        from sillon.core.records import CLOSED_UNTIL
        from sillon.reports.models import closed_until

        CLOSED_UNTIL.append(closed_until)
