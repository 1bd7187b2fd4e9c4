"""Sign-in throttling with django-axes, on every login form (/accounts/login/ and
/admin/login/): after `AXES_FAILURE_LIMIT` failures for one account, or from one
address, signing in is refused for `AXES_COOLOFF_TIME` with a translated message and
an audit event (signals.py). Settings in sillon/settings.py, variables in
docs/deployment.md."""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses every sign-in of a locked-out account or address (then ModelBackend,
    next in AUTHENTICATION_BACKENDS, checks the password).

    Login forms always pass the request; code that authenticates without one (the test
    client's `login`, a command) has no address to throttle and is let through to the
    next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The address the throttle counts. Behind Sillon's own reverse proxy
    (BEHIND_TLS_PROXY) every request comes from the proxy: the client is then the last
    address the proxy added to X-Forwarded-For (earlier ones are the client's say)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again, with the lock-out message instead of a password check
    (HTTP 429, Too Many Requests)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return TemplateResponse(
        request,
        "accounts/login.html",
        {"form": AuthenticationForm(request), "locked_out": True, "minutes": minutes},
        status=429,
    ).render()
