"""GET /health/: the database and the worker's heartbeat, without login or secrets."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from sillon.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers_and_a_worker_beats():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w", started_at=now, seen_at=now)
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_503_names_the_worker_when_its_heartbeat_is_stale():
    long_ago = timezone.now() - timedelta(minutes=2)
    WorkerHeartbeat.objects.create(worker_id="w", started_at=long_ago, seen_at=long_ago)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "worker": "stale"}


def test_503_names_the_database_when_it_does_not_answer():
    with mock.patch("sillon.core.views.worker_is_alive", side_effect=OperationalError("down")):
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_only_reads_are_answered():
    assert Client().post("/health/").status_code == 405
