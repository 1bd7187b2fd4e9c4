"""`sillon followup plan | send | answers | accept ID | reject ID` (docs/spec/cli.md,
docs/spec/followup.md)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sillon.accounts.commands import organisation_named
from sillon.followup import planning
from sillon.followup.actions import ReviewError, settle_answer
from sillon.followup.models import Answer
from sillon.followup.sending import send_due


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of: {text!r} is not a date (YYYY-MM-DD).") from error


def answer_dict(answer: Answer) -> dict:
    questionnaire = answer.questionnaire
    changes = list(answer.changes.all())
    return {
        "id": answer.pk,
        "project_ref": questionnaire.project.ref,
        "wave": questionnaire.wave,
        "due_date": questionnaire.due_date.isoformat(),
        "answered_at": answer.answered_at.isoformat(),
        "changes": [
            {
                "id": change.pk,
                "kind": change.kind,
                "status": change.status,
                "job_ref": change.job.job_ref if change.job_id else None,
                "values": change.values,
                "record": change.record or None,
            }
            for change in changes
        ],
    }


class Command(BaseCommand):
    help = "Follow projects up one and two years after the accompaniment."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        plan = actions.add_parser("plan", help="What send would send on a day, without sending.")
        send = actions.add_parser("send", help="Send the invitations and reminders due.")
        for sub in (plan, send):
            sub.add_argument("--organisation", required=True, help="Short name (slug).")
            sub.add_argument("--as-of", type=day, default=None, help="The day (default: today).")
        plan.add_argument("--format", choices=["json", "text"], default="json")
        send.add_argument("--dry-run", action="store_true", help="Print the plan, send nothing.")
        answers = actions.add_parser("answers", help="List the answers and their changes.")
        answers.add_argument("--organisation", required=True, help="Short name (slug).")
        answers.add_argument("--format", choices=["json", "text"], default="text")
        accept = actions.add_parser("accept", help="Accept every change of an answer to review.")
        accept.add_argument("id", type=int)
        reject = actions.add_parser("reject", help="Reject every change of an answer to review.")
        reject.add_argument("id", type=int)
        reject.add_argument("--note", required=True, help="Why (kept with the changes).")

    def handle(self, *args, action, **options):
        return getattr(self, "handle_" + action)(**options)

    def handle_plan(self, organisation, as_of, format, **options):
        found = organisation_named(organisation)
        result = planning.plan(found, as_of or timezone.localdate()).as_json()
        if format == "json":
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(f"As of {result['as_of']}:")
        for row in result["invitations"]:
            self.stdout.write(
                f"  invitation {row['project_ref']} {row['wave']} (due {row['due_date']}): "
                f"{row['recipients']} recipient(s)"
            )
        for row in result["reminders"]:
            self.stdout.write(
                f"  reminder {row['number']} {row['project_ref']} {row['wave']}: "
                f"{row['recipients']} recipient(s)"
            )
        for row in result["unreachable"]:
            self.stdout.write(
                f"  unreachable {row['project_ref']} {row['wave']} (due {row['due_date']})"
            )
        if not any(result[key] for key in ("invitations", "reminders", "unreachable")):
            self.stdout.write("  nothing to send.")

    def handle_send(self, organisation, as_of, dry_run, **options):
        found = organisation_named(organisation)
        if dry_run:
            return self.handle_plan(organisation, as_of, "text")
        sent = send_due(found, as_of)
        self.stdout.write(
            f"{sent.invitations} invitation(s) and {sent.reminders} reminder(s) sent; "
            f"{sent.unreachable} wave(s) unreachable."
        )
        if sent.errors:
            raise CommandError(
                "Not delivered (retried on the next run):\n" + "\n".join(sent.errors)
            )

    def handle_answers(self, organisation, format, **options):
        found = organisation_named(organisation)
        answers = (
            Answer.objects.filter(organisation=found)
            .select_related("questionnaire__project")
            .prefetch_related("changes__job")
            .order_by("pk")
        )
        rows = [answer_dict(answer) for answer in answers]
        if format == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No answer.")
        for row in rows:
            statuses = ", ".join(f"{c['kind']} [{c['status']}]" for c in row["changes"]) or "—"
            self.stdout.write(
                f"#{row['id']} {row['project_ref']} {row['wave']} answered {row['answered_at']}: "
                f"{statuses}"
            )

    def _settle(self, id, accept, note=""):
        answer = Answer.objects.filter(pk=id).first()
        if answer is None:
            raise CommandError(f"No answer has the id {id}.")
        try:
            count = settle_answer(answer, accept, None, note)
        except ReviewError as error:
            raise CommandError(str(error)) from error
        word = "accepted" if accept else "rejected"
        self.stdout.write(f"Answer #{id}: {count} change(s) {word}.")

    def handle_accept(self, id, **options):
        self._settle(id, True)

    def handle_reject(self, id, note, **options):
        self._settle(id, False, note)
