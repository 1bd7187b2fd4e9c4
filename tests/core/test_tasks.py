"""`sillon worker`: the queue, the heartbeat, and the daily jobs' registry."""

import datetime
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sillon.core import daily
from sillon.core.models import DailyRun, WorkerHeartbeat
from sillon.core.worker import housekeeping, worker_is_alive

BRUSSELS = ZoneInfo("Europe/Brussels")


@task
def say_hello(name: str) -> str:
    return f"hello {name}"


@task
def nightly() -> None:
    pass


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(daily, "_jobs", {})
    daily.register_daily_job(nightly)


def at(hour: int, day: int = 2) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, 5, tzinfo=BRUSSELS)


@pytest.mark.django_db
def test_daily_jobs_are_enqueued_once_a_day_from_the_configured_hour(registry, settings):
    settings.SILLON_DAILY_HOUR = 3
    assert daily.enqueue_if_due(at(2)) == []  # before the hour
    assert daily.enqueue_if_due(at(3)) == [nightly]
    assert daily.enqueue_if_due(at(15)) == []  # once a day, whatever the workers
    assert daily.enqueue_if_due(at(3, day=3)) == [nightly]  # the next day again
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert list(queued) == ["tests.core.test_tasks.nightly"] * 2
    assert DailyRun.objects.count() == 2


@pytest.mark.django_db
def test_a_late_worker_still_enqueues_the_days_jobs(registry, settings):
    settings.SILLON_DAILY_HOUR = 3
    assert daily.enqueue_if_due(at(23)) == [nightly]


@pytest.mark.django_db
def test_the_heartbeat_says_whether_a_worker_runs():
    assert not worker_is_alive()
    housekeeping("w1", timezone.now())
    assert worker_is_alive()
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=1))
    assert not worker_is_alive()


@pytest.mark.django_db(transaction=True)
def test_sillon_worker_runs_what_is_queued_and_leaves_no_heartbeat_behind():
    result = say_hello.enqueue("Zoé")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0, stdout=io.StringIO())
    done = DBTaskResult.objects.get(pk=result.id)
    assert done.status == "SUCCESSFUL" and done.return_value == "hello Zoé"
    assert not WorkerHeartbeat.objects.exists()
