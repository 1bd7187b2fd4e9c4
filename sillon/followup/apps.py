from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "sillon.followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from sillon.followup.views import project_panel
        from sillon.register.panels import register_project_panel

        register_project_panel(project_panel)
