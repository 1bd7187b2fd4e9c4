from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbookConfig(AppConfig):
    name = "sillon.workbook"
    verbose_name = _("Workbook import and export")

    def ready(self) -> None:
        from sillon.core.retention import register_retention_rule
        from sillon.register.actions import person_erased
        from sillon.workbook.uploads import delete_unconfirmed
        from sillon.workbook.uploads import person_erased as forget_in_uploads

        person_erased.connect(forget_in_uploads, dispatch_uid="workbook_forget_person")
        register_retention_rule("unconfirmed workbook uploads", delete_unconfirmed)
