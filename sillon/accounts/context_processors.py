from django.http import HttpRequest

from sillon.accounts.models import Membership


def memberships(request: HttpRequest) -> dict:
    """The user's organisations, for the organisation switcher (one query, only when drawn)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_memberships": Membership.objects.none()}
    return {
        "user_memberships": Membership.objects.for_user(user)
        .select_related("organisation")
        .order_by("organisation__name")
    }


def abilities(request: HttpRequest) -> dict:
    """`can.edit_records` etc. for the member's role in the current organisation."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"can": {}}
    return {"can": {ability.value: True for ability in membership.abilities}}
