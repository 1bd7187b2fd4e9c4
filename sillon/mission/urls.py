"""Pages of the centre's whole mission, mounted under /o/<organisation>/."""

from django.urls import path

from sillon.mission import views

urlpatterns = [
    path("settings/missions/", views.missions, name="missions"),
    path("settings/missions/new/", views.mission_create, name="mission_create"),
    path("settings/missions/<int:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("settings/missions/<int:pk>/delete/", views.mission_delete, name="mission_delete"),
    path("settings/missions/defaults/", views.mission_defaults, name="mission_defaults"),
    path(
        "settings/missions/cost-lines/<int:pk>/",
        views.cost_line_mission,
        name="cost_line_mission",
    ),
    path("settings/stakes/", views.stakes, name="stakes"),
    path("settings/stakes/new/", views.stake_create, name="stake_create"),
    path("settings/stakes/<int:pk>/edit/", views.stake_edit, name="stake_edit"),
    path("settings/stakes/<int:pk>/delete/", views.stake_delete, name="stake_delete"),
    path("settings/declarations/new/", views.declaration_create, name="declaration_create"),
    path("settings/declarations/<int:pk>/edit/", views.declaration_edit, name="declaration_edit"),
    path(
        "settings/declarations/<int:pk>/delete/",
        views.declaration_delete,
        name="declaration_delete",
    ),
    path("settings/definitions/", views.definitions, name="definitions"),
    path(
        "settings/definitions/<int:pk>/propose/",
        views.definition_propose,
        name="definition_propose",
    ),
    path("settings/definitions/<int:pk>/agree/", views.definition_agree, name="definition_agree"),
    path("settings/partners/synergies/", views.partner_synergies, name="partner_synergies"),
]
