from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sillon.accounts.models import Membership
from sillon.accounts.permissions import LAST_ORGANISATION_SESSION_KEY
from sillon.core.worker import worker_is_alive


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the organisation they used last, or their first one."""
    memberships = Membership.objects.for_user(request.user).select_related("organisation")
    last = request.session.get(LAST_ORGANISATION_SESSION_KEY)
    membership = memberships.filter(organisation__slug=last).first() or memberships.first()
    if membership is None:
        return render(request, "core/no_organisation.html")
    return redirect("dashboard", membership.organisation.slug)


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For a load balancer or a monitor: the database answers and a worker's heartbeat
    is fresh (200), or which of them failed (503). No version, no secret, no login."""
    state = {"database": "ok", "worker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not worker_is_alive():
            state["worker"] = "stale"
    except DatabaseError:
        state = {"database": "unavailable", "worker": "unknown"}
    healthy = all(value == "ok" for value in state.values())
    return JsonResponse(state, status=200 if healthy else 503)
