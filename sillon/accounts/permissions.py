"""The one gate every organisation page and endpoint goes through.

- Not logged in: redirected to the login page.
- Not a member of the organisation in the URL: 404, so that an outsider cannot even
  learn that the organisation or the record exists.
- A member whose role lacks the ability: 403.
- A method the view does not take: 405.

Records are then loaded with `get_for_organisation_or_404`, which never returns an
object of another organisation.

Every refusal of the gate — 404 to an outsider, 404 of a record outside the
organisation, 403 of a role — is an audit event (accounts/audit.py).
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Ability

LAST_ORGANISATION_SESSION_KEY = "sillon_organisation"


def membership_or_404(user, organisation_slug: str) -> Membership:
    membership = (
        Membership.objects.for_user(user)
        .select_related("organisation")
        .filter(organisation__slug=organisation_slug)
        .first()
    )
    if membership is None:
        raise Http404("No such organisation.")
    return membership


def require(membership: Membership, ability: Ability) -> None:
    if not membership.can(ability):
        record_event(
            EventKind.ACCESS_REFUSED,
            organisation=membership.organisation_id,
            actor=membership.user_id,
            ability=ability.value,
            status=403,
        )
        raise PermissionDenied


def organisation_view(
    ability: Ability = Ability.VIEW, methods: Iterable[str] = ("GET", "HEAD")
) -> Callable:
    """Decorate a view taking `(request, ...)` routed with an `organisation` URL argument.

    The view finds `request.organisation` and `request.membership` set.
    """
    allowed = [method.upper() for method in methods]

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, organisation: str, *args, **kwargs) -> HttpResponse:
            try:
                membership = membership_or_404(request.user, organisation)
            except Http404:
                # Not recorded against the organisation: its admins must not learn
                # who tried, and an outsider must not learn it exists.
                record_event(EventKind.NOT_FOUND, request=request, path=request.path, status=404)
                raise
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            # Set before the role check so that a 403 page still shows the navigation.
            request.membership = membership
            request.organisation = membership.organisation
            require(membership, ability)
            if request.session.get(LAST_ORGANISATION_SESSION_KEY) != organisation:
                request.session[LAST_ORGANISATION_SESSION_KEY] = organisation
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                record_event(EventKind.NOT_FOUND, request=request, path=request.path, status=404)
                raise
            # Pages of an organisation hold its records and people's data: no browser or
            # proxy keeps them (Cache-Control: no-store).
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorator


def get_for_organisation_or_404(
    organisation: Organisation, model_or_queryset: type[Model] | QuerySet, **lookup
) -> Model:
    """Like get_object_or_404, but only among the organisation's records."""
    return get_object_or_404(model_or_queryset, organisation=organisation, **lookup)
