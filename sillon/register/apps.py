from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "sillon.register"
    verbose_name = _("Accompaniment register")

    def ready(self):
        from sillon.register import linkcounts

        linkcounts.connect()
