"""Pages of the tokens: a member's own (create, shown once; revoke), and the tokens of
an organisation's members for its admins (revoke)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sillon.accounts.models import Membership
from sillon.accounts.permissions import organisation_view
from sillon.accounts.roles import Ability
from sillon.api.actions import create_token, revoke_token
from sillon.api.forms import TokenForm
from sillon.api.models import ApiToken


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = create_token(
            request.user, form.cleaned_data["name"], form.cleaned_data["expires_on"]
        )
        form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": ApiToken.objects.filter(user=request.user),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if revoke_token(token):
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api-tokens")


def members_tokens_of(organisation):
    members = Membership.objects.filter(organisation=organisation, user=OuterRef("user"))
    return ApiToken.objects.filter(Exists(members)).select_related("user")


@organisation_view(Ability.MANAGE_ORGANISATION)
def member_tokens(request: HttpRequest) -> HttpResponse:
    context = {"section": "settings", "tokens": members_tokens_of(request.organisation)}
    return render(request, "api/member_tokens.html", context)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def member_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(members_tokens_of(request.organisation), pk=pk)
    if revoke_token(token, actor=request.user):
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api-member-tokens", request.organisation.slug)
