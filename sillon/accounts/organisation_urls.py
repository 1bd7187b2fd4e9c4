"""Settings pages of one organisation, mounted under /o/<organisation>/settings/."""

from django.urls import path

from sillon.accounts import views

urlpatterns = [
    path("", views.settings_index, name="settings"),
    path("members/", views.members, name="members"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<int:pk>/withdraw/", views.invitation_cancel, name="invitation_cancel"),
    path("audit/", views.audit_trail, name="audit_trail"),
]
