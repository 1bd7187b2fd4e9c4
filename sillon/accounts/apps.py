from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sillon.accounts"
    verbose_name = _("Organisations and accounts")

    def ready(self) -> None:
        from sillon.accounts import checks, signals  # noqa: F401  (registers them)
