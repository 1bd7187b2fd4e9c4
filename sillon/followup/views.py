"""The Follow-up page of an organisation and its section on the project page: the
questionnaires, and the answers' proposed changes beside the current records, which a
coach or manager accepts or rejects (each, or all of an answer)."""

import datetime

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view
from sillon.accounts.roles import Ability
from sillon.followup import actions, planning
from sillon.followup.choices import ChangeStatus, QuestionnaireStatus, Wave
from sillon.followup.display import describe
from sillon.followup.models import Answer, ProposedChange, Questionnaire
from sillon.register.models import Enterprise, Project


def _day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def answer_rows(answers):
    """(answer, enterprise, [(change, current, proposed)]) of each answer."""
    answers = list(
        answers.select_related("questionnaire__project").prefetch_related("changes__job")
    )
    enterprises = {
        enterprise.project_id: enterprise
        for enterprise in Enterprise.objects.filter(
            project__in=[answer.questionnaire.project_id for answer in answers]
        )
    }
    rows = []
    for answer in answers:
        enterprise = enterprises.get(answer.questionnaire.project_id)
        changes = [(change, *describe(change, enterprise)) for change in answer.changes.all()]
        rows.append((answer, enterprise, changes))
    return rows


def summary(organisation) -> dict:
    counts = Questionnaire.objects.filter(organisation=organisation).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in QuestionnaireStatus.values},
        to_review=Count(
            "pk",
            filter=Q(
                Exists(
                    ProposedChange.objects.to_review().filter(answer__questionnaire=OuterRef("pk"))
                )
            ),
        ),
    )
    counts["missed"] = len(planning.missed(organisation, timezone.localdate()))
    return counts


@organisation_view(Ability.VIEW)
def followup(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    status = request.GET.get("status", ChangeStatus.REVIEW)
    wave = request.GET.get("wave", "")
    due_from, due_to = _day(request.GET.get("due_from")), _day(request.GET.get("due_to"))
    context = {
        "section": "followup",
        "summary": summary(organisation),
        "statuses": ChangeStatus.choices,
        "waves": Wave.choices,
        "status": status,
        "wave": wave,
        "due_from": due_from,
        "due_to": due_to,
    }
    if request.membership.can(Ability.VIEW_PERSONAL_DATA):
        answers = Answer.objects.filter(organisation=organisation)
        if status in ChangeStatus.values:
            answers = answers.filter(
                Exists(ProposedChange.objects.filter(answer=OuterRef("pk"), status=status))
            )
        if wave in Wave.values:
            answers = answers.filter(questionnaire__wave=wave)
        if due_from:
            answers = answers.filter(questionnaire__due_date__gte=due_from)
        if due_to:
            answers = answers.filter(questionnaire__due_date__lte=due_to)
        context["rows"] = answer_rows(answers.order_by("questionnaire__due_date", "pk")[:200])
        context["pending"] = (
            Questionnaire.objects.filter(organisation=organisation)
            .exclude(status=QuestionnaireStatus.ANSWERED)
            .select_related("project")
            .order_by("-due_date")[:200]
        )
        context["missed"] = planning.missed(organisation, timezone.localdate())
    return render(request, "followup/followup.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "")
    if not back.startswith(f"/o/{request.organisation.slug}/"):
        back = reverse("followup", args=[request.organisation.slug])
    return redirect(back)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=["POST"])
def change_accept(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_for_organisation_or_404(request.organisation, ProposedChange, pk=pk)
    try:
        actions.accept_change(change, request.user, request.POST.get("note", ""))
    except actions.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Change accepted: the record is written."))
    return _back(request)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=["POST"])
def change_reject(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_for_organisation_or_404(request.organisation, ProposedChange, pk=pk)
    try:
        actions.reject_change(change, request.user, request.POST.get("note", ""))
    except actions.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Change rejected: the records keep their values."))
    return _back(request)


@organisation_view(Ability.EDIT_ACCOMPANIMENT, methods=["POST"])
def answer_settle(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    answer = get_for_organisation_or_404(request.organisation, Answer, pk=pk)
    try:
        count = actions.settle_answer(
            answer, decision == "accept", request.user, request.POST.get("note", "")
        )
    except actions.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)d changes settled.") % {"count": count})
    return _back(request)


def project_panel(request: HttpRequest, project: Project):
    """The project's questionnaires and answers (registered in apps.py)."""
    questionnaires = list(Questionnaire.objects.filter(project=project).order_by("wave"))
    if not questionnaires:
        return None
    personal = request.membership.can(Ability.VIEW_PERSONAL_DATA)
    rows = answer_rows(Answer.objects.filter(questionnaire__project=project)) if personal else []
    return (
        "followup/_project_panel.html",
        {
            "project": project,
            "questionnaires": questionnaires,
            "rows": rows,
            "next": request.get_full_path(),
        },
    )
