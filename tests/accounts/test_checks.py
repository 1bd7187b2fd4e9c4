"""In production, Sillon refuses to start while the demo's published password works."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from sillon.accounts.checks import demo_password_in_production
from sillon.accounts.demo import DEMO_PASSWORD


def test_production_refuses_an_active_account_with_the_demo_password(
    db, settings, django_user_model
):
    django_user_model.objects.create_user("coopcity-admin", password=DEMO_PASSWORD)
    settings.PRODUCTION = False
    assert demo_password_in_production() == []
    settings.PRODUCTION = True
    (error,) = demo_password_in_production()
    assert error.id == "sillon.E001"
    assert "coopcity-admin" in error.msg
    with pytest.raises(SystemCheckError, match=r"sillon\.E001"):
        call_command("check", deploy=True)


def test_production_accepts_demo_named_accounts_that_are_inactive_or_changed(
    db, settings, django_user_model
):
    settings.PRODUCTION = True
    django_user_model.objects.create_user("coopcity-coach", password=DEMO_PASSWORD, is_active=False)
    django_user_model.objects.create_user("coopcity-viewer", password="another-long-password")
    assert demo_password_in_production() == []
