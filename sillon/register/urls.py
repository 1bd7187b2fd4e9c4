"""Pages of the register, mounted under /o/<organisation>/."""

from django.urls import path

from sillon.core.records import record_create, record_delete, record_edit
from sillon.register import views

urlpatterns = [
    path("projects/", views.projects, name="projects"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/search/", views.project_search, name="project_search"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:pk>/holders/new/", views.holder_create, name="holder_create"),
    path("projects/<int:pk>/holders/<int:person>/edit/", views.holder_edit, name="holder_edit"),
    path(
        "projects/<int:pk>/holders/<int:person>/remove/", views.holder_remove, name="holder_remove"
    ),
    path(
        "projects/<int:pk>/holders/<int:person>/export/", views.holder_export, name="holder_export"
    ),
    path("projects/<int:pk>/holders/<int:person>/erase/", views.holder_erase, name="holder_erase"),
    path("holders/", views.holders, name="holders"),
    path("holders/<int:pk>/", views.holder, name="holder"),
    path("holders/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("holders/<int:pk>/export/", views.person_export, name="person_export"),
    path("holders/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("projects/<int:pk>/enrolments/new/", views.enrolment_create, name="enrolment_create"),
    path("projects/<int:pk>/enterprise/", views.enterprise_edit, name="enterprise_edit"),
    path("projects/<int:pk>/enterprise/delete/", views.enterprise_delete, name="enterprise_delete"),
    path("enrolments/<int:pk>/edit/", views.enrolment_edit, name="enrolment_edit"),
    path("enrolments/<int:pk>/delete/", views.enrolment_delete, name="enrolment_delete"),
    path("applications/", views.applications, name="applications"),
    path(
        "applications/new/",
        record_create,
        {"pages": views.APPLICATION_PAGES},
        name="application_create",
    ),
    path(
        "applications/<int:pk>/edit/",
        record_edit,
        {"pages": views.APPLICATION_PAGES},
        name="application_edit",
    ),
    path(
        "applications/<int:pk>/delete/",
        record_delete,
        {"pages": views.APPLICATION_PAGES},
        name="application_delete",
    ),
    path("activities/", views.activities, name="activities"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("settings/programmes/", views.programmes, name="programmes"),
    path(
        "settings/programmes/new/",
        record_create,
        {"pages": views.PROGRAMME_PAGES},
        name="programme_create",
    ),
    path(
        "settings/programmes/<int:pk>/edit/",
        record_edit,
        {"pages": views.PROGRAMME_PAGES},
        name="programme_edit",
    ),
    path(
        "settings/programmes/<int:pk>/delete/",
        record_delete,
        {"pages": views.PROGRAMME_PAGES},
        name="programme_delete",
    ),
    path(
        "settings/cohorts/new/",
        record_create,
        {"pages": views.COHORT_PAGES},
        name="cohort_create",
    ),
    path(
        "settings/cohorts/<int:pk>/edit/",
        record_edit,
        {"pages": views.COHORT_PAGES},
        name="cohort_edit",
    ),
    path(
        "settings/cohorts/<int:pk>/delete/",
        record_delete,
        {"pages": views.COHORT_PAGES},
        name="cohort_delete",
    ),
]
