"""Writes of the follow-up, each in one transaction: an answer and the changes it
proposes (nothing else is written by the public page), an unsubscribe, and the review
that turns accepted changes into records with source `followup:<answer id>` and a
history entry."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.accounts.audit import EventKind, record_event
from sillon.followup.choices import (
    AccreditationAnswer,
    ChangeKind,
    ChangeStatus,
    QuestionnaireStatus,
)
from sillon.followup.models import Answer, Invitation, ProposedChange, Questionnaire, Unsubscribe
from sillon.outcomes.choices import EMES_CRITERIA
from sillon.outcomes.models import (
    AccreditationEvent,
    ImpactAssessment,
    Job,
    NonAccreditationReason,
)
from sillon.register.choices import CessationReason
from sillon.register.models import Enterprise


class AlreadyAnswered(Exception):
    """Another recipient answered first (or the questionnaire closed meanwhile)."""


class ReviewError(Exception):
    """The change cannot be settled; the message says why, in the user's language."""


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _plain_dict(values: dict) -> dict:
    return {name: _plain(value) for name, value in values.items()}


def proposed_changes(questionnaire, enterprise, jobs, data: dict) -> list[tuple]:
    """(kind, job, values) of each change that an answer proposes."""
    changes = []
    today = timezone.localdate().isoformat()
    if enterprise is not None:
        company = data.get("enterprise") or {}
        if company.get("still_active") == "no" and enterprise.cessation_date is None:
            changes.append(
                (ChangeKind.ENTERPRISE_CEASED, None, {"date": company["cessation_date"]})
            )
        by_id = {job.pk: job for job in jobs}
        for job_id, answer in (data.get("jobs") or {}).items():
            job = by_id.get(int(job_id))
            if job is None:
                continue
            if answer["still_in_post"] == "yes":
                changes.append((ChangeKind.JOB_CONFIRMED, job, {}))
            else:
                changes.append((ChangeKind.JOB_ENDED, job, {"end_date": answer["end_date"]}))
        for new in data.get("new_jobs") or []:
            changes.append((ChangeKind.NEW_JOB, None, new))
        accreditation = (data.get("accreditation") or {}).get("accreditation")
        if accreditation and accreditation != AccreditationAnswer.NOT_SOUGHT:
            latest = enterprise.accreditation_events.order_by("-date", "-pk").first()
            if latest is None or latest.event != accreditation:
                changes.append(
                    (ChangeKind.ACCREDITATION_EVENT, None, {"event": accreditation, "date": today})
                )
        if accreditation == AccreditationAnswer.NOT_SOUGHT:
            reason = data["accreditation"]["reason"]
            changes.append(
                (ChangeKind.NON_ACCREDITATION_REASON, None, {"reason": reason, "date": today})
            )
    impact = data.get("impact") or {}
    if impact.get("beneficiaries") is not None or impact.get("social_impact"):
        changes.append(
            (
                ChangeKind.IMPACT_ASSESSMENT,
                None,
                {
                    "date": today,
                    "beneficiaries": impact.get("beneficiaries"),
                    "social_impact": impact.get("social_impact", ""),
                },
            )
        )
    return changes


