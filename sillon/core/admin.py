"""Background tasks in /admin/ (superusers): each attempt with its status and error."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from sillon.core.models import WorkerHeartbeat

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskAttemptAdmin(DBTaskResultAdmin):
    list_display = ("task_name", "status", "attempt", "error", "enqueued_at", "finished_at")
    list_filter = ("status", "task_path")

    @admin.display(description=_("attempt"))
    def attempt(self, result: DBTaskResult) -> int:
        return result.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @admin.display(description=_("error"))
    def error(self, result: DBTaskResult) -> str:
        lines = result.traceback.strip().splitlines()
        return lines[-1] if lines else ""


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "started_at", "seen_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
