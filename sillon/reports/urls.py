"""The Reports section, mounted under /o/<organisation>/reports/."""

from django.urls import path

from sillon.reports import views

urlpatterns = [
    path("", views.reports, name="reports"),
    path("<int:pk>/status/", views.report_status, name="report_status"),
    path("<int:pk>/download/", views.report_download, name="report_download"),
    path("<int:pk>/", views.report_view, name="report_view"),
    path("quality/", views.quality_page, name="report_quality"),
    path("quality/<slug:gap>/", views.quality_records, name="report_quality_records"),
]
