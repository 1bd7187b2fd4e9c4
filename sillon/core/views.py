from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sillon.accounts.models import Membership
from sillon.accounts.permissions import LAST_ORGANISATION_SESSION_KEY, organisation_view
from sillon.accounts.roles import Ability
from sillon.core.navigation import COMING, SECTIONS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the organisation they used last, or their first one."""
    memberships = Membership.objects.for_user(request.user).select_related("organisation")
    last = request.session.get(LAST_ORGANISATION_SESSION_KEY)
    membership = memberships.filter(organisation__slug=last).first() or memberships.first()
    if membership is None:
        return render(request, "core/no_organisation.html")
    return redirect("dashboard", membership.organisation.slug)


@organisation_view(Ability.VIEW)
def coming(request: HttpRequest, section: str) -> HttpResponse:
    current = next((s for s in SECTIONS if s.key == section and s.key in COMING), None)
    if current is None:
        raise Http404
    return render(
        request,
        "core/coming.html",
        {"section": section, "current": current, "description": COMING[section]},
    )
