from django.contrib.admin.apps import AdminConfig


class SillonAdminConfig(AdminConfig):
    """django.contrib.admin with the superusers-only site (accounts/admin_site.py);
    named in INSTALLED_APPS instead of "django.contrib.admin"."""

    default_site = "sillon.accounts.admin_site.SuperuserAdminSite"
