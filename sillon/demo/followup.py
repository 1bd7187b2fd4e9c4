"""The demo's follow-up after the accompaniment (docs/spec/followup.md), so that a
newcomer sees the whole cycle: holders with a language and (most of them, up to a
thousand) a consent, waves sent by the real sending code on past days (their messages
kept in memory by an e-mail backend of its own, never printed or delivered), reminders,
unreachable and missed waves, answers — some accepted, some rejected, most waiting for
review with their proposed changes. The replay's audit events are stored without a log
line each (`sillon demo` stays quiet)."""

import datetime
import random

from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from sillon.accounts.audit import unlogged
from sillon.core.bulk import update_rows
from sillon.followup import actions
from sillon.followup.choices import AccreditationAnswer, QuestionnaireStatus
from sillon.followup.models import Invitation, Questionnaire
from sillon.followup.sending import send_due
from sillon.register.models import Enterprise, Person

# The sending runs replayed: every week of the last half year, up to today.
WEEKS = 26
# The replay sends one message per holder and wave through the real sending code, so
# its cost grows with the holders who agreed: beyond this many holders, a larger demo
# asks proportionally fewer of them, and builds in bounded time (docs/performance.md).
ASKED_HOLDERS = 1000


def populate(organisation, seed: int, today: datetime.date | None = None) -> int:
    """Consents, languages, sent waves and answers; returns the questionnaires."""
    rng = random.Random(f"followup-{seed}")
    today = today or timezone.localdate()
    holders = list(Person.objects.filter(organisation=organisation).order_by("pk"))
    asked = min(1.0, ASKED_HOLDERS / max(len(holders), 1))
    for person in holders:
        person.language = rng.choices(["", "fr", "nl", "en"], [5, 3, 3, 1])[0]
        # About one holder asked in five never agreed, and a consent needs an e-mail
        # address (docs/spec/followup.md): some waves are unreachable.
        agreed = rng.random() < 0.8 * asked
        person.followup_consent = agreed and bool(person.email)
        person.followup_consent_date = (
            today - datetime.timedelta(days=3 * 365) if person.followup_consent else None
        )
    update_rows(
        Person,
        ["language", "followup_consent", "followup_consent_date"],
        [(p.pk, p.language, p.followup_consent, p.followup_consent_date) for p in holders],
    )
    # The demo's messages stay in memory: nobody receives them.
    mailer = EmailBackend()
    with unlogged():
        for week in range(WEEKS, -1, -1):
            send_due(organisation, today - datetime.timedelta(weeks=week), mailer=mailer)
        answer_some(organisation, rng, today)
    return Questionnaire.objects.filter(organisation=organisation).count()


def answer_some(organisation, rng: random.Random, today: datetime.date) -> None:
    """Half the questionnaires sent are answered; a third of the answers were settled."""
    sent = Questionnaire.objects.filter(
        organisation=organisation, status=QuestionnaireStatus.SENT
    ).order_by("pk")
    for questionnaire in sent:
        if rng.random() >= 0.5:
            continue
        invitation = Invitation.objects.filter(questionnaire=questionnaire).first()
        enterprise = Enterprise.objects.filter(project=questionnaire.project_id).first()
        data = {"impact": {"beneficiaries": rng.randint(5, 200), "social_impact": ""}}
        if enterprise is not None:
            data["enterprise"] = {"still_active": "yes"}
            data["jobs"] = {
                job.pk: (
                    {"still_in_post": "yes", "end_date": None}
                    if rng.random() < 0.8
                    else {
                        "still_in_post": "no",
                        "end_date": max(job.start_date, today - datetime.timedelta(days=60)),
                    }
                )
                for job in enterprise.jobs.filter(end_date__isnull=True)
            }
            if rng.random() < 0.4:
                data["new_jobs"] = [
                    {
                        "start_date": today - datetime.timedelta(days=rng.randint(30, 300)),
                        "worker_status": "employee",
                        "contract_type": rng.choice(["permanent", "fixed_term"]),
                        "weekly_hours": rng.choice([19, 30, 38]),
                        "joint_committee": "",
                        "gender": rng.choice(["f", "m"]),
                    }
                ]
            data["accreditation"] = {"accreditation": AccreditationAnswer.NOT_SOUGHT.value}
            data["accreditation"]["reason"] = "not_relevant"
        answer = actions.submit_answer(invitation, data)
        roll = rng.random()
        if roll < 0.25:
            for change in answer.changes.all():
                try:
                    actions.accept_change(change)
                except actions.ReviewError:
                    actions.reject_change(change, note="Accepté après un appel : à revoir.")
        elif roll < 0.33:
            actions.settle_answer(answer, False, note="Réponse de test du porteur.")
