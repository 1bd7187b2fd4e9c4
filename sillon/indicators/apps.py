from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "sillon.indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from sillon.indicators.freshness import connect

        connect()
