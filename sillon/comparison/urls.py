from django.urls import path

from sillon.comparison import views

urlpatterns = [
    path("", views.comparison, name="comparison"),
    path("statements/", views.statements_page, name="comparison_statements"),
]
