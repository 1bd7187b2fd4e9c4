"""The administration site (/admin/), for superusers only.

Django lets any staff account in; Sillon's administration site holds every
organisation's records, so a staff account that is not a superuser is refused both at
its login form and on every page. Its login goes through the same throttling as the
site's (django-axes sits in the authentication backends).
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SuperuserAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter the username and password of a superuser. Both fields may be case-sensitive."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class SuperuserAdminSite(admin.AdminSite):
    login_form = SuperuserAuthenticationForm

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_superuser
