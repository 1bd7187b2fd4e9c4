from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KboConfig(AppConfig):
    name = "sillon.kbo"
    verbose_name = _("Official business register")

    def ready(self):
        from sillon.core.retention import register_retention_rule
        from sillon.kbo.uploads import delete_old
        from sillon.kbo.views import register_panel
        from sillon.register.panels import register_project_panel

        register_project_panel(register_panel)
        register_retention_rule("uploaded register extracts", delete_old)
