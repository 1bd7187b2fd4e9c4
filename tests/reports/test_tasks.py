"""Reports produced by the worker: through django-tasks-db's queue, retried with
backoff when an attempt fails or its worker stops, never shown done half-written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sillon.core.models import WorkerHeartbeat
from sillon.core.tasks import MAX_ATTEMPTS
from sillon.core.worker import recover_abandoned
from sillon.reports import actions
from sillon.reports.models import Report, Status
from tests.worker import run_worker

pytestmark = pytest.mark.django_db
PRODUCE = {"kind": "annual", "period": "2025", "format": "html", "language": "en"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def request_report(persona, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = persona.client.post(reverse("reports", args=[organisation.slug]), PRODUCE)
    assert response.status_code == 302
    return Report.objects.get()


def attempts() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_the_page_queues_the_report_and_the_worker_produces_it(
    hand_made, manager, django_capture_on_commit_callbacks
):
    report = request_report(manager, hand_made, django_capture_on_commit_callbacks)
    assert report.status == Status.QUEUED  # the request only queued it
    run_worker()
    report.refresh_from_db()
    assert report.status == Status.DONE and report.file and len(report.checksum) == 64
    (attempt,) = attempts()
    assert attempt.status == "SUCCESSFUL"


def test_a_failed_attempt_is_retried_later_and_then_succeeds(
    hand_made, manager, monkeypatch, django_capture_on_commit_callbacks
):
    real_produce = actions.produce
    calls = []

    def fails_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return real_produce(*args, **kwargs)

    monkeypatch.setattr(actions, "produce", fails_once)
    report = request_report(manager, hand_made, django_capture_on_commit_callbacks)
    before = timezone.now()
    run_worker()
    first, second = attempts()
    assert first.status == "FAILED" and "disk full" in first.traceback
    assert second.status == "READY" and second.args_kwargs["kwargs"] == {"attempt": 2}
    # Backoff: the second attempt waits a minute.
    assert second.run_after >= before + timedelta(seconds=59)
    report.refresh_from_db()
    assert report.status == Status.QUEUED and "disk full" in report.error
    assert "tried again" in report.error

    DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
    run_worker()
    report.refresh_from_db()
    assert report.status == Status.DONE and report.error == ""


def test_after_the_last_attempt_the_report_shows_its_error(
    hand_made, manager, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "produce", broken)
    report = request_report(manager, hand_made, django_capture_on_commit_callbacks)
    for _attempt in range(MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    assert [a.status for a in attempts()] == ["FAILED"] * MAX_ATTEMPTS
    assert [a.args_kwargs["kwargs"].get("attempt", 1) for a in attempts()] == [1, 2, 3, 4]
    report.refresh_from_db()
    assert report.status == Status.FAILED and "disk full" in report.error
    assert "tried again" not in report.error


def test_an_attempt_whose_worker_was_killed_is_retried_and_never_shown_done(
    hand_made, manager, django_capture_on_commit_callbacks
):
    report = request_report(manager, hand_made, django_capture_on_commit_callbacks)
    # A worker claimed it, started writing, and was killed: its heartbeat stopped.
    long_ago = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(worker_id="killed", started_at=long_ago, seen_at=long_ago)
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["killed"], started_at=long_ago)
    Report.objects.filter(pk=report.pk).update(status=Status.RUNNING, progress=60)
    page = manager.client.get(reverse("report_status", args=[hand_made.slug, report.pk]))
    assert page.json()["status"] == "running" and not page.json()["finished"]

    assert recover_abandoned() == 1
    killed, retry = attempts()
    assert killed.status == "FAILED" and "WorkerStopped" in killed.exception_class_path
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert recover_abandoned() == 0  # once only

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    report.refresh_from_db()
    assert report.status == Status.DONE and report.progress == 100


def test_a_running_attempt_of_a_live_worker_is_left_alone(
    hand_made, manager, django_capture_on_commit_callbacks
):
    request_report(manager, hand_made, django_capture_on_commit_callbacks)
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=now, seen_at=now)
    DBTaskResult.objects.update(
        status="RUNNING", worker_ids=["alive"], started_at=now - timedelta(minutes=5)
    )
    assert recover_abandoned() == 0
    assert DBTaskResult.objects.get().status == "RUNNING"
