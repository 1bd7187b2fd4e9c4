from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionConfig(AppConfig):
    name = "sillon.mission"
    verbose_name = _("Mission")

    def ready(self):
        from sillon.mission import signals  # noqa: F401  (seeds the definitions of new organisations)
        from sillon.mission.activity_form import EXTENSION
        from sillon.register.extensions import register_activity_form_extension

        register_activity_form_extension(EXTENSION)
