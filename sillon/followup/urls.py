from django.urls import path

from sillon.followup import views

urlpatterns = [
    path("followup/", views.followup, name="followup"),
    path("followup/changes/<int:pk>/accept/", views.change_accept, name="followup_change_accept"),
    path("followup/changes/<int:pk>/reject/", views.change_reject, name="followup_change_reject"),
    path(
        "followup/answers/<int:pk>/<str:decision>/",
        views.answer_settle,
        name="followup_answer_settle",
    ),
]
