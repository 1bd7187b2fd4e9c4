"""Creating and revoking API tokens, each an audit event of the member's account (shown
to the admins of the member's organisations, as sign-ins are)."""

from django.db import transaction
from django.utils import timezone

from sillon.accounts.audit import EventKind, record_event
from sillon.api.models import ApiToken


@transaction.atomic
def create_token(user, name: str, expires_on=None, actor=None) -> tuple[ApiToken, str]:
    token, secret = ApiToken.issue(user, name, expires_on)
    record_event(
        EventKind.API_TOKEN_CREATED,
        actor=actor or user,
        target=f"api_token:{token.pk}",
        member=user.pk,
        expires=expires_on.isoformat() if expires_on else None,
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, actor=None) -> bool:
    """Revoke a token; False when it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        EventKind.API_TOKEN_REVOKED,
        actor=actor or token.user,
        target=f"api_token:{token.pk}",
        member=token.user_id,
    )
    return True
