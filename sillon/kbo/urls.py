from django.urls import path

from sillon.kbo import views

urlpatterns = [
    path("data/kbo/", views.findings, name="kbo_findings"),
    path("data/kbo/syncs/", views.syncs, name="kbo_syncs"),
    path("data/kbo/syncs/upload/", views.extract_upload, name="kbo_extract_upload"),
    path(
        "data/kbo/findings/<int:pk>/accept/",
        views.accept,
        name="kbo_finding_accept",
    ),
    path(
        "data/kbo/findings/<int:pk>/dismiss/",
        views.dismiss,
        name="kbo_finding_dismiss",
    ),
]
