"""Audit events of signing in (success, failure, lock-out) and the flag that sends a
member with an initial password to change it."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import InitialPassword

MUST_CHANGE_PASSWORD_SESSION_KEY = "sillon_must_change_password"


def _form(request) -> str:
    """Which login form: the site's or the administration site's."""
    path = getattr(request, "path", "") or ""
    return "admin" if path.startswith("/admin/") else "site"


def _account_id(username) -> int | None:
    if not username:
        return None
    model = get_user_model()
    return (
        model.objects.filter(**{model.USERNAME_FIELD: username}).values_list("pk", flat=True)
    ).first()


@receiver(user_logged_in, dispatch_uid="sillon_audit_signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    record_event(EventKind.SIGNED_IN, organisation=None, actor=user, form=_form(request))
    if InitialPassword.objects.filter(user=user).exists():
        request.session[MUST_CHANGE_PASSWORD_SESSION_KEY] = True


@receiver(user_login_failed, dispatch_uid="sillon_audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    # The account aimed at, by its id; what was typed is never kept.
    record_event(
        EventKind.SIGN_IN_FAILED,
        organisation=None,
        actor=_account_id(credentials.get("username")),
        form=_form(request),
    )


@receiver(user_locked_out, dispatch_uid="sillon_audit_locked_out")
def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record_event(
        EventKind.LOCKED_OUT,
        organisation=None,
        actor=_account_id(username),
        form=_form(request),
    )
