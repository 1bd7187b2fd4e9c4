from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sillon.core"
    verbose_name = _("Interface shell")

    def ready(self) -> None:
        from sillon.core.daily import register_daily_job
        from sillon.core.retention import purge_daily

        register_daily_job(purge_daily)
