"""Pages of the outcomes, mounted under /o/<organisation>/. Every URL is written out,
so that its name can be found with grep."""

from django.urls import path

from sillon.core.records import record_create, record_delete, record_edit
from sillon.outcomes import views
from sillon.outcomes.views import SETTINGS_PAGES

urlpatterns = [
    path("enterprises/", views.enterprises, name="enterprises"),
    path("jobs/", views.jobs, name="jobs"),
    path("projects/<int:pk>/jobs/several/", views.jobs_quick, name="jobs_quick"),
    path("jobs/<int:pk>/end/", views.job_end, name="job_end"),
    # Records of a project or of its enterprise, each with new/edit/delete pages.
    path(
        "projects/<int:pk>/job/new/",
        views.child_create,
        {"kind": "job"},
        name="job_create",
    ),
    path(
        "job/<int:pk>/edit/",
        views.child_edit,
        {"kind": "job"},
        name="job_edit",
    ),
    path(
        "job/<int:pk>/delete/",
        views.child_delete,
        {"kind": "job"},
        name="job_delete",
    ),
    path(
        "projects/<int:pk>/accreditation/new/",
        views.child_create,
        {"kind": "accreditation"},
        name="accreditation_create",
    ),
    path(
        "accreditation/<int:pk>/edit/",
        views.child_edit,
        {"kind": "accreditation"},
        name="accreditation_edit",
    ),
    path(
        "accreditation/<int:pk>/delete/",
        views.child_delete,
        {"kind": "accreditation"},
        name="accreditation_delete",
    ),
    path(
        "projects/<int:pk>/non-accreditation/new/",
        views.child_create,
        {"kind": "non_accreditation"},
        name="non_accreditation_create",
    ),
    path(
        "non-accreditation/<int:pk>/edit/",
        views.child_edit,
        {"kind": "non_accreditation"},
        name="non_accreditation_edit",
    ),
    path(
        "non-accreditation/<int:pk>/delete/",
        views.child_delete,
        {"kind": "non_accreditation"},
        name="non_accreditation_delete",
    ),
    path(
        "projects/<int:pk>/transfer/new/",
        views.child_create,
        {"kind": "transfer"},
        name="transfer_create",
    ),
    path(
        "transfer/<int:pk>/edit/",
        views.child_edit,
        {"kind": "transfer"},
        name="transfer_edit",
    ),
    path(
        "transfer/<int:pk>/delete/",
        views.child_delete,
        {"kind": "transfer"},
        name="transfer_delete",
    ),
    path(
        "projects/<int:pk>/impact/new/",
        views.child_create,
        {"kind": "impact"},
        name="impact_create",
    ),
    path(
        "impact/<int:pk>/edit/",
        views.child_edit,
        {"kind": "impact"},
        name="impact_edit",
    ),
    path(
        "impact/<int:pk>/delete/",
        views.child_delete,
        {"kind": "impact"},
        name="impact_delete",
    ),
    # Settings: partners, interactions, internal actions, cost lines, targets.
    path(
        "settings/partners/",
        views.settings_list,
        {"kind": "partner"},
        name="partner_list",
    ),
    path(
        "settings/partners/new/",
        record_create,
        {"pages": SETTINGS_PAGES["partner"]},
        name="partner_create",
    ),
    path(
        "settings/partners/<int:pk>/edit/",
        record_edit,
        {"pages": SETTINGS_PAGES["partner"]},
        name="partner_edit",
    ),
    path(
        "settings/partners/<int:pk>/delete/",
        record_delete,
        {"pages": SETTINGS_PAGES["partner"]},
        name="partner_delete",
    ),
    path(
        "settings/interactions/",
        views.settings_list,
        {"kind": "interaction"},
        name="interaction_list",
    ),
    path(
        "settings/interactions/new/",
        record_create,
        {"pages": SETTINGS_PAGES["interaction"]},
        name="interaction_create",
    ),
    path(
        "settings/interactions/<int:pk>/edit/",
        record_edit,
        {"pages": SETTINGS_PAGES["interaction"]},
        name="interaction_edit",
    ),
    path(
        "settings/interactions/<int:pk>/delete/",
        record_delete,
        {"pages": SETTINGS_PAGES["interaction"]},
        name="interaction_delete",
    ),
    path(
        "settings/internal-actions/",
        views.settings_list,
        {"kind": "internal_action"},
        name="internal_action_list",
    ),
    path(
        "settings/internal-actions/new/",
        record_create,
        {"pages": SETTINGS_PAGES["internal_action"]},
        name="internal_action_create",
    ),
    path(
        "settings/internal-actions/<int:pk>/edit/",
        record_edit,
        {"pages": SETTINGS_PAGES["internal_action"]},
        name="internal_action_edit",
    ),
    path(
        "settings/internal-actions/<int:pk>/delete/",
        record_delete,
        {"pages": SETTINGS_PAGES["internal_action"]},
        name="internal_action_delete",
    ),
    path(
        "settings/cost-lines/",
        views.settings_list,
        {"kind": "cost_line"},
        name="cost_line_list",
    ),
    path(
        "settings/cost-lines/new/",
        record_create,
        {"pages": SETTINGS_PAGES["cost_line"]},
        name="cost_line_create",
    ),
    path(
        "settings/cost-lines/<int:pk>/edit/",
        record_edit,
        {"pages": SETTINGS_PAGES["cost_line"]},
        name="cost_line_edit",
    ),
    path(
        "settings/cost-lines/<int:pk>/delete/",
        record_delete,
        {"pages": SETTINGS_PAGES["cost_line"]},
        name="cost_line_delete",
    ),
    path(
        "settings/targets/",
        views.settings_list,
        {"kind": "target"},
        name="target_list",
    ),
    path(
        "settings/targets/new/",
        record_create,
        {"pages": SETTINGS_PAGES["target"]},
        name="target_create",
    ),
    path(
        "settings/targets/<int:pk>/edit/",
        record_edit,
        {"pages": SETTINGS_PAGES["target"]},
        name="target_edit",
    ),
    path(
        "settings/targets/<int:pk>/delete/",
        record_delete,
        {"pages": SETTINGS_PAGES["target"]},
        name="target_delete",
    ),
]
