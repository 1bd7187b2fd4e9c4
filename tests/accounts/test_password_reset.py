"""Password reset by e-mail, sent to a real SMTP server on loopback (aiosmtpd)."""

import re
import socket
import time
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import authenticate
from django.urls import reverse

from sillon.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a much longer new passphrase"


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default))
        )
        return "250 Message accepted for delivery"

    def wait(self, count: int = 1, seconds: float = 10):
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and Sillon's default mailer pointed at it as
    EMAIL_URL=smtp://127.0.0.1:<port> would."""
    from sillon.config import email_config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {"default": email_config(f"smtp://127.0.0.1:{port}/?timeout=10")}
        settings.DEFAULT_FROM_EMAIL = "sillon@example.org"
        yield mailbox
    finally:
        controller.stop()


def test_a_member_resets_the_password_by_an_e_mail_link(admin, client, smtp_server, settings):
    settings.SILLON_BASE_URL = "https://sillon.example.org"
    login_page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login_page

    response = client.post(
        reverse("accounts:password_reset"),
        {"email": admin.user.email},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    ((recipients, message),) = smtp_server.wait()
    assert recipients == [admin.user.email]
    assert message["From"] == "sillon@example.org"
    assert message["Subject"] == "Votre nouveau mot de passe sur Sillon"
    body = message.get_content()
    assert admin.user.get_username() in body
    (link,) = re.findall(r"https://\S+", body)
    assert link.startswith("https://sillon.example.org/accounts/password/reset/")

    path = link.removeprefix("https://sillon.example.org")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert authenticate(username=admin.user.username, password=NEW_PASSWORD) == admin.user
    assert AuditEvent.objects.filter(kind="password.changed", actor_id=admin.user.pk).exists()

    # The link works once.
    again = client.get(path, follow=True)
    assert not again.context["validlink"]
    assert "Demandez-en un nouveau" in again.content.decode()  # French by default


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp_server.wait(seconds=1) == []


def test_without_a_base_url_the_link_names_the_host_of_the_request(
    admin, client, smtp_server, settings
):
    settings.SILLON_BASE_URL = ""
    client.post(reverse("accounts:password_reset"), {"email": admin.user.email})
    ((_recipients, message),) = smtp_server.wait()
    assert "http://testserver/accounts/password/reset/" in message.get_content()
