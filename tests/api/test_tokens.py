"""Personal API tokens: created (shown once, stored hashed), used, expired, revoked."""

import datetime
import hashlib
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sillon.accounts.models import AuditEvent
from sillon.api.models import ApiToken
from tests.api.conftest import base


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def cli_token(username: str, *args: str) -> str:
    out = StringIO()
    call_command("token", "create", "--user", username, "--name", "crm", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_cli_token_reads_projects_and_is_stored_hashed(coach, org_a, org_b):
    secret = cli_token(coach.user.username)
    token = ApiToken.objects.get(user=coach.user)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.key_hash, token.prefix, token.name}
    response = bearer(secret).get(base(org_a) + "projects/")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(kind="api_token.created", actor_id=coach.user.pk).count() == 1
    # An account event: shown to the admins of the member's organisations only.
    assert AuditEvent.objects.visible_to(org_a).filter(kind="api_token.created").count() == 1
    assert not AuditEvent.objects.visible_to(org_b).filter(kind="api_token.created").exists()


def test_no_token_or_a_bad_one_is_401(coach, org_a):
    assert APIClient().get(base(org_a) + "projects/").status_code == 401
    response = bearer("not-a-token").get(base(org_a) + "projects/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer")
    assert client.get(base(org_a) + "projects/").status_code == 401


def test_expired_token_is_401(coach, org_a):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    secret = cli_token(coach.user.username, "--expires", yesterday)
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 401
    today = timezone.localdate().isoformat()
    secret = cli_token(coach.user.username, "--expires", today)
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 200


def test_cli_lists_and_revokes(coach, org_a):
    secret = cli_token(coach.user.username)
    token = ApiToken.objects.get(user=coach.user)
    out = StringIO()
    call_command("token", "list", "--user", coach.user.username, stdout=out)
    assert token.prefix in out.getvalue() and "active" in out.getvalue()
    assert secret not in out.getvalue()
    call_command("token", "revoke", str(token.pk), stdout=StringIO())
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 401
    assert AuditEvent.objects.filter(kind="api_token.revoked", target=f"api_token:{token.pk}")


def test_profile_page_shows_the_token_once_and_revokes(coach, org_a):
    url = reverse("api-tokens")
    response = coach.client.post(url, {"name": "Formulaires", "expires_on": ""})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=coach.user)
    secret = response.context["secret"]
    assert secret.encode() in response.content
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 200
    assert secret.encode() not in coach.client.get(url).content
    coach.client.post(reverse("api-token-revoke", args=[token.pk]))
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 401


def test_profile_page_refuses_a_past_expiry(coach):
    response = coach.client.post(reverse("api-tokens"), {"name": "x", "expires_on": "2000-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"]
    assert not ApiToken.objects.exists()


def test_member_cannot_revoke_anothers_token(coach, manager):
    token, _secret = ApiToken.issue(manager.user, "m")
    response = coach.client.post(reverse("api-token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_admin_lists_and_revokes_members_tokens(admin, coach, outsider, org_a):
    token, secret = ApiToken.issue(coach.user, "crm")
    foreign, _ = ApiToken.issue(outsider.user, "theirs")
    page = admin.client.get(reverse("api-member-tokens", args=[org_a.slug]))
    assert page.status_code == 200
    assert list(page.context["tokens"]) == [token]
    # Another organisation's member's token is not theirs to revoke.
    url = reverse("api-member-token-revoke", args=[org_a.slug, foreign.pk])
    assert admin.client.post(url).status_code == 404
    url = reverse("api-member-token-revoke", args=[org_a.slug, token.pk])
    assert admin.client.post(url).status_code == 302
    assert bearer(secret).get(base(org_a) + "projects/").status_code == 401
    event = AuditEvent.objects.get(kind="api_token.revoked")
    assert event.actor_id == admin.user.pk


def test_only_admins_see_members_tokens(manager, outsider, org_a):
    url = reverse("api-member-tokens", args=[org_a.slug])
    assert manager.client.get(url).status_code == 403
    assert outsider.client.get(url).status_code == 404
