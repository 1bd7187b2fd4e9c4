from django.urls import path

from sillon.registry import views

urlpatterns = [
    path("data/register/", views.findings, name="register_findings"),
    path("data/register/syncs/", views.syncs, name="register_syncs"),
    path(
        "data/register/findings/<int:pk>/accept/",
        views.accept,
        name="register_finding_accept",
    ),
    path(
        "data/register/findings/<int:pk>/dismiss/",
        views.dismiss,
        name="register_finding_dismiss",
    ),
]
