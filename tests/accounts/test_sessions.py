"""Sessions end after a time without activity (SILLON_SESSION_IDLE_HOURS)."""

import time

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from sillon.accounts.middleware import LAST_SEEN_SESSION_KEY


def test_the_idle_time_defaults_to_eight_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_activity_pushes_the_end_of_the_session_back(org_a, coach, monkeypatch):
    url = reverse("dashboard", args=[org_a.slug])
    coach.client.get(url)
    session = Session.objects.get()
    first_expiry = session.expire_date
    # A minute later a request renews the session for another idle period.
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    coach.client.get(url)
    session.refresh_from_db()
    assert session.get_decoded()[LAST_SEEN_SESSION_KEY] == int(later)
    assert session.expire_date > first_expiry


def test_requests_within_a_minute_do_not_write_the_session(org_a, coach):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("dashboard", args=[org_a.slug])
    coach.client.get(url)
    with CaptureQueriesContext(connection) as queries:
        coach.client.get(url)
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_a_session_idle_for_too_long_is_signed_out(org_a, coach):
    url = reverse("dashboard", args=[org_a.slug])
    assert coach.client.get(url).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = coach.client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
