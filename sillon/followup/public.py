"""The public pages of the follow-up, reached from a message's link without signing
in: the questionnaire `/f/<token>/`, its receipt, and the unsubscribe page.

An unknown token, an expired link and an answered questionnaire each get a clear page
with a 404 or 410 status — never the form, never a hint whether another token exists.
Requests are throttled per token and per client address (HTTP 429). The page writes
only the answer and the changes it proposes (actions.submit_answer)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sillon.accounts.throttle import client_address
from sillon.followup import actions
from sillon.followup.choices import QuestionnaireStatus
from sillon.followup.forms import (
    AccreditationForm,
    EnterpriseForm,
    ImpactForm,
    KnownJobForm,
    NewJobFormSet,
)
from sillon.followup.models import Message, token_hash
from sillon.register.models import Enterprise

# Requests per quarter of an hour.
PER_TOKEN = 30
PER_ADDRESS = 60
THROTTLE_SECONDS = 15 * 60


def throttled(request: HttpRequest, token: str) -> bool:
    keys = [f"followup:token:{token_hash(token)}", f"followup:address:{client_address(request)}"]
    limits = [PER_TOKEN, PER_ADDRESS]
    over = False
    for key, limit in zip(keys, limits, strict=True):
        cache.add(key, 0, THROTTLE_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, THROTTLE_SECONDS)
            count = 1
        over = over or count > limit
    return over


def closed(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(request, "followup/public_closed.html", {"reason": reason}, status=status)


def find(request: HttpRequest, token: str):
    """(message, error response): the message a token belongs to, or the page to show."""
    if throttled(request, token):
        return None, closed(request, "throttled", 429)
    message = (
        Message.objects.select_related(
            "invitation__person",
            "invitation__questionnaire__project",
            "invitation__questionnaire__organisation",
        )
        .filter(token_hash=token_hash(token), sent_at__isnull=False)
        .first()
    )
    if message is None:
        return None, closed(request, "unknown", 404)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(message.invitation.language)
        request.LANGUAGE_CODE = message.invitation.language
    return message, None


def _forms(questionnaire, enterprise, jobs, data=None):
    return {
        "enterprise_form": EnterpriseForm(data, prefix="enterprise") if enterprise else None,
        "job_forms": [(job, KnownJobForm(data, job=job, prefix=f"job-{job.pk}")) for job in jobs],
        "new_jobs": NewJobFormSet(data, prefix="new") if enterprise else None,
        "accreditation_form": AccreditationForm(data, prefix="esd") if enterprise else None,
        "impact_form": ImpactForm(data, prefix="impact"),
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire_form(request: HttpRequest, token: str) -> HttpResponse:
    message, refused = find(request, token)
    if refused:
        return refused
    questionnaire = message.invitation.questionnaire
    if questionnaire.status == QuestionnaireStatus.ANSWERED:
        return closed(request, "answered", 410)
    if not questionnaire.is_open(timezone.localdate()):
        return closed(request, "expired", 410)
    enterprise = Enterprise.objects.filter(project=questionnaire.project_id).first()
    jobs = (
        list(enterprise.jobs.filter(end_date__isnull=True).order_by("start_date", "job_ref"))
        if enterprise
        else []
    )
    forms = _forms(
        questionnaire, enterprise, jobs, request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        parts = [form for form in forms.values() if form is not None and not isinstance(form, list)]
        parts += [form for _job, form in forms["job_forms"]]
        if all(part.is_valid() for part in parts):
            data = {
                "enterprise": forms["enterprise_form"].cleaned_data if enterprise else {},
                "jobs": {job.pk: form.cleaned_data for job, form in forms["job_forms"]},
                "new_jobs": [
                    form.cleaned_data
                    for form in (forms["new_jobs"] or [])
                    if form.has_changed() and form.cleaned_data
                ],
                "accreditation": forms["accreditation_form"].cleaned_data if enterprise else {},
                "impact": forms["impact_form"].cleaned_data,
            }
            try:
                actions.submit_answer(message.invitation, data)
            except actions.AlreadyAnswered:
                return closed(request, "answered", 410)
            return render(
                request,
                "followup/public_receipt.html",
                {"questionnaire": questionnaire, "unsubscribe_token": token},
            )
    return render(
        request,
        "followup/public_form.html",
        {
            "questionnaire": questionnaire,
            "organisation": questionnaire.organisation,
            "project": questionnaire.project,
            "enterprise": enterprise,
            "token": token,
            **forms,
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    message, refused = find(request, token)
    if refused:
        return refused
    done = False
    if request.method == "POST":
        actions.unsubscribe(message.invitation)
        done = True
    return render(
        request,
        "followup/public_unsubscribe.html",
        {"organisation": message.invitation.questionnaire.organisation, "done": done},
    )
