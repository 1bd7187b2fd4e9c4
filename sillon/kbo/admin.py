from django.contrib import admin

from sillon.kbo.models import Finding, RegisterEntry, SyncRun


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "extract_number", "snapshot_date", "tracked", "found"]
    readonly_fields = [field.name for field in SyncRun._meta.fields]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = ["enterprise_number", "active", "juridical_situation", "snapshot_date"]
    search_fields = ["enterprise_number"]
    readonly_fields = [field.name for field in RegisterEntry._meta.fields]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "organisation", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [field.name for field in Finding._meta.fields]
