from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sillon.accounts.models import Membership
from sillon.accounts.permissions import LAST_ORGANISATION_SESSION_KEY


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the organisation they used last, or their first one."""
    memberships = Membership.objects.for_user(request.user).select_related("organisation")
    last = request.session.get(LAST_ORGANISATION_SESSION_KEY)
    membership = memberships.filter(organisation__slug=last).first() or memberships.first()
    if membership is None:
        return render(request, "core/no_organisation.html")
    return redirect("dashboard", membership.organisation.slug)
