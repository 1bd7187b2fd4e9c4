"""Rate limits per token (per member for the session): a burst and a sustained rate,
answered with 429 and Retry-After (DRF sets the header from `wait()`)."""

from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "pk"):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BurstRateThrottle(TokenRateThrottle):
    scope = "burst"


class SustainedRateThrottle(TokenRateThrottle):
    scope = "sustained"