@transaction.atomic
def submit_answer(invitation: Invitation, data: dict) -> Answer:
    """Store an answer whole and the changes it proposes; the first complete answer
    closes the questionnaire for every recipient."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=invitation.questionnaire_id)
    if questionnaire.status != QuestionnaireStatus.SENT or hasattr(questionnaire, "answer"):
        raise AlreadyAnswered
    now = timezone.now()
    enterprise = Enterprise.objects.filter(project=questionnaire.project_id).first()
    jobs = list(enterprise.jobs.all()) if enterprise else []
    data = {
        "enterprise": _plain_dict(data.get("enterprise") or {}),
        "jobs": {str(k): _plain_dict(v) for k, v in (data.get("jobs") or {}).items()},
        "new_jobs": [_plain_dict(row) for row in data.get("new_jobs") or []],
        "accreditation": _plain_dict(data.get("accreditation") or {}),
        "impact": _plain_dict(data.get("impact") or {}),
    }
    answer = Answer.objects.create(
        organisation_id=questionnaire.organisation_id,
        questionnaire=questionnaire,
        invitation=invitation,
        answered_at=now,
        data=data,
    )
    ProposedChange.objects.bulk_create(
        ProposedChange(
            organisation_id=questionnaire.organisation_id,
            answer=answer,
            kind=kind,
            job=job,
            values=values,
        )
        for kind, job, values in proposed_changes(questionnaire, enterprise, jobs, data)
    )
    questionnaire.status = QuestionnaireStatus.ANSWERED
    questionnaire.answered_at = now
    questionnaire.save(update_fields=["status", "answered_at"])
    return answer


@transaction.atomic
def unsubscribe(invitation: Invitation) -> None:
    Unsubscribe.objects.get_or_create(
        person=invitation.person, defaults={"organisation_id": invitation.organisation_id}
    )


def _save(record, change: ProposedChange, user) -> None:
    try:
        record.full_clean()
    except ValidationError as error:
        raise ReviewError(" ".join(error.messages)) from error
    if not record.pk:
        record.source = change.source
    record._change_reason = change.source
    if user is not None and user.is_authenticated:
        record._history_user = user
    record.save()


def next_job_ref(enterprise: Enterprise) -> str:
    taken = set(enterprise.jobs.values_list("job_ref", flat=True))
    number = len(taken) + 1
    while f"J{number}" in taken:
        number += 1
    return f"J{number}"


def write_change(change: ProposedChange, user) -> str:
    """Write an accepted change into the records; returns "<kind>:<id>"."""
    project = change.answer.questionnaire.project
    enterprise = Enterprise.objects.filter(project=project).first()
    values = change.values
    organisation_id = change.organisation_id
    if change.kind in (ChangeKind.JOB_ENDED, ChangeKind.JOB_CONFIRMED):
        if change.job is None:
            raise ReviewError(_("This job no longer exists."))
        job = change.job
        if change.kind == ChangeKind.JOB_ENDED:
            job.end_date = datetime.date.fromisoformat(values["end_date"])
        _save(job, change, user)  # still in post: a dated history entry confirms it
        return f"job:{job.pk}"
    if enterprise is None:
        raise ReviewError(_("The project has no enterprise any more."))
    if change.kind == ChangeKind.NEW_JOB:
        job = Job(
            organisation_id=organisation_id,
            enterprise=enterprise,
            job_ref=next_job_ref(enterprise),
            start_date=datetime.date.fromisoformat(values["start_date"]),
            worker_status=values["worker_status"],
            contract_type=values["contract_type"],
            weekly_hours=Decimal(values["weekly_hours"]),
            joint_committee=values.get("joint_committee", ""),
            gender=values.get("gender") or "unknown",
        )
        _save(job, change, user)
        return f"job:{job.pk}"
    if change.kind == ChangeKind.ENTERPRISE_CEASED:
        if enterprise.cessation_date is None:
            enterprise.cessation_date = datetime.date.fromisoformat(values["date"])
            enterprise.cessation_reason = CessationReason.OTHER
            _save(enterprise, change, user)
        return f"enterprise:{enterprise.pk}"
    if change.kind == ChangeKind.ACCREDITATION_EVENT:
        event = AccreditationEvent(
            organisation_id=organisation_id,
            enterprise=enterprise,
            event=values["event"],
            date=datetime.date.fromisoformat(values["date"]),
        )
        _save(event, change, user)
        return f"accreditation_event:{event.pk}"
    if change.kind == ChangeKind.NON_ACCREDITATION_REASON:
        reason = NonAccreditationReason(
            organisation_id=organisation_id,
            enterprise=enterprise,
            reason=values["reason"],
            date=datetime.date.fromisoformat(values["date"]),
            note=_("From the follow-up questionnaire."),
        )
        _save(reason, change, user)
        return f"non_accreditation_reason:{reason.pk}"
    if change.kind == ChangeKind.IMPACT_ASSESSMENT:
        # The nine EMES criteria are a coach's judgement, not asked of the holder: the
        # new assessment keeps those of the latest one.
        previous = project.impact_assessments.order_by("-date", "-pk").first()
        if previous is None:
            raise ReviewError(
                _("Record an impact assessment of this project first: its criteria are kept.")
            )
        date = datetime.date.fromisoformat(values["date"])
        assessment = ImpactAssessment.objects.filter(project=project, date=date).first()
        if assessment is None:
            assessment = ImpactAssessment(
                organisation_id=organisation_id, project=project, date=date
            )
            for name, _label, _dimension in EMES_CRITERIA:
                setattr(assessment, name, getattr(previous, name))
            assessment.environmental_actions = previous.environmental_actions
            assessment.diversity_actions = previous.diversity_actions
        assessment.beneficiaries = values.get("beneficiaries")
        assessment.social_impact = values.get("social_impact", "")
        _save(assessment, change, user)
        return f"impact_assessment:{assessment.pk}"
    raise ReviewError(_("Unknown change."))


def _decide(change: ProposedChange, status: str, user, note: str = "") -> None:
    change.status = status
    change.note = note
    change.decided_by = user if user is not None and user.is_authenticated else None
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "note", "decided_by", "decided_at", "record"])


@transaction.atomic
def accept_change(change: ProposedChange, user=None, note: str = "") -> None:
    change = (
        ProposedChange.objects.select_for_update(of=("self",))
        .select_related("answer__questionnaire__project", "job")
        .get(pk=change.pk)
    )
    if change.status != ChangeStatus.REVIEW:
        raise ReviewError(_("This change was already settled."))
    change.record = write_change(change, user)
    _decide(change, ChangeStatus.ACCEPTED, user, note)
    record_event(
        EventKind.FOLLOWUP_REVIEWED,
        organisation=change.organisation_id,
        actor=user,
        target=f"followup_change:{change.pk}",
        decision="accepted",
        change_kind=change.kind,
    )


@transaction.atomic
def reject_change(change: ProposedChange, user=None, note: str = "") -> None:
    change = ProposedChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.REVIEW:
        raise ReviewError(_("This change was already settled."))
    _decide(change, ChangeStatus.REJECTED, user, note)
    record_event(
        EventKind.FOLLOWUP_REVIEWED,
        organisation=change.organisation_id,
        actor=user,
        target=f"followup_change:{change.pk}",
        decision="rejected",
        change_kind=change.kind,
    )


@transaction.atomic
def settle_answer(answer: Answer, accept: bool, user=None, note: str = "") -> int:
    """Accept or reject every change of an answer still to review; all or nothing."""
    settled = 0
    for change in answer.changes.to_review().order_by("pk"):
        (accept_change if accept else reject_change)(change, user, note)
        settled += 1
    return settled
