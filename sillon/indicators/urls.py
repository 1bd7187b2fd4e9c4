from django.urls import path

from sillon.indicators import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<str:indicator>/", views.drill, name="indicator_records"),
]
