"""Pages of the outcomes, mounted under /o/<organisation>/."""

from django.urls import path

from sillon.outcomes import views

urlpatterns = [
    path("enterprises/", views.enterprises, name="enterprises"),
    path("jobs/", views.jobs, name="jobs"),
    path("projects/<int:pk>/jobs/several/", views.jobs_quick, name="jobs_quick"),
    path("jobs/<int:pk>/end/", views.job_end, name="job_end"),
]

# Records of a project or of its enterprise: job, accreditation, non_accreditation,
# transfer, impact — each with new/edit/delete pages.
for kind in views.CHILDREN:
    slug = kind.replace("_", "-")
    urlpatterns += [
        path(
            f"projects/<int:pk>/{slug}/new/",
            views.child_create,
            {"kind": kind},
            name=f"{kind}_create",
        ),
        path(f"{slug}/<int:pk>/edit/", views.child_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(f"{slug}/<int:pk>/delete/", views.child_delete, {"kind": kind}, name=f"{kind}_delete"),
    ]

# Settings: partner, interaction, internal_action, cost_line, target.
for kind in views.SETTINGS_RECORDS:
    slug = f"settings/{kind.replace('_', '-')}s"
    urlpatterns += [
        path(f"{slug}/", views.settings_list, {"kind": kind}, name=f"{kind}_list"),
        path(f"{slug}/new/", views.SETTINGS_VIEWS[kind, "create"], name=f"{kind}_create"),
        path(f"{slug}/<int:pk>/edit/", views.SETTINGS_VIEWS[kind, "edit"], name=f"{kind}_edit"),
        path(
            f"{slug}/<int:pk>/delete/", views.SETTINGS_VIEWS[kind, "delete"], name=f"{kind}_delete"
        ),
    ]
