"""What Sillon deletes once it has served (docs/spec/operations.md, Retention), run by
`sillon purge [--dry-run]` and every day by the worker (the daily job `purge`).

Each rule is a function `rule(now, dry_run) -> int` returning how many things go (or
would go). Sillon's own rules are here; a higher app adds its own from its
`AppConfig.ready()`:

    from sillon.core.retention import register_retention_rule
    register_retention_rule("unconfirmed uploads", delete_unconfirmed_uploads)
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sillon.accounts.models import Invitation
from sillon.core.models import DailyRun, WorkerHeartbeat
from sillon.core.tasks import retried_task
from sillon.core.worker import STALE_AFTER

Rule = Callable[[datetime, bool], int]
_rules: dict[str, Rule] = {}


def register_retention_rule(name: str, rule: Rule) -> None:
    _rules[name] = rule


def _count_or_delete(queryset, dry_run: bool) -> int:
    if dry_run:
        return queryset.count()
    return queryset.delete()[0]


def expired_sessions(now: datetime, dry_run: bool) -> int:
    return _count_or_delete(Session.objects.filter(expire_date__lt=now), dry_run)


def used_or_expired_invitation_links(now: datetime, dry_run: bool) -> int:
    """The token of an invitation link that can no longer be used (answered, withdrawn
    or expired); the invitation itself stays in the members' history."""
    stale = Invitation.objects.filter(token_hash__isnull=False).exclude(
        answer="", expires_at__gt=now
    )
    return stale.count() if dry_run else stale.update(token_hash=None)


def old_task_results(now: datetime, dry_run: bool) -> int:
    limit = now - timedelta(days=settings.SILLON_TASK_RESULT_DAYS)
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=limit
    )
    old_days = DailyRun.objects.filter(day__lt=(now - timedelta(days=400)).date())
    gone_workers = WorkerHeartbeat.objects.filter(
        seen_at__lt=now - max(STALE_AFTER, timedelta(days=1))
    )
    if dry_run:
        return finished.count()
    old_days.delete()
    gone_workers.delete()
    return finished.delete()[0]


register_retention_rule("expired sessions", expired_sessions)
register_retention_rule("used or expired invitation links", used_or_expired_invitation_links)
register_retention_rule("finished background tasks", old_task_results)


def purge(*, dry_run: bool = False, now: datetime | None = None) -> dict[str, int]:
    """Apply every rule; returns what went (or would go), by rule."""
    now = now or timezone.now()
    return {name: rule(now, dry_run) for name, rule in _rules.items()}


@retried_task
def purge_daily() -> dict[str, int]:
    return purge()
