from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbookConfig(AppConfig):
    name = "sillon.workbook"
    verbose_name = _("Workbook import and export")
