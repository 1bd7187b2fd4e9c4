"""Session rules of a signed-in member: sessions end after a time without activity
(SESSION_COOKIE_AGE, from SILLON_SESSION_IDLE_HOURS), and an account that still has
the first password an administrator was shown must change it before anything else."""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from sillon.accounts.signals import MUST_CHANGE_PASSWORD_SESSION_KEY

LAST_SEEN_SESSION_KEY = "sillon_last_seen"
# A session is saved (and its expiry pushed back) at most this often, not on every
# request: the expiry is then exact to within a minute.
TOUCH_EVERY_SECONDS = 60


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(LAST_SEEN_SESSION_KEY, 0) >= TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Sends a member with an initial password to the password page (what they may
    still reach: that page, logging out, the language switch and static files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.session.get(MUST_CHANGE_PASSWORD_SESSION_KEY)
            and request.user.is_authenticated
            and not self._allowed(request.path)
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed = (
            reverse("accounts:password_change"),
            reverse("accounts:password_change_done"),
            reverse("accounts:logout"),
            reverse("set_language"),
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        return path.startswith(allowed)
