from django.urls import path

from sillon.core import views

urlpatterns = [
    path("reports/", views.coming, {"section": "reports"}, name="reports"),
    path("data/", views.coming, {"section": "data"}, name="data"),
]
