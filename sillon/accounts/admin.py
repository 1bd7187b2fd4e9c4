from django.contrib import admin

from sillon.accounts.models import AuditEvent, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Every organisation's events, and those of none (failed sign-ins, lock-outs):
    read-only, as a trail must be."""

    list_display = ["created_at", "kind", "organisation", "actor_id", "target"]
    list_filter = ["kind", ("organisation", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["kind", "target"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "kind", "organisation", "actor_id", "target", "details"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
