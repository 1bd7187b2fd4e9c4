"""The outcomes in the administration site, for superusers (with each record's history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)


@admin.register(Job)
class JobAdmin(SimpleHistoryAdmin):
    list_display = [
        "job_ref",
        "enterprise",
        "worker_status",
        "contract_type",
        "start_date",
        "end_date",
    ]
    list_filter = ["organisation", "worker_status", "contract_type"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise"]


@admin.register(AccreditationEvent, NonAccreditationReason)
class EnterpriseEventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "enterprise", "date"]
    list_filter = ["organisation"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise"]


@admin.register(Transfer, ImpactAssessment)
class ProjectEventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date"]
    list_filter = ["organisation"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(Partner, PartnerInteraction, InternalAction, CostLine, Target)
class OrganisationRecordAdmin(SimpleHistoryAdmin):
    list_filter = ["organisation"]
