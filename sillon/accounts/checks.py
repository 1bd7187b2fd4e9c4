"""System checks of accounts: in production, Sillon refuses to start while an active
account still has the demo's published password (`sillon check --deploy`, `sillon
serve` and `migrate` run the checks)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, register
from django.db import DatabaseError
from django.db.models import Q

from sillon.accounts.demo import DEMO_PASSWORD
from sillon.accounts.roles import Role


def demo_named_accounts():
    """Active accounts named as `sillon demo` names them: <organisation>-<role>.
    (Checking every account would cost a deliberately slow hash per account.)"""
    named = Q()
    for role in Role:
        named |= Q(username__endswith=f"-{role.value}")
    return get_user_model().objects.filter(named, is_active=True)


@register("security", deploy=False)
def demo_password_in_production(app_configs=None, **kwargs) -> list[Error]:
    if not settings.PRODUCTION:
        return []
    try:
        accounts = list(demo_named_accounts().values_list("username", "password"))
    except DatabaseError:  # no table yet: before the first migrate
        return []
    exposed = sorted(name for name, hashed in accounts if check_password(DEMO_PASSWORD, hashed))
    if not exposed:
        return []
    return [
        Error(
            f"Active accounts still have the demo's published password: {', '.join(exposed)}.",
            hint="Deactivate or delete these accounts (or set them another password) "
            "before serving Sillon in production: anyone can read the demo's password.",
            id="sillon.E001",
        )
    ]
