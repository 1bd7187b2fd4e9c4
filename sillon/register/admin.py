"""The register in the administration site, for superusers (with each record's history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sillon.register.models import (
    Activity,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_fr", "kind", "organisation"]
    list_filter = ["organisation", "kind"]


@admin.register(Cohort)
class CohortAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "start_date", "end_date"]
    list_select_related = ["programme"]
    list_filter = ["organisation"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["ref", "name", "project_type", "status", "intake_date", "organisation"]
    list_filter = ["organisation", "status", "project_type", "nace_section"]
    search_fields = ["ref", "name"]
    raw_id_fields = ["holders"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "gender", "organisation"]
    list_filter = ["organisation", "gender"]
    search_fields = ["last_name", "first_name", "email"]


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["project", "programme", "start_date", "end_date", "outcome"]
    list_select_related = ["project", "programme"]
    list_filter = ["organisation", "programme__code", "outcome"]
    raw_id_fields = ["project", "cohort"]


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "enterprise_number",
        "legal_form",
        "legal_form_family",
        "creation_date",
        "cessation_date",
    ]
    list_filter = ["organisation", "legal_form_family"]
    search_fields = ["name", "enterprise_number"]
    raw_id_fields = ["project"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "hours", "programme", "cost_eur", "organisation"]
    list_select_related = ["programme", "organisation"]
    list_filter = ["organisation", "kind"]
    date_hierarchy = "date"
    raw_id_fields = ["projects"]
