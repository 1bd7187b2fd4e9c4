from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesConfig(AppConfig):
    name = "sillon.codes"
    verbose_name = _("Official code lists")
