from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "sillon.outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from sillon.outcomes import signals  # noqa: F401  (seeds partners of new organisations)
        from sillon.outcomes.views import outcomes_history, outcomes_panel
        from sillon.register.panels import register_history_source, register_project_panel

        register_project_panel(outcomes_panel)
        register_history_source(outcomes_history)
