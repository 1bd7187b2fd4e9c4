from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sillon.registry"
    verbose_name = _("Official business register")

    def ready(self):
        from sillon.register.panels import register_project_panel
        from sillon.registry.views import register_panel

        register_project_panel(register_panel)
