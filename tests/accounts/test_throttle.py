"""Sign-in throttling (django-axes) on both login forms, per account and per address."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from sillon.accounts.models import AuditEvent
from tests.conftest import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT


def fail(client, username, url=None, address="10.0.0.1"):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": "wrong"},
        REMOTE_ADDR=address,
    )


def sign_in(client, username, url=None, address="10.0.0.1", password=PASSWORD):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_an_account_is_locked_out_after_the_limit_with_a_clear_message(client, coach):
    for _ in range(LIMIT - 1):
        assert fail(client, coach.user.username).status_code == 200
    response = fail(client, coach.user.username)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    # Even the right password is refused now, from another address too.
    response = sign_in(Client(), coach.user.username, address="10.0.0.2")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_out_whatever_the_accounts_it_tries(client, coach, manager):
    for index in range(LIMIT):
        fail(client, f"someone-{index}")
    response = sign_in(client, coach.user.username)
    assert response.status_code == 429
    # Another address still signs in.
    other = Client()
    assert sign_in(other, manager.user.username, address="10.0.0.9").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, coach):
    for _ in range(LIMIT - 1):
        fail(client, coach.user.username)
    assert sign_in(client, coach.user.username).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        fail(client, coach.user.username)
    assert sign_in(client, coach.user.username).status_code == 302


def test_the_lock_out_ends_after_the_cool_off_time(client, coach, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(LIMIT):
        fail(client, coach.user.username)
    assert sign_in(client, coach.user.username).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - timedelta(minutes=settings.AXES_COOLOFF_TIME.total_seconds() / 60 + 1)
    )
    assert sign_in(client, coach.user.username).status_code == 302


def test_the_admin_login_is_throttled_like_the_site_login(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    url = reverse("admin:login")
    for _ in range(LIMIT):
        fail(client, "root", url=url)
    response = sign_in(client, "root", url=url)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The two forms count together: the site's login is closed to that account too.
    assert sign_in(Client(), "root", address="10.0.0.7").status_code == 429


def test_failures_and_the_lock_out_are_audit_events_without_what_was_typed(client, coach):
    for _ in range(LIMIT):
        fail(client, coach.user.username)
    fail(client, "no-such-account")
    failed = AuditEvent.objects.filter(kind="sign_in.failed")
    assert failed.filter(actor_id=coach.user.pk).count() == LIMIT
    assert failed.filter(actor_id=None).count() == 1
    locked = AuditEvent.objects.filter(kind="sign_in.locked_out")
    assert locked.filter(actor_id=coach.user.pk).exists()
    for event in AuditEvent.objects.all():
        assert event.organisation_id is None
        assert "no-such-account" not in str(event.details)
        assert "10.0.0.1" not in str(event.details)


def test_the_password_typed_is_never_stored_by_the_throttle(client, coach):
    from axes.models import AccessAttempt

    client.post(
        reverse("accounts:login"),
        {"username": coach.user.username, "password": "my-secret-guess"},
        REMOTE_ADDR="10.0.0.1",
    )
    attempt = AccessAttempt.objects.get()
    assert "my-secret-guess" not in attempt.post_data


def test_behind_the_proxy_the_client_address_is_the_one_the_proxy_added(settings, rf):
    from sillon.accounts.throttle import client_address

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    settings.BEHIND_TLS_PROXY = False
    assert client_address(request) == "127.0.0.1"
    settings.BEHIND_TLS_PROXY = True
    assert client_address(request) == "203.0.113.5"


@pytest.mark.parametrize("turn", ["locks the address", "finds it unlocked"])
def test_each_test_starts_without_the_attempts_of_another(client, db, turn):
    """The first run locks the test client's address out; the second, run after it,
    signs in at once: the attempts went with the first test's database rollback."""
    get_user_model().objects.create_user("tester", password=PASSWORD)
    if turn == "locks the address":
        for _ in range(LIMIT):
            fail(client, "tester")
        assert sign_in(client, "tester").status_code == 429
    else:
        assert sign_in(client, "tester").status_code == 302
