from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sillon.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from sillon.api import schema  # noqa: F401  (registers the token's scheme)
