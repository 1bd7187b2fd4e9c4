"""The daily follow-up send, run by `sillon worker` (registered in apps.py as a daily
job, sillon/core/daily.py). Idempotent: a second run on the same day sends nothing."""

from django.utils import timezone

from sillon.accounts.models import Organisation
from sillon.core.tasks import retried_task
from sillon.followup.sending import send_due


class NotDelivered(Exception):
    """A mail server refused messages; they stay unsent and the task is retried."""


@retried_task
def send_due_followups() -> None:
    today = timezone.localdate()
    errors = []
    for organisation in Organisation.objects.order_by("pk"):
        errors += send_due(organisation, today).errors
    if errors:
        raise NotDelivered("; ".join(errors))
