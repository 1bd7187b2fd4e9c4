"""Retention: `sillon purge [--dry-run]` and the daily job delete what has served."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sillon.accounts.models import Invitation
from sillon.accounts.roles import Role
from sillon.core.daily import daily_jobs
from sillon.core.retention import purge, purge_daily
from sillon.kbo import uploads as extracts
from sillon.workbook import uploads

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def upload(organisation, name: str, days_old: float):
    path = uploads.folder(organisation.pk) / f"{name}.xlsx.upload"
    path.write_bytes(b"PK")
    when = time.time() - days_old * 24 * 3600
    os.utime(path, (when, when))
    return path


def invitation(organisation, token: str, **fields):
    return Invitation.objects.create(
        organisation=organisation,
        role=Role.COACH,
        email="new@example.org",
        invited_as="new@example.org",
        token_hash=token,
        expires_at=fields.pop("expires_at", timezone.now() + timedelta(days=3)),
        **fields,
    )


def finished_task(days_old: int) -> DBTaskResult:
    result = purge_daily.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=days_old)
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture
def leftovers(org_a, data_dir):
    store = SessionStore()
    store.create()
    from django.contrib.sessions.models import Session

    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(hours=1)
    )
    abandoned_extract = extracts.root() / "abandoned"  # a folder no upload waits for
    abandoned_extract.mkdir()
    return {
        "abandoned extract": abandoned_extract,
        "old upload": upload(org_a, "old", days_old=8),
        "fresh upload": upload(org_a, "fresh", days_old=6),
        "pending": invitation(org_a, "a" * 64),
        "expired": invitation(org_a, "b" * 64, expires_at=timezone.now() - timedelta(days=1)),
        "accepted": invitation(org_a, "c" * 64, answer="accepted"),
        "old task": finished_task(days_old=31),
        "recent task": finished_task(days_old=29),
    }


EXPECTED = {
    "expired sessions": 1,
    "used or expired invitation links": 2,
    "finished background tasks": 1,
    "unconfirmed workbook uploads": 1,
    "uploaded register extracts": 1,
}


def test_dry_run_says_what_would_go_and_deletes_nothing(leftovers):
    output = io.StringIO()
    call_command("purge", "--dry-run", stdout=output)
    assert "unconfirmed workbook uploads: 1 would go" in output.getvalue()
    assert purge(dry_run=True) == EXPECTED
    assert leftovers["old upload"].exists() and leftovers["abandoned extract"].exists()
    assert Invitation.objects.filter(token_hash__isnull=False).count() == 3
    assert DBTaskResult.objects.count() == 2


def test_purge_deletes_only_what_has_served(leftovers):
    output = io.StringIO()
    call_command("purge", stdout=output)
    assert "finished background tasks: 1 deleted" in output.getvalue()
    assert not leftovers["old upload"].exists() and leftovers["fresh upload"].exists()
    assert not leftovers["abandoned extract"].exists()
    links = dict(Invitation.objects.values_list("pk", "token_hash"))
    assert links[leftovers["pending"].pk] == "a" * 64  # still usable
    assert links[leftovers["expired"].pk] is None and links[leftovers["accepted"].pk] is None
    assert Invitation.objects.count() == 3  # the members' history keeps them
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [leftovers["recent task"].pk]
    assert purge(dry_run=True) == dict.fromkeys(EXPECTED, 0)


def test_the_purge_is_a_daily_job():
    assert purge_daily in daily_jobs()
